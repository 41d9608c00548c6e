import CRdKafka
import Logging

/// A librdkafka producer. Messages are copied into librdkafka when produced, so callers'
/// buffers may be reused at once; batching follows `batch.num.messages` and `linger.ms`.
///
/// A dedicated thread polls for delivery reports and runs the blocking calls (flush and the
/// transaction API), so nothing here blocks Swift's cooperative pool. When librdkafka's queue
/// is full `produce` throws `.queueFull` unless `blockOnQueueFull` was requested.
public final class KafkaProducer: Sendable {
    let client: RDKafkaClient
    let state: ProducerState
    private let poller: KafkaThread
    private let flags: Int32
    let blockingFlag: Int32
    public let config: KafkaConfig

    /// - Parameters:
    ///   - onDelivery: called on the producer's thread for every delivery report; keep it short.
    ///   - onError: client-level errors (broker down, fatal idempotence errors).
    ///   - blockOnQueueFull: make `produce` wait for space instead of throwing `.queueFull`.
    public init(
        config: KafkaConfig, logger: Logger, blockOnQueueFull: Bool = false,
        onDelivery: (@Sendable (DeliveryReport) -> Void)? = nil,
        onError: (@Sendable (KafkaError) -> Void)? = nil
    ) throws(KafkaError) {
        let state = ProducerState(onDelivery: onDelivery)
        let context = ClientContext(logger: logger, onError: onError)
        context.onDelivery = { state.handleDelivery($0) }
        let client = try RDKafkaClient(kind: .producer, config: config, context: context)
        let handle = client.unownedHandle
        self.client = client
        self.state = state
        self.config = config
        self.blockingFlag = blockOnQueueFull ? RD_KAFKA_MSG_F_BLOCK : 0
        self.flags = RD_KAFKA_MSG_F_COPY | blockingFlag
        self.poller = KafkaThread(
            name: "eddy-producer",
            idle: { _ = rd_kafka_poll(handle.raw, 100) },
            wake: { rd_kafka_yield(handle.raw) })
    }

    deinit {
        let topics = state.topics.withLock { topics in
            defer { topics.removeAll() }
            return Array(topics.values)
        }
        // rd_kafka_destroy can block; it runs on the poller thread once the current poll returns.
        poller.retire { [client] in
            for topic in topics { rd_kafka_topic_destroy(topic.raw) }
            withExtendedLifetime(client) {}
        }
    }

    /// librdkafka's instance name, e.g. `rdkafka#producer-1`.
    public var name: String { client.name }

    // MARK: Producing

    /// Queues one owned record; the returned id identifies its delivery report.
    @discardableResult
    public func produce(_ record: ProducerRecord) throws(KafkaError) -> UInt64 {
        try produce(
            topic: record.topic, partition: record.partition, key: record.key, value: record.value,
            timestamp: record.timestamp, headers: record.headers)
    }

    /// Queues one message from borrowed bytes (copied before returning).
    @discardableResult
    public func produce(
        topic: String, partition: Int32? = nil, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?,
        timestamp: Int64? = nil, headers: [KafkaHeader] = []
    ) throws(KafkaError) -> UInt64 {
        let id = state.makeID(awaited: false)
        try enqueue(
            id: id, topic: topic, partition: partition, key: key, value: value, timestamp: timestamp,
            headers: headers)
        return id
    }

    /// Queues one record and waits for its delivery report; throws the delivery error if any.
    public func send(_ record: ProducerRecord) async throws -> DeliveryReport {
        let id = state.makeID(awaited: true)
        return try await withCheckedThrowingContinuation { continuation in
            // Registered before producing: the report may arrive before produce returns.
            state.waiters.withLock { $0[id] = continuation }
            do {
                try withOptionalBytes(record.key) { key in
                    try withOptionalBytes(record.value) { value in
                        try enqueue(
                            id: id, topic: record.topic, partition: record.partition, key: key, value: value,
                            timestamp: record.timestamp, headers: record.headers)
                    }
                }
            } catch {
                if let waiter = state.waiters.withLock({ $0.removeValue(forKey: id) }) {
                    waiter.resume(throwing: error)
                }
            }
        }
    }

