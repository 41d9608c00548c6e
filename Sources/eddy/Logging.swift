import Logging

/// Sends swift-log (and through it librdkafka's log) to standard error at the chosen level;
/// an unknown level name falls back to `fallback`.
func bootstrapLogging(level name: String, fallback: Logger.Level) {
    let level = Logger.Level(rawValue: name) ?? fallback
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
