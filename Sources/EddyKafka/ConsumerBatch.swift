import CRdKafka

/// A reusable buffer of consumed messages. Filling it releases the previous messages, so
/// their bytes are read in place and never copied unless the caller asks.
///
/// One task owns a batch at a time; it is `Sendable` only so it can be filled on the
/// consumer's thread.
public final class ConsumerBatch: @unchecked Sendable {
    public let capacity: Int
    fileprivate let slots: UnsafeMutablePointer<UnsafeMutablePointer<rd_kafka_message_t>?>
    public fileprivate(set) var count = 0
    /// Per-message errors from the last fill (e.g. offset out of range); those messages are
    /// not counted in `count`.
    public private(set) var errors: [KafkaError] = []
    /// Partitions that reached their end in the last fill (needs `enable.partition.eof`).
    public private(set) var reachedEnd: [TopicPartition] = []

    public init(capacity: Int = 10_000) {
        precondition(capacity > 0)
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: nil, count: capacity)
    }

    deinit {
        clear()
        slots.deallocate()
    }

    public var isEmpty: Bool { count == 0 }

    /// Releases the messages now rather than at the next fill.
    public func clear() {
        for index in 0..<count { rd_kafka_message_destroy(slots[index]) }
        count = 0
        errors.removeAll(keepingCapacity: true)
        reachedEnd.removeAll(keepingCapacity: true)
    }

    public func withMessage<R>(at index: Int, _ body: (KafkaMessageView) throws -> R) rethrows -> R {
        precondition(index >= 0 && index < count, "message index out of range")
        return try body(KafkaMessageView(message: slots[index]!))
    }

    /// Each message is prefetched a few messages ahead of its turn (its struct and the start of
    /// its payload): the consuming thread otherwise stalls on them in the decoder.
    public func forEach(_ body: (KafkaMessageView) throws -> Void) rethrows {
        let ahead = 4
        for index in 0..<min(ahead, count) { eddy_prefetch_message(slots[index]) }
        for index in 0..<count {
            if index + ahead < count { eddy_prefetch_message(slots[index + ahead]) }
            try body(KafkaMessageView(message: slots[index]!))
        }
    }

    public func copyMessages() -> [KafkaMessage] {
        (0..<count).map { index in KafkaMessageView(message: slots[index]!).copy() }
    }

    /// Blocks up to `timeoutMs` for a first message, then takes whatever else is already
    /// fetched without waiting: `rd_kafka_consume_batch_queue` alone would wait for a full batch.
    func fill(from queue: OpaquePointer, limit: Int, timeoutMs: Int32) throws(KafkaError) {
        clear()
        let limit = min(max(limit, 1), capacity)
        let first = rd_kafka_consume_batch_queue(queue, timeoutMs, slots, 1)
        guard first >= 0 else { throw KafkaError(rd_kafka_last_error(), context: "consume") }
        var received = first
        if first == 1 && limit > 1 {
            let more = rd_kafka_consume_batch_queue(queue, 0, slots + 1, limit - 1)
            guard more >= 0 else {
                rd_kafka_message_destroy(slots[0])
                throw KafkaError(rd_kafka_last_error(), context: "consume")
            }
            received += more
        }
        compact(received)
    }

    /// Moves error messages out of the batch, keeping the data messages contiguous.
    private func compact(_ received: Int) {
        var kept = 0
        for index in 0..<received {
            let message = slots[index]!
            let err = message.pointee.err
            if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                slots[kept] = message
                kept += 1
                continue
            }
            if err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
                let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
                reachedEnd.append(TopicPartition(topic, message.pointee.partition))
            } else {
                errors.append(
                    KafkaError(code: KafkaError.Code(err), message: String(cString: rd_kafka_message_errstr(message))))
            }
            rd_kafka_message_destroy(message)
        }
        count = kept
    }
}

extension ConsumerBatch {
    /// Keeps the messages `keep` accepts, in order, and releases the others: a batch filled
    /// while its partitions were being revoked drops what the next owner will read.
    public func retain(where keep: (KafkaMessageView) -> Bool) {
        var kept = 0
        for index in 0..<count {
            let message = slots[index]!
            if keep(KafkaMessageView(message: message)) {
                slots[kept] = message
                kept += 1
            } else {
                rd_kafka_message_destroy(message)
            }
        }
        count = kept
    }
}
