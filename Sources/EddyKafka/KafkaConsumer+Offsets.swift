import CRdKafka

extension KafkaConsumer {
    /// Commits `offsets` and waits for the group coordinator's answer. With nil it commits
    /// the current consumed positions of the whole assignment.
    public func commit(_ offsets: [TopicPartitionOffset]?) async throws {
        try await runBlocking { rk in
            // Built on the worker: the native list is not Sendable.
            let list = offsets.map(PartitionList.init)
            try KafkaError.check(rd_kafka_commit(rk, list?.pointer, 0), "commit")
            if let failed = list?.offsets.first(where: { $0.error != nil }) { throw failed.error! }
        }
    }

    /// Starts a commit and returns at once; the result arrives as `ConsumerEvent.committed`.
    public func commitAsync(_ offsets: [TopicPartitionOffset]?) throws(KafkaError) {
        let list = offsets.map(PartitionList.init)
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_commit(rk, list?.pointer, 1), "commit")
        }
    }

    /// The group's committed offsets (`KafkaOffset.invalid` where nothing is committed).
    public func committed(_ partitions: [TopicPartition], timeout: Duration = .seconds(10)) async throws
        -> [TopicPartitionOffset]
    {
        let ms = timeout.milliseconds
        return try await runBlocking { rk in
            let list = PartitionList(partitions)
            try KafkaError.check(rd_kafka_committed(rk, list.pointer, ms), "committed")
            return list.offsets
        }
    }

    /// The next offset this consumer will read per partition (`KafkaOffset.invalid` if unknown).
    public func position(_ partitions: [TopicPartition]) throws(KafkaError) -> [TopicPartitionOffset] {
        let list = PartitionList(partitions)
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_position(rk, list.pointer), "position")
        }
        return list.offsets
    }

    /// Moves the fetch position of assigned partitions.
    public func seek(_ offsets: [TopicPartitionOffset], timeout: Duration = .seconds(10)) async throws {
        let ms = Self.seekTimeoutArgument(timeout.milliseconds, libraryVersion: rd_kafka_version())
        try await runBlocking { rk in
            let list = PartitionList(offsets)
            try KafkaError.check(consuming: rd_kafka_seek_partitions(rk, list.pointer, ms))
            if let failed = list.offsets.first(where: { $0.error != nil }) { throw failed.error! }
        }
    }

    /// Stops fetching from these partitions until `resume`; the assignment is kept.
    public func pause(_ partitions: [TopicPartition]) throws(KafkaError) {
        let list = PartitionList(partitions)
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_pause_partitions(rk, list.pointer), "pause")
        }
        if let failed = list.offsets.first(where: { $0.error != nil }) { throw failed.error! }
    }

    public func resume(_ partitions: [TopicPartition]) throws(KafkaError) {
        let list = PartitionList(partitions)
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(rd_kafka_resume_partitions(rk, list.pointer), "resume")
        }
        if let failed = list.offsets.first(where: { $0.error != nil }) { throw failed.error! }
    }

    /// The value to pass as `rd_kafka_seek_partitions`' timeout so that it waits `ms`. Before
    /// librdkafka 2.1.0 (#4230) the function waited its remaining milliseconds as microseconds,
    /// i.e. a thousandth of the timeout: Debian's 2.0.2 gave up after 10 ms when asked for 10 s,
    /// and a seek on a loaded machine failed with "Timed out waiting for … seek(s) to finish".
    static func seekTimeoutArgument(_ ms: Int32, libraryVersion: Int32) -> Int32 {
        guard libraryVersion < 0x0201_0000, ms > 0 else { return ms }
        return Int32(clamping: Int64(ms) * 1000)
    }
}
