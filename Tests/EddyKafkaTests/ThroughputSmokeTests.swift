import EddyKafka
import Testing

/// Volume checks without timing assertions; figures belong in `KafkaBenchmarks`.
@Suite struct ThroughputSmokeTests {
    @Test func batchProducedMessagesAllArriveThroughAGroup() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("volume", partitions: 4)
        let producer = try KafkaProducer(
            config: cluster.clientConfig(["linger.ms": "5", "batch.num.messages": "10000"]), logger: testLogger())
        let total = 40_000
        let batch = ProducerBatch(reservingBytes: 1 << 20, messages: 10_000)
        for chunk in 0..<(total / 10_000) {
            batch.removeAll()
            for index in 0..<10_000 {
                let n = chunk * 10_000 + index
                batch.append(key: bytes("k\(n % 97)"), value: bytes("message number \(n)"))
            }
            let result = try producer.produceBatch(batch, topic: "volume")
            #expect(result.accepted == 10_000)
            #expect(result.rejected.isEmpty)
        }
        try await producer.flush()
        #expect(producer.deliveryCounts == (delivered: total, failed: 0))

        let consumer = try KafkaConsumer(
            config: cluster.clientConfig([
                "group.id": "volume-readers", "auto.offset.reset": "earliest", "enable.auto.commit": "false",
            ]),
            logger: testLogger())
        try consumer.subscribe(["volume"])
        let buffer = ConsumerBatch(capacity: 5_000)
        var seen = Set<Int>()
        var keysByPartition: [String: Int32] = [:]
        var consistent = true
        let clock = ContinuousClock()
        let end = clock.now + .seconds(30)
        while seen.count < total && clock.now < end {
            try await consumer.consume(into: buffer, timeout: .milliseconds(200))
            buffer.forEach { message in
                let value = String(decoding: message.value!, as: UTF8.self)
                seen.insert(Int(value.split(separator: " ").last!)!)
                let key = String(decoding: message.key!, as: UTF8.self)
                // The default partitioner sends equal keys to one partition.
                if keysByPartition[key, default: message.partition] != message.partition { consistent = false }
                keysByPartition[key] = message.partition
            }
        }
        #expect(seen.count == total)
        #expect(consistent)
        try await consumer.close()
    }

    /// One group member feeding one or two copying threads: every message is copied once, to
    /// its own partition. (Two members in one group were inexact on the mock, whose SyncGroup
    /// race is described in kafka-runtime.md, seventh pass; the threads now share one member.)
    @Test(arguments: [1, 2])
    func rawFloorCopiesEveryMessage(threads: Int) async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("floor-in", partitions: 2)
        try cluster.createTopic("floor-out", partitions: 2)
        let producer = try KafkaProducer(config: cluster.clientConfig(["linger.ms": "5"]), logger: testLogger())
        let batch = ProducerBatch()
        for index in 0..<5_000 { batch.append(key: nil, value: bytes("v\(index)"), partition: Int32(index % 2)) }
        _ = try producer.produceBatch(batch, topic: "floor-in")
        try await producer.flush()

        let result = try await RawFloor.passThrough(
            config: cluster.clientConfig(), from: "floor-in", to: "floor-out", count: 5_000, threads: threads,
            consumerProperties: MockCluster.groupTimeouts, logger: testLogger())
        #expect(result.messages == 5_000)
        #expect(result.perThread.count == threads)
        #expect(result.perThread.allSatisfy { $0 > 0 })
        #expect(result.perThread.reduce(0, +) == 5_000)
        #expect(result.messagesPerSecond > 0)

        let reader = try KafkaConsumer(config: cluster.clientConfig(), logger: testLogger())
        try reader.assign([
            TopicPartitionOffset("floor-out", 0, offset: KafkaOffset.beginning),
            TopicPartitionOffset("floor-out", 1, offset: KafkaOffset.beginning),
        ])
        let copied = try await consumeMessages(reader, count: 5_000)
        #expect(copied.count == 5_000)
        #expect(Set(copied.map { text($0.value) }).count == 5_000)
        // Same partition as the source: even values went to partition 0.
        #expect(copied.allSatisfy { Int(text($0.value)!.dropFirst())! % 2 == Int($0.partition) })
    }
}
