// EddyEngine module.
