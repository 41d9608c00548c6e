// EddyPlanner module.
