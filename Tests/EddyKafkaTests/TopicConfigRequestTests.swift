import EddyKafka
import Testing

/// Topic configs travel in the CreateTopics request. The mock cluster cannot answer that request,
/// so this checks that librdkafka accepted the config entries into it (a rejected entry fails
/// before sending, naming the config) and that the request then fails only at the broker.
@Suite struct TopicConfigRequestTests {
    @Test func configEntriesAreAcceptedIntoTheRequest() async throws {
        let cluster = try MockCluster()
        let admin = try KafkaAdmin(config: cluster.clientConfig(), logger: testLogger())
        let topic = NewTopic("compacted", partitions: 1, config: ["cleanup.policy": "compact", "retention.ms": "3600000"])
        do {
            try await admin.createTopic(topic, timeout: .seconds(3))
            Issue.record("the mock cluster answered CreateTopics; check the topic's configs instead")
        } catch let error as KafkaError {
            #expect(!error.message.contains("topic config"), "\(error)")
        }
    }
}
