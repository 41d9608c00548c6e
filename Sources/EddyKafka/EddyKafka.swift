// EddyKafka module.
