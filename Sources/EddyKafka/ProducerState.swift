import CRdKafka
import Synchronization

/// What the delivery-report callback shares with the producer's callers.
final class ProducerState: Sendable {
    /// Ids of messages whose caller awaits the report carry this bit.
    static let awaitedBit: UInt64 = 1 << 62
    /// Failed reports kept for `takeFailedDeliveries()`; older ones are counted but dropped.
    static let failedReportLimit = 1_000

    let nextID = Atomic<UInt64>(1)
    let delivered = Atomic<Int>(0)
    let failed = Atomic<Int>(0)
    let waiters = Mutex<[UInt64: CheckedContinuation<DeliveryReport, Error>]>([:])
    let failedReports = Mutex<[DeliveryReport]>([])
    let topics = Mutex<[String: UnownedHandle]>([:])
    let onDelivery: (@Sendable (DeliveryReport) -> Void)?

    init(onDelivery: (@Sendable (DeliveryReport) -> Void)?) {
        self.onDelivery = onDelivery
    }

    func makeID(awaited: Bool) -> UInt64 {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        return awaited ? id | Self.awaitedBit : id
    }

    /// Runs on whichever thread serves librdkafka's callbacks (the poller, or one in flush).
    func handleDelivery(_ message: UnsafePointer<rd_kafka_message_t>) {
        let id = UInt64(UInt(bitPattern: message.pointee._private))
        let ok = message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR
        if ok { delivered.wrappingAdd(1, ordering: .relaxed) } else { failed.wrappingAdd(1, ordering: .relaxed) }
        let awaited = id & Self.awaitedBit != 0
        // Building a report allocates (the topic name), so only do it when someone wants it.
        guard !ok || awaited || onDelivery != nil else { return }
        let report = Self.report(id: id, message)
        if !ok {
            failedReports.withLock { if $0.count < Self.failedReportLimit { $0.append(report) } }
        }
        if awaited, let waiter = waiters.withLock({ $0.removeValue(forKey: id) }) {
            if let error = report.error { waiter.resume(throwing: error) } else { waiter.resume(returning: report) }
        }
        onDelivery?(report)
    }

    private static func report(id: UInt64, _ message: UnsafePointer<rd_kafka_message_t>) -> DeliveryReport {
        let m = message.pointee
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        let error: KafkaError?
        if m.err == RD_KAFKA_RESP_ERR_NO_ERROR {
            error = nil
        } else {
            error = KafkaError(code: KafkaError.Code(m.err), message: String(cString: rd_kafka_message_errstr(message)))
        }
        return DeliveryReport(
            id: id & ~awaitedBit, topic: String(cString: rd_kafka_topic_name(m.rkt)), partition: m.partition,
            offset: m.offset, timestamp: timestamp >= 0 ? timestamp : nil, error: error)
    }
}

