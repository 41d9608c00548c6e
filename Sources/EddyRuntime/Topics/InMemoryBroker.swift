import EddyCore
import Synchronization

/// The in-memory implementation of topics, used by `eddy test` and unit tests. It keeps every record
/// in append order per topic, so a test run is deterministic and a consumer can re-read from any offset.
public final class InMemoryBroker: Sendable {
    public struct TopicDescription: Sendable, Hashable {
        public var name: String
        public var partitions: Int
    }

    private struct State {
        var topics: [String: TopicDescription] = [:]
        var logs: [String: [KafkaRecord]] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func createTopic(_ name: String, partitions: Int = 1) {
        state.withLock { s in
            if s.topics[name] == nil {
                s.topics[name] = TopicDescription(name: name, partitions: max(1, partitions))
                s.logs[name] = []
            }
        }
    }

    public func deleteTopic(_ name: String) {
        state.withLock { s in
            s.topics[name] = nil
            s.logs[name] = nil
        }
    }

    public func topic(_ name: String) -> TopicDescription? {
        state.withLock { $0.topics[name] }
    }

    public var topicNames: [String] {
        state.withLock { Array($0.topics.keys).sorted() }
    }

    /// Appends a record, creating the topic with one partition if needed. Returns the stored record
    /// with its offset assigned (offsets count per topic, which is enough for a single reader).
    @discardableResult
    public func append(_ record: KafkaRecord) -> KafkaRecord {
        state.withLock { s in
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
        state.withLock { s in
            guard let log = s.logs[topic], offset < log.count else { return [] }
            return Array(log[max(0, offset)...])
        }
    }

    public func endOffset(_ topic: String) -> Int {
        state.withLock { $0.logs[topic]?.count ?? 0 }
    }
}
