import CRdKafka

/// Messages gathered for one `rd_kafka_produce_batch` call, for throughput.
///
/// Bytes are copied into one reusable arena, so appending never holds on to the caller's
/// buffers. librdkafka's batch call takes no timestamps or headers: use `produce` for those.
public final class ProducerBatch {
    private struct Entry {
        var keyOffset: Int
        var keyLength: Int  // -1 for a null key
        var valueOffset: Int
        var valueLength: Int  // -1 for a null value
        var partition: Int32
    }

    private var arena: [UInt8] = []
    private var entries: [Entry] = []
    private var messages: UnsafeMutablePointer<rd_kafka_message_t>?
    private var messageCapacity = 0

    public init(reservingBytes: Int = 0, messages: Int = 0) {
        arena.reserveCapacity(reservingBytes)
        entries.reserveCapacity(messages)
    }

    deinit { messages?.deallocate() }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    public func removeAll() {
        arena.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
    }

    /// Adds a message; a nil partition lets the producer's partitioner choose.
    public func append(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, partition: Int32? = nil) {
        let keyOffset = arena.count
        if let key { arena.append(contentsOf: key) }
        let valueOffset = arena.count
        if let value { arena.append(contentsOf: value) }
        entries.append(Entry(
            keyOffset: keyOffset, keyLength: key?.count ?? -1, valueOffset: valueOffset,
            valueLength: value?.count ?? -1, partition: partition ?? eddy_rd_kafka_partition_ua()))
    }

    public func append(key: [UInt8]?, value: [UInt8]?, partition: Int32? = nil) {
        withOptionalBytes(key) { key in
            withOptionalBytes(value) { value in append(key: key, value: value, partition: partition) }
        }
    }

    /// Lays the entries out as `rd_kafka_message_t`s pointing into the arena and calls `body`.
    func withNativeMessages<R>(
        firstID: UInt64, _ body: (UnsafeMutablePointer<rd_kafka_message_t>, Int) -> R
    ) -> R {
        if messageCapacity < entries.count {
            messages?.deallocate()
            messageCapacity = max(entries.count, messageCapacity * 2)
            messages = .allocate(capacity: messageCapacity)
        }
        let messages = self.messages!
        return arena.withUnsafeMutableBytes { bytes in
            let base = bytes.baseAddress
            for (index, entry) in entries.enumerated() {
                var message = rd_kafka_message_t()
                message.partition = entry.partition
                if entry.keyLength >= 0 {
                    message.key = base.map { UnsafeMutableRawPointer($0 + entry.keyOffset) }
                    message.key_len = entry.keyLength
                }
                if entry.valueLength >= 0 {
                    // A zero-length non-null value still needs a non-NULL pointer.
                    message.payload = base.map { $0 + entry.valueOffset } ?? UnsafeMutableRawPointer(messages)
                    message.len = entry.valueLength
                }
                message._private = UnsafeMutableRawPointer(bitPattern: UInt(firstID + UInt64(index)))
                messages[index] = message
            }
            return body(messages, entries.count)
        }
    }
}

/// What `produceBatch` accepted. Rejected messages get no delivery report.
public struct BatchProduceResult: Sendable {
    public var accepted: Int
    /// Index in the batch and the reason, for each rejected message.
    public var rejected: [(index: Int, error: KafkaError)]
}

extension KafkaProducer {
    /// Queues a whole batch to `topic` with one librdkafka call (messages are copied).
    public func produceBatch(_ batch: ProducerBatch, topic: String) throws(KafkaError) -> BatchProduceResult {
        guard !batch.isEmpty else { return BatchProduceResult(accepted: 0, rejected: []) }
        let rkt = try topicHandle(topic)
        let firstID = state.nextID.wrappingAdd(UInt64(batch.count), ordering: .relaxed).oldValue
        return batch.withNativeMessages(firstID: firstID) { messages, count in
            // Per-message partitions; PARTITION_UA entries go through the partitioner.
            let flags = RD_KAFKA_MSG_F_COPY | RD_KAFKA_MSG_F_PARTITION | blockingFlag
            let accepted = rd_kafka_produce_batch(rkt.raw, eddy_rd_kafka_partition_ua(), flags, messages, Int32(count))
            var rejected: [(index: Int, error: KafkaError)] = []
            if Int(accepted) < count {
                for index in 0..<count where messages[index].err != RD_KAFKA_RESP_ERR_NO_ERROR {
                    rejected.append((index, KafkaError(messages[index].err, context: "produce to \(topic)")))
                }
            }
            return BatchProduceResult(accepted: Int(accepted), rejected: rejected)
        }
    }
}
