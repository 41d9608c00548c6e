import EddyKafka
import Logging

/// Quiet loggers: clients outlive their test's mock cluster briefly and log refused connections.
func testLogger(_ label: String = "eddy.kafka.test") -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .critical
    return logger
}

/// Consumes until `count` messages arrived (copied out) or `deadline` passed.
func consumeMessages(
    _ consumer: KafkaConsumer, count: Int, deadline: Duration = .seconds(20)
) async throws -> [KafkaMessage] {
    let batch = ConsumerBatch(capacity: 1_000)
    var messages: [KafkaMessage] = []
    let clock = ContinuousClock()
    let end = clock.now + deadline
    while messages.count < count && clock.now < end {
        try await consumer.consume(into: batch, maxMessages: count - messages.count, timeout: .milliseconds(200))
        messages += batch.copyMessages()
    }
    return messages
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }
