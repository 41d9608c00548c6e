#if canImport(Glibc)
import Glibc
#endif
import EddyCore
import EddyFormats
import EddyKafka
import Logging
import Synchronization

/// Produces TPC-C orders continuously into a topic: the dev stack's sample CDC feed.
///
/// Rows go through Eddy's own serializers, so the wire format is one setting: `valueFormat`
/// (AVRO in dev mode, registering its schema in the registry the format registry was built
/// with, as TiCDC does; JSON without a registry).
public final class OrdersFeed: Sendable {
    public struct Options: Sendable {
        public var topic = "tidb_tpcc_orders"
        public var partitions: Int32 = 3
        public var valueFormat = "JSON"
        public var keyFormat = "JSON"
        /// Orders per second.
        public var rate = 20
        public init() {}
    }

    public let options: Options
    private let producer: KafkaProducer
    private let encoder: Unchecked<OrderEncoder>
    private let stopping = Atomic<Bool>(false)
    private let finished = Latch()
    private let produced = Atomic<Int>(0)
    private let logger: Logger

    public init(settings: KafkaSettings, formats: FormatRegistry = .builtIn, options: Options = Options(),
                logger: Logger) throws {
        self.options = options
        self.logger = logger
        encoder = Unchecked(try OrderEncoder(formats: formats, keyFormat: options.keyFormat,
                                             valueFormat: options.valueFormat, topic: options.topic))
        producer = try KafkaProducer(
            config: settings.producerConfig(["compression.type": "zstd", "linger.ms": "50"]), logger: logger,
            blockOnQueueFull: true)
    }

    public var producedCount: Int { produced.load(ordering: .relaxed) }

    /// Waits until the first order is out: its schema is then registered, so a CREATE STREAM
    /// without columns can infer them.
    @discardableResult
    public func waitForFirstOrder(timeout: Duration = .seconds(10)) -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while producedCount == 0 && clock.now < deadline { sleepMilliseconds(20) }
        return producedCount > 0
    }

    /// Creates the topic if needed and starts producing on a thread of its own.
    public func start(admin: KafkaAdmin) throws {
        if !(try admin.listTopicsBlocking().contains { $0.name == options.topic }) {
            try admin.createTopicsBlocking([NewTopic(options.topic, partitions: options.partitions)])
        }
        startThread(name: "eddy-orders-feed") { [self] in
            run()
            finished.signal()
        }
        logger.info("producing \(options.rate) TPC-C orders/s (\(options.valueFormat)) into \(options.topic)")
    }

    public func stop() {
        stopping.store(true, ordering: .relaxed)
        finished.wait(timeout: 10)
    }

    private func run() {
        var orders = TPCCOrders()
        var encoder = self.encoder.value
        let perTick = max(1, options.rate / 10)
        let tickMillis = max(1, 1000 * perTick / max(1, options.rate))
        guard let topic = try? producer.topic(options.topic) else { return }
        while !stopping.load(ordering: .relaxed) {
            let now = Int64(wallClockMillis())
            for _ in 0..<perTick {
                let row = orders.next(at: now)
                do {
                    try encoder.encode(row) { key, value in
                        try producer.produce(to: topic, key: key, value: value, timestamp: now)
                    }
                    produced.wrappingAdd(1, ordering: .relaxed)
                } catch {
                    logger.warning("orders feed: \(error)")
                }
            }
            sleepMilliseconds(tickMillis)
        }
        try? producer.flushBlocking(timeout: .seconds(5))
    }
}

/// Serializes order rows with the registered formats into reusable buffers.
struct OrderEncoder {
    private var keySerializer: any RowSerializer
    private var valueSerializer: any RowSerializer
    private var keyBuffer: [UInt8] = []
    private var valueBuffer: [UInt8] = []

    init(formats: FormatRegistry, keyFormat: String, valueFormat: String, topic: String,
         keyColumns: [Column] = TPCCOrders.keyColumns) throws {
        let keyInfo = FormatInfo(keyFormat), valueInfo = FormatInfo(valueFormat)
        keySerializer = try formats.format(for: keyInfo).makeSerializer(
            columns: keyColumns,
            context: SerdeContext(info: keyInfo, features: .none, isKey: false, topic: topic))
        valueSerializer = try formats.format(for: valueInfo).makeSerializer(
            columns: TPCCOrders.valueColumns, context: SerdeContext(info: valueInfo, isKey: false, topic: topic))
    }

    mutating func encode(
        _ row: (key: [Value], value: [Value]),
        _ body: (UnsafeRawBufferPointer?, UnsafeRawBufferPointer?) throws -> Void
    ) throws {
        // The key is a record of the primary-key columns, as TiCDC writes it.
        let hasKey = try keySerializer.serialize(row.key[...], into: &keyBuffer)
        let hasValue = try valueSerializer.serialize(row.value[...], into: &valueBuffer)
        try keyBuffer.withUnsafeBytes { key in
            try valueBuffer.withUnsafeBytes { value in try body(hasKey ? key : nil, hasValue ? value : nil) }
        }
    }
}

/// Wall-clock milliseconds (record timestamps are wall time).
func wallClockMillis() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
}
