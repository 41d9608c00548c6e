// EddyTesting module.
