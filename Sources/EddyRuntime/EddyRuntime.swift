// EddyRuntime module.
