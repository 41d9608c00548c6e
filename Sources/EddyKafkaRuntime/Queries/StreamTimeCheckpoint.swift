import EddyKafka

/// Stream time travels with committed offsets, as in Kafka Streams: each committed partition
/// carries the stream time its records advance. `key` maps a topic and partition to the
/// processor's stream-time key (source partitions share partition numbers, like a Kafka Streams
/// task `0_p`; a repartition topic's downstream half has keys of its own).
enum StreamTimeCheckpoint {
    typealias Key = (_ topic: String, _ partition: Int32) -> Int32

    /// `offsets` with their stream time as metadata (unchanged where there is none).
    static func attach(_ times: [Int32: Int64], to offsets: [TopicPartitionOffset], key: Key) -> [TopicPartitionOffset] {
        guard !times.isEmpty else { return offsets }
        return offsets.map { offset in
            var offset = offset
            if let time = times[key(offset.topic, offset.partition)] { offset.metadata = StreamTimeMetadata.encode(time) }
            return offset
        }
    }

    /// The stream time per key found in committed offsets (the highest when several committed
    /// partitions map to one key).
    static func times(in committed: [TopicPartitionOffset], key: Key) -> [Int32: Int64] {
        var times: [Int32: Int64] = [:]
        for offset in committed {
            guard let time = StreamTimeMetadata.decode(offset.metadata) else { continue }
            let k = key(offset.topic, offset.partition)
            times[k] = max(times[k] ?? .min, time)
        }
        return times
    }
}
