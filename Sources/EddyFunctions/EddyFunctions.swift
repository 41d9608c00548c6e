// EddyFunctions module.
