import CRdKafka
import Logging

/// librdkafka's in-process mock cluster: real Kafka protocol over TCP on 127.0.0.1, used as
/// Eddy's embedded broker and in tests. Any client (Eddy's, kcat) can connect to
/// `bootstrapServers`.
///
/// It has no CreateTopics handler, so topics come from `createTopic` or auto-creation. Its
/// retention is fixed at about 5 MiB or 100k message sets per partition; older data vanishes.
public final class MockCluster: Sendable {
    /// The cluster needs a client handle of its own for its threads and logging.
    private let client: RDKafkaClient
    private let cluster: UnownedHandle
    public let bootstrapServers: String

    public init(brokers: Int = 1, logger: Logger = Logger(label: "eddy.kafka.mock")) throws(KafkaError) {
        let context = ClientContext(logger: logger, onError: nil)
        client = try RDKafkaClient(kind: .producer, config: KafkaConfig([
            "client.id": "eddy-mock-cluster",
            // Its own handle never connects anywhere, so librdkafka's notice about that is noise.
            "log_level": "4",
        ]), context: context)
        guard let cluster = client.withHandle({ rd_kafka_mock_cluster_new($0, Int32(brokers)) }) else {
            throw KafkaError(code: .fail, message: "could not start the mock cluster")
        }
        self.cluster = UnownedHandle(raw: cluster)
        bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    deinit {
        // Before the client handle it runs on, which is released after this body.
        rd_kafka_mock_cluster_destroy(cluster.raw)
    }

    /// Creates a topic; fails with `.topicAlreadyExists` if it exists.
    public func createTopic(_ name: String, partitions: Int32 = 1, replicationFactor: Int32 = 1) throws(KafkaError) {
        try KafkaError.check(
            rd_kafka_mock_topic_create(cluster.raw, name, partitions, replicationFactor), "create topic \(name)")
    }

    /// Makes every request touching `topic` fail with `error` (tests of error paths).
    public func setTopicError(_ topic: String, _ error: KafkaError.Code) {
        rd_kafka_mock_topic_set_error(cluster.raw, topic, error.native)
    }

    /// Consumer settings that compensate for the mock broker, for clients of the mock only.
    ///
    /// Its Fetch handler answers a fetch that found no data after the full `MaxWait`
    /// (`fetch.wait.max.ms`, 500 ms by default) even when data arrives meanwhile (librdkafka
    /// 2.0.2, `rd_kafka_mock_handle_Fetch`: "we should cut the wait short ... too much of a
    /// hassle"). A query reading back its own repartition records, or any consumer that caught
    /// up, then sees new records up to half a second late. A real broker answers a waiting fetch
    /// as soon as `fetch.min.bytes` arrived, so production keeps librdkafka's default; 10 ms
    /// costs an idle consumer of the mock about 100 empty round trips a second.
    public static let consumerSettings = ["fetch.wait.max.ms": "10"]

    /// Group timeouts for consumers of the mock, applied as a pair (a user's value for either
    /// keeps librdkafka's defaults for both).
    ///
    /// When a member joins a group that is already up, the mock coordinator waits the session
    /// timeout less one second before it completes the rebalance, even when every member has
    /// rejoined (a real broker completes it as soon as they have). At the default 45 s, a stream
    /// thread whose JoinGroup missed the group's first 3-second window stalled a query for ~44 s,
    /// twice (seen in `eddy bench` under load). Everything is in one process, so a short session
    /// costs nothing.
    public static let groupTimeouts = ["session.timeout.ms": "6000", "heartbeat.interval.ms": "1000"]

    /// A client configuration pointing at this cluster.
    public func clientConfig(_ properties: [String: String] = [:]) -> KafkaConfig {
        KafkaConfig(bootstrapServers: bootstrapServers, properties)
    }
}
