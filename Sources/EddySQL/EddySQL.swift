// EddySQL module.
