import EddyRuntime
import Synchronization

/// Write-behind for changelog topics, as Kafka Streams' record cache does: between commits only
/// the latest record per key and topic is kept, and `drain` hands them over in first-seen order.
/// A changelog is compacted (only a key's last value matters), so a store updated a thousand
/// times between commits writes once. Shared by every query of a runtime, hence the lock.
final class ChangelogBuffer: Sendable {
    private struct Topic {
        var order: [[UInt8]] = []
        var latest: [[UInt8]: KafkaRecord] = [:]
    }

    private let topics = Mutex<[String: Topic]>([:])

    static func isChangelog(_ topic: String) -> Bool { topic.hasSuffix("-changelog") }

    /// Keeps `record` (it must have a key) in place of the key's previous one.
    func put(_ record: KafkaRecord, key: [UInt8]) {
        topics.withLock { topics in
            if topics[record.topic]?.latest.updateValue(record, forKey: key) == nil {
                topics[record.topic, default: Topic()].order.append(key)
                topics[record.topic]!.latest[key] = record
            }
        }
    }

    /// Takes every buffered record out.
    func drain() -> [KafkaRecord] {
        let taken = topics.withLock { topics in
            defer { topics.removeAll() }
            return topics
        }
        var records: [KafkaRecord] = []
        for topic in taken.values {
            for key in topic.order { if let record = topic.latest[key] { records.append(record) } }
        }
        return records
    }
}
