import CRdKafka
import Logging

/// Topic administration: create, delete, list and describe.
///
/// Listing and describing use cluster metadata, which every broker (and the mock) serves.
/// The mock cluster has no CreateTopics handler, so an admin built with `mockCluster`
/// creates topics through the mock's own API instead.
public final class KafkaAdmin: Sendable {
    private let client: RDKafkaClient
    private let worker: KafkaThread
    private let mockCluster: MockCluster?
    var mock: MockCluster? { mockCluster }

    public init(config: KafkaConfig, logger: Logger, mockCluster: MockCluster? = nil) throws(KafkaError) {
        let context = ClientContext(logger: logger, onError: nil)
        client = try RDKafkaClient(kind: .producer, config: config, context: context)
        worker = KafkaThread(name: "eddy-admin")
        self.mockCluster = mockCluster
    }

    deinit {
        worker.retire { [client] in withExtendedLifetime(client) {} }
    }

    /// Every topic in the cluster, sorted by name, including internal ones.
    public func listTopics(timeout: Duration = .seconds(10)) async throws -> [TopicMetadata] {
        let ms = timeout.milliseconds
        return try await run { rk in
            var metadata: UnsafePointer<rd_kafka_metadata>?
            try KafkaError.check(rd_kafka_metadata(rk, 1, nil, &metadata, ms), "list topics")
            defer { rd_kafka_metadata_destroy(metadata) }
            return TopicMetadata.from(metadata!).sorted { $0.name < $1.name }
        }
    }

    /// One topic's partitions; throws `.unknownTopicOrPartition` if it does not exist.
    public func describeTopic(_ name: String, timeout: Duration = .seconds(10)) async throws -> TopicMetadata {
        // Asking for all topics never auto-creates the one asked about.
        guard let topic = try await listTopics(timeout: timeout).first(where: { $0.name == name }) else {
            throw KafkaError(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART, context: "topic \(name)")
        }
        if let error = topic.error { throw error }
        return topic
    }

    public func topicExists(_ name: String, timeout: Duration = .seconds(10)) async throws -> Bool {
        try await listTopics(timeout: timeout).contains { $0.name == name && $0.error == nil }
    }

    /// Creates topics; the first failure is thrown (`.topicAlreadyExists` and others).
    public func createTopics(_ topics: [NewTopic], timeout: Duration = .seconds(30)) async throws {
        if let mockCluster {
            for topic in topics {
                try mockCluster.createTopic(
                    topic.name, partitions: topic.partitions, replicationFactor: Int32(topic.replicationFactor))
            }
            return
        }
        let ms = timeout.milliseconds
        try await run { rk in try Self.createTopics(rk, topics, timeoutMs: ms) }
    }

    public func createTopic(_ topic: NewTopic, timeout: Duration = .seconds(30)) async throws {
        try await createTopics([topic], timeout: timeout)
    }

    /// Deletes topics (not supported by the mock cluster).
    public func deleteTopics(_ names: [String], timeout: Duration = .seconds(30)) async throws {
        let ms = timeout.milliseconds
        try await run { rk in try Self.deleteTopics(rk, names, timeoutMs: ms) }
    }

    /// Runs `body` on the calling thread with the raw handle.
    func withRawHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try withExtendedLifetime(self) { try client.withHandle { rk in try body(rk) } }
    }

    private func run<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        let handle = client.unownedHandle
        return try await worker.run { [self] in
            try withExtendedLifetime(self) { try body(handle.raw) }
        }
    }
}