    private func produce(
        topic: String, partition: Int32?, key: [UInt8]?, value: [UInt8]?, timestamp: Int64?, headers: [KafkaHeader]
    ) throws(KafkaError) -> UInt64 {
        let id = state.makeID(awaited: false)
        try withOptionalBytes(key) { (key) throws(KafkaError) in
            try withOptionalBytes(value) { (value) throws(KafkaError) in
                try enqueue(
                    id: id, topic: topic, partition: partition, key: key, value: value, timestamp: timestamp,
                    headers: headers)
            }
        }
        return id
    }

    private func enqueue(
        id: UInt64, topic: String, partition: Int32?, key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?,
        timestamp: Int64?, headers: [KafkaHeader]
    ) throws(KafkaError) {
        let rkt = try topicHandle(topic)
        let nativeHeaders = headers.isEmpty ? nil : Self.makeHeaders(headers)
        let err = client.withHandle { rk in
            eddy_rd_kafka_produce(
                rk, rkt.raw, partition ?? eddy_rd_kafka_partition_ua(), flags,
                key?.baseAddress, key?.count ?? 0, value?.baseAddress, value?.count ?? 0,
                timestamp ?? 0, nativeHeaders, UnsafeMutableRawPointer(bitPattern: UInt(id)))
        }
        if err != RD_KAFKA_RESP_ERR_NO_ERROR {
            // librdkafka owns the headers only once the message is accepted.
            if let nativeHeaders { rd_kafka_headers_destroy(nativeHeaders) }
            throw KafkaError(err, context: "produce to \(topic)")
        }
    }

    private static func makeHeaders(_ headers: [KafkaHeader]) -> OpaquePointer {
        let list = rd_kafka_headers_new(headers.count)!
        for header in headers {
            if let value = header.value {
                value.withUnsafeBytes { _ = rd_kafka_header_add(list, header.key, -1, $0.baseAddress, $0.count) }
            } else {
                _ = rd_kafka_header_add(list, header.key, -1, nil, 0)
            }
        }
        return list
    }

    /// The cached `rd_kafka_topic_t`, kept until the producer is released.
    func topicHandle(_ topic: String) throws(KafkaError) -> UnownedHandle {
        let found: UnownedHandle? = state.topics.withLock { topics in
            if let existing = topics[topic] { return existing }
            guard let rkt = client.withHandle({ rd_kafka_topic_new($0, topic, nil) }) else { return nil }
            topics[topic] = UnownedHandle(raw: rkt)
            return topics[topic]
        }
        guard let found else {
            throw KafkaError(rd_kafka_last_error(), context: "cannot use topic \(topic)")
        }
        return found
    }

    // MARK: Completion

    /// Waits until every queued message has a delivery report (success or failure).
    public func flush(timeout: Duration = .seconds(30)) async throws {
        let handle = client.unownedHandle
        let ms = timeout.milliseconds
        try await poller.run { [self] in
            withExtendedLifetime(self) {}
            try KafkaError.check(rd_kafka_flush(handle.raw, ms), "flush")
        }
    }

    /// Messages queued in librdkafka and not yet reported.
    public var outstandingCount: Int { Int(client.withHandle { rd_kafka_outq_len($0) }) }

    /// Totals of delivery reports since the producer started.
    public var deliveryCounts: (delivered: Int, failed: Int) {
        (state.delivered.load(ordering: .relaxed), state.failed.load(ordering: .relaxed))
    }

    /// Failed deliveries since the last call (at most the first 1,000 are kept).
    public func takeFailedDeliveries() -> [DeliveryReport] {
        state.failedReports.withLock { reports in
            defer { reports.removeAll() }
            return reports
        }
    }

    /// Runs a blocking librdkafka call on the producer's thread.
    func runBlocking<T: Sendable>(_ body: @escaping @Sendable (OpaquePointer) throws -> T) async throws -> T {
        let handle = client.unownedHandle
        return try await poller.run { [self] in
            try withExtendedLifetime(self) { try body(handle.raw) }
        }
    }
}

func withOptionalBytes<R, E: Error>(
    _ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) throws(E) -> R
) throws(E) -> R {
    guard let bytes else { return try body(nil) }
    // withUnsafeBytes rethrows untyped errors, so carry the typed one out by hand.
    var result: Result<R, E>!
    bytes.withUnsafeBytes { buffer in
        do throws(E) { result = .success(try body(buffer)) } catch { result = .failure(error) }
    }
    return try result.get()
}

extension Duration {
    /// Whole milliseconds for librdkafka's `int timeout_ms` arguments.
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        let ms = seconds * 1_000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: ms)
    }
}
