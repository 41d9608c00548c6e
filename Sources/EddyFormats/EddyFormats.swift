// EddyFormats module.
