import EddyKafka
import EddyKafkaRuntime
import Testing

@Suite struct CommitTrackerTests {
    @Test func pendingOffsetsAreTheNextToReadAndClearOnCommit() {
        var tracker = CommitTracker(topic: "t")
        #expect(!tracker.hasPending)
        tracker.processed(partition: 1, offset: 7)
        tracker.processed(partition: 0, offset: 3)
        tracker.processed(partition: 0, offset: 4)
        #expect(tracker.pending() == [TopicPartitionOffset("t", 0, offset: 5), TopicPartitionOffset("t", 1, offset: 8)])
        tracker.markCommitted(tracker.pending())
        #expect(!tracker.hasPending)
        tracker.processed(partition: 1, offset: 8)
        #expect(tracker.pending() == [TopicPartitionOffset("t", 1, offset: 9)])
    }

    @Test func revokedPartitionsAreCommittedSeparatelyAndForgotten() {
        var tracker = CommitTracker(topic: "t")
        tracker.processed(partition: 0, offset: 1)
        tracker.processed(partition: 2, offset: 5)
        #expect(tracker.pending(only: [TopicPartition("t", 2)]) == [TopicPartitionOffset("t", 2, offset: 6)])
        tracker.forget([TopicPartition("t", 2)])
        #expect(tracker.pending() == [TopicPartitionOffset("t", 0, offset: 2)])
    }

    @Test func topicsAreTrackedApartAndAReassignedPartitionCommitsAgain() {
        var tracker = CommitTracker(topics: ["a", "b"])
        tracker.processed(topic: 1, partition: 3, offset: 10)
        tracker.processed(topic: 0, partition: 3, offset: 1)
        #expect(tracker.pending() == [TopicPartitionOffset("a", 3, offset: 2), TopicPartitionOffset("b", 3, offset: 11)])
        tracker.markCommitted(tracker.pending())
        tracker.forget([TopicPartition("b", 3)])
        // Assigned again (another member may have moved it since): the same offset is pending.
        tracker.processed(topic: 1, partition: 3, offset: 10)
        #expect(tracker.pending() == [TopicPartitionOffset("b", 3, offset: 11)])
    }

    @Test func aBatchLeavesTheSameOffsetsAsItsRecordsOneByOne() {
        let records: [(Int32, Int64)] = [(1, 7), (0, 3), (4, 20), (0, 4), (1, 8), (-1, 99), (4, 21)]
        var oneByOne = CommitTracker(topics: ["a", "b"])
        var batched = oneByOne
        for (p, o) in records { oneByOne.processed(topic: 1, partition: p, offset: o) }
        batched.processed(topic: 1) { visit in for (p, o) in records { visit(p, o) } }
        #expect(batched.pending() == oneByOne.pending())
        #expect(batched.pending() == [TopicPartitionOffset("b", 0, offset: 5), TopicPartitionOffset("b", 1, offset: 9),
                                      TopicPartitionOffset("b", 4, offset: 22)])
        batched.markCommitted(batched.pending())
        batched.processed(topic: 1) { visit in visit(4, 22) }
        #expect(batched.pending() == [TopicPartitionOffset("b", 4, offset: 23)])
    }
}
