import EddyCore
import Synchronization

/// The in-memory implementation of topics, used by `eddy test` and unit tests. It keeps every record
/// in append order per topic, so a test run is deterministic and a consumer can re-read from any offset.
///
/// With a `TopicBackend` (the server on Kafka) topic metadata, appends and reads go to the cluster
/// instead; queries then consume their sources themselves, and `read` serves only restores.
public final class InMemoryBroker: Sendable {
    public struct TopicDescription: Sendable, Hashable {
        public var name: String
        public var partitions: Int

        public init(name: String, partitions: Int) {
            self.name = name
            self.partitions = partitions
        }
    }

    private struct State {
        var topics: [String: TopicDescription] = [:]
        var logs: [String: [KafkaRecord]] = [:]
        /// Topic-level configs given at creation (kept so tests and SHOW can see what was asked).
        var configs: [String: [String: String]] = [:]
    }

    private let state = Mutex(State())
    public let backend: (any TopicBackend)?
    private let backendError = Mutex<TopicBackendError?>(nil)

    public init(backend: (any TopicBackend)? = nil) {
        self.backend = backend
    }

    /// The first backend failure since the last call (see `TopicBackendError`).
    public func takeBackendError() -> TopicBackendError? {
        backendError.withLock { error in
            defer { error = nil }
            return error
        }
    }

    private func viaBackend<T>(_ operation: String, _ body: (any TopicBackend) throws -> T) -> T? {
        do {
            return try body(backend!)
        } catch {
            backendError.withLock { if $0 == nil { $0 = TopicBackendError(operation: operation, underlying: error) } }
            return nil
        }
    }

    public func createTopic(_ name: String, partitions: Int = 1, replicas: Int? = nil, config: [String: String] = [:]) {
        if backend != nil {
            _ = viaBackend("create topic \(name)") {
                try $0.createTopic(name, partitions: max(1, partitions), replicas: replicas, config: config)
            }
            return
        }
        state.withLock { s in
            if s.topics[name] == nil {
                s.topics[name] = TopicDescription(name: name, partitions: max(1, partitions))
                s.logs[name] = []
                if !config.isEmpty { s.configs[name] = config }
            }
        }
    }

    /// The topic-level configs a topic was created with here (empty on a backend or when none).
    public func topicConfig(_ name: String) -> [String: String] {
        state.withLock { $0.configs[name] ?? [:] }
    }

    public func deleteTopic(_ name: String) {
        if backend != nil {
            _ = viaBackend("delete topic \(name)") { try $0.deleteTopic(name) }
            return
        }
        state.withLock { s in
            s.topics[name] = nil
            s.logs[name] = nil
        }
    }

    public func topic(_ name: String) -> TopicDescription? {
        if backend != nil { return viaBackend("describe topic \(name)") { try $0.describeTopic(name) } ?? nil }
        return state.withLock { $0.topics[name] }
    }

    public var topicNames: [String] {
        if backend != nil { return viaBackend("list topics") { try $0.listTopics().map(\.name) } ?? [] }
        return state.withLock { Array($0.topics.keys).sorted() }
    }

    /// Appends a record, creating the topic with one partition if needed. Returns the stored record
    /// with its offset assigned (offsets count per topic, which is enough for a single reader).
    @discardableResult
    public func append(_ record: KafkaRecord) -> KafkaRecord {
        if backend != nil {
            _ = viaBackend("produce to \(record.topic)") { try $0.produce(record) }
            return record
        }
        return state.withLock { s in
            if s.topics[record.topic] == nil {
                s.topics[record.topic] = TopicDescription(name: record.topic, partitions: 1)
                s.logs[record.topic] = []
            }
            var stored = record
            let partitions = s.topics[record.topic]!.partitions
            if stored.partition < 0 || Int(stored.partition) >= partitions { stored.partition = 0 }
            stored.offset = Int64(s.logs[record.topic]!.count)
            s.logs[record.topic]!.append(stored)
            return stored
        }
    }

    /// Records of a topic from `offset` (inclusive) to the current end.
    public func read(_ topic: String, from offset: Int = 0) -> [KafkaRecord] {
        if backend != nil {
            let records = viaBackend("read \(topic)") { try $0.read(topic) } ?? []
            return offset <= 0 ? records : Array(records.dropFirst(offset))
        }
        return state.withLock { s in
            guard let log = s.logs[topic], offset < log.count else { return [] }
            return Array(log[max(0, offset)...])
        }
    }

    public func endOffset(_ topic: String) -> Int {
        state.withLock { $0.logs[topic]?.count ?? 0 }
    }
}
