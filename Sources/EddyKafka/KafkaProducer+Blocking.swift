import CRdKafka

/// A cached topic handle for the produce hot path: looking a topic up by name takes a lock
/// and hashes the name, which a query that writes one sink topic should pay only once.
public struct ProducerTopic: @unchecked Sendable {
    let handle: UnownedHandle
    public let name: String
}

// Calls for code that already runs on a dedicated thread of its own (a query's processing
// loop): they block the calling thread and must never be used from a Swift task.
extension KafkaProducer {
    /// The handle for `name`, valid as long as this producer.
    public func topic(_ name: String) throws(KafkaError) -> ProducerTopic {
        ProducerTopic(handle: try topicHandle(name), name: name)
    }

    /// Queues one message from borrowed bytes (copied before returning). A nil partition lets
    /// the configured partitioner choose from the key; a nil timestamp means "now".
    public func produce(
        to topic: ProducerTopic, partition: Int32? = nil, key: UnsafeRawBufferPointer?,
        value: UnsafeRawBufferPointer?, timestamp: Int64? = nil
    ) throws(KafkaError) {
        let id = state.makeID(awaited: false)
        let err = client.withHandle { rk in
            eddy_rd_kafka_produce(
                rk, topic.handle.raw, partition ?? eddy_rd_kafka_partition_ua(), RD_KAFKA_MSG_F_COPY | blockingFlag,
                key?.baseAddress, key?.count ?? 0, value?.baseAddress, value?.count ?? 0,
                timestamp ?? 0, nil, UnsafeMutableRawPointer(bitPattern: UInt(id)))
        }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, context: "produce to \(topic.name)") }
    }

    /// The topic's partition count from the cluster's metadata, fetched on the calling thread.
    public func partitionCountBlocking(of topic: ProducerTopic, timeout: Duration = .seconds(10)) throws(KafkaError) -> Int {
        let ms = timeout.milliseconds
        var metadata: UnsafePointer<rd_kafka_metadata>?
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_metadata(rk, 0, topic.handle.raw, &metadata, ms), "metadata of \(topic.name)")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        guard let md = metadata?.pointee, md.topic_cnt == 1 else {
            throw KafkaError(code: .unknownTopic, message: "no metadata for \(topic.name)")
        }
        let found = md.topics[0]
        if found.err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(found.err, context: "metadata of \(topic.name)") }
        return Int(found.partition_cnt)
    }

    /// Waits on the calling thread until every queued message has a delivery report.
    public func flushBlocking(timeout: Duration = .seconds(30)) throws(KafkaError) {
        let ms = timeout.milliseconds
        try client.withHandle { (rk) throws(KafkaError) in try KafkaError.check(rd_kafka_flush(rk, ms), "flush") }
    }
}

extension KafkaConsumer {
    /// Commits `offsets` synchronously on the calling thread (the thread that consumes).
    public func commitBlocking(_ offsets: [TopicPartitionOffset]) throws(KafkaError) {
        guard !offsets.isEmpty else { return }
        let list = PartitionList(offsets)
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_commit(rk, list.pointer, 0), "commit")
        }
        if let failed = list.offsets.first(where: { $0.error != nil }) { throw failed.error! }
    }

    /// The group's committed offsets and their metadata, fetched on the calling thread. Safe
    /// inside the rebalance hook (librdkafka allows it there), e.g. to restore per-partition state.
    public func committedBlocking(_ partitions: [TopicPartition], timeout: Duration = .seconds(10)) throws(KafkaError)
        -> [TopicPartitionOffset]
    {
        guard !partitions.isEmpty else { return [] }
        let list = PartitionList(partitions)
        let ms = timeout.milliseconds
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_committed(rk, list.pointer, ms), "committed")
        }
        return list.offsets
    }

    /// Leaves the group on the calling thread; revocations run through the rebalance hook.
    public func closeBlocking() throws(KafkaError) {
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_consumer_close(rk), "close")
        }
    }
}
