import CRdKafka

/// Low and high watermarks of one partition: the first offset still stored and the next
/// offset to be written.
public struct Watermarks: Sendable, Hashable {
    public var low: Int64
    public var high: Int64
    public var count: Int64 { max(0, high - low) }
}

// Synchronous forms for callers that run on their own thread (the statement executor), which
// must answer inside a synchronous call such as "does this topic exist?".
extension KafkaAdmin {
    public func listTopicsBlocking(timeout: Duration = .seconds(10)) throws -> [TopicMetadata] {
        let ms = timeout.milliseconds
        return try withRawHandle { rk in
            var metadata: UnsafePointer<rd_kafka_metadata>?
            try KafkaError.check(rd_kafka_metadata(rk, 1, nil, &metadata, ms), "list topics")
            defer { rd_kafka_metadata_destroy(metadata) }
            return TopicMetadata.from(metadata!).sorted { $0.name < $1.name }
        }
    }

    public func createTopicsBlocking(_ topics: [NewTopic], timeout: Duration = .seconds(30)) throws {
        if let mockCluster = mock {
            for topic in topics {
                try mockCluster.createTopic(
                    topic.name, partitions: topic.partitions, replicationFactor: Int32(topic.replicationFactor))
            }
            return
        }
        let ms = timeout.milliseconds
        try withRawHandle { rk in try Self.createTopics(rk, topics, timeoutMs: ms) }
    }

    public func deleteTopicsBlocking(_ names: [String], timeout: Duration = .seconds(30)) throws {
        let ms = timeout.milliseconds
        try withRawHandle { rk in try Self.deleteTopics(rk, names, timeoutMs: ms) }
    }

    /// Asks the partition's leader for its watermarks.
    public func watermarksBlocking(_ topic: String, partition: Int32, timeout: Duration = .seconds(5)) throws
        -> Watermarks
    {
        let ms = timeout.milliseconds
        return try withRawHandle { rk in
            var low: Int64 = 0
            var high: Int64 = 0
            try KafkaError.check(
                rd_kafka_query_watermark_offsets(rk, topic, partition, &low, &high, ms), "watermarks of \(topic)")
            return Watermarks(low: low, high: high)
        }
    }
}
