import EddyKafka
import Testing

@Suite struct PartitionSpreadTests {
    private func parts(_ topic: String, _ count: Int32) -> [TopicPartition] {
        (0..<count).map { TopicPartition(topic, $0) }
    }

    @Test func oneTopicIsDealtInTurnInPartitionOrder() {
        let shares = PartitionSpread.spread(parts("t", 5).reversed(), over: [["t"], ["t"]])
        #expect(shares == [
            [TopicPartition("t", 0), TopicPartition("t", 2), TopicPartition("t", 4)],
            [TopicPartition("t", 1), TopicPartition("t", 3)],
        ])
    }

    /// A stateful query's repartition topic is read by the first thread only; its source
    /// partitions are dealt to every thread.
    @Test func aTopicOnlyTheFirstReaderReadsStaysWithIt() {
        let shares = PartitionSpread.spread(
            parts("orders", 4) + parts("repart", 4), over: [["orders", "repart"], ["orders"]])
        #expect(shares[0] == [TopicPartition("orders", 0), TopicPartition("orders", 2)] + parts("repart", 4))
        #expect(shares[1] == [TopicPartition("orders", 1), TopicPartition("orders", 3)])
    }

    @Test func partitionsNobodyReadsGoToTheFirstAndEmptySharesStayEmpty() {
        let shares = PartitionSpread.spread([TopicPartition("other", 0)], over: [["t"], ["t"], ["t"]])
        #expect(shares == [[TopicPartition("other", 0)], [], []])
    }
}
