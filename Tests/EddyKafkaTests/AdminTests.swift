import EddyKafka
import Testing

@Suite struct AdminTests {
    @Test func listsAndDescribesTopics() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("pageviews", partitions: 3)
        let admin = try KafkaAdmin(config: cluster.clientConfig(), logger: testLogger(), mockCluster: cluster)
        try await admin.createTopics([NewTopic("users", partitions: 2), NewTopic("clicks", partitions: 1)])

        let topics = try await admin.listTopics().filter { !$0.isInternal }
        #expect(topics.map(\.name) == ["clicks", "pageviews", "users"])
        #expect(topics.map(\.partitionCount) == [1, 3, 2])

        let pageviews = try await admin.describeTopic("pageviews")
        #expect(pageviews.partitions.map(\.id) == [0, 1, 2])
        #expect(pageviews.replicationFactor == 1)
        #expect(try await admin.topicExists("users"))
        #expect(try await !admin.topicExists("missing"))
        await #expect(throws: KafkaError.self) { try await admin.describeTopic("missing") }
    }

    @Test func creatingThroughTheProtocolFailsCleanlyOnTheMock() async throws {
        // The mock has no CreateTopics handler: without the fallback the request must fail, not hang.
        let cluster = try MockCluster()
        let admin = try KafkaAdmin(config: cluster.clientConfig(), logger: testLogger())
        await #expect(throws: KafkaError.self) {
            try await admin.createTopic(NewTopic("direct", partitions: 1), timeout: .seconds(3))
        }
    }
}
