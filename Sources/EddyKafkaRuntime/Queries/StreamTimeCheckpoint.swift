import EddyKafka

/// Stream time travels with committed offsets, as in Kafka Streams: each committed source
/// partition carries the stream time of its task (Eddy's stream time is per partition number,
/// shared by the topics a query reads, like a Kafka Streams task `0_p`).
enum StreamTimeCheckpoint {
    /// `offsets` with their partition's stream time as metadata (unchanged where there is none).
    static func attach(_ times: [Int32: Int64], to offsets: [TopicPartitionOffset]) -> [TopicPartitionOffset] {
        guard !times.isEmpty else { return offsets }
        return offsets.map { offset in
            var offset = offset
            if let time = times[offset.partition] { offset.metadata = StreamTimeMetadata.encode(time) }
            return offset
        }
    }

    /// The stream time per partition number found in committed offsets (the highest when
    /// several topics of the same partition carry one).
    static func times(in committed: [TopicPartitionOffset]) -> [Int32: Int64] {
        var times: [Int32: Int64] = [:]
        for offset in committed {
            guard let time = StreamTimeMetadata.decode(offset.metadata) else { continue }
            times[offset.partition] = max(times[offset.partition] ?? .min, time)
        }
        return times
    }
}
