/// Where topics live when the engine runs on a real cluster instead of in memory.
///
/// The engine talks to topics only through `InMemoryBroker` (existence checks, creation for
/// sinks, SHOW TOPICS, INSERT VALUES). Giving the broker a backend forwards those calls to the
/// cluster, so statement execution is the same code in `eddy test` and in the server. Records
/// then live on the cluster: queries read them through their own consumers, not `read`.
///
/// The calls are synchronous because statement execution is. Implementations block, so the
/// engine must run on a thread of its own, never on Swift's cooperative pool.
public protocol TopicBackend: AnyObject, Sendable {
    /// The topic's partition count, or nil if it does not exist.
    func describeTopic(_ name: String) throws -> InMemoryBroker.TopicDescription?
    func createTopic(_ name: String, partitions: Int, replicas: Int?) throws
    /// Creates a topic with topic-level configs (`cleanup.policy`, `retention.ms`), as ksqlDB
    /// creates sink topics. Backends that cannot pass configs fall back to the plain call.
    func createTopic(_ name: String, partitions: Int, replicas: Int?, config: [String: String]) throws
    func deleteTopic(_ name: String) throws
    /// Topics users see (SHOW TOPICS), sorted by name.
    func listTopics() throws -> [InMemoryBroker.TopicDescription]
    /// Queues one record (INSERT VALUES); delivery failures are reported asynchronously.
    func produce(_ record: KafkaRecord) throws
    /// Every record the topic holds now, partition by partition in offset order; empty if it
    /// does not exist. For restoring state from changelog topics when a query starts, not for
    /// processing.
    func read(_ topic: String) throws -> [KafkaRecord]
}

extension TopicBackend {
    public func createTopic(_ name: String, partitions: Int, replicas: Int?, config: [String: String]) throws {
        try createTopic(name, partitions: partitions, replicas: replicas)
    }
}

/// The first failure a backend call hit since the last `takeBackendError()`. The broker's API
/// does not throw (in memory nothing can fail), so whoever runs statements on a real cluster
/// checks this after each statement and reports it as the statement's error.
public struct TopicBackendError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var underlying: any Error

    public var description: String { "\(operation): \(underlying)" }
}
