import CRdKafka

/// An error reported by librdkafka, carrying its numeric code and its own message text.
///
/// Codes are librdkafka's `rd_kafka_resp_err_t`: negative values are client-side errors
/// (`_TIMED_OUT`, `_MSG_TIMED_OUT`, …) and non-negative values are Kafka protocol errors.
public struct KafkaError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: Code
    public var message: String
    /// The producer or consumer cannot continue and must be recreated.
    public var isFatal: Bool
    public var isRetriable: Bool
    /// The current transaction failed and must be aborted before a new one can begin.
    public var transactionRequiresAbort: Bool

    public init(
        code: Code, message: String, isFatal: Bool = false, isRetriable: Bool = false,
        transactionRequiresAbort: Bool = false
    ) {
        self.code = code
        self.message = message
        self.isFatal = isFatal
        self.isRetriable = isRetriable
        self.transactionRequiresAbort = transactionRequiresAbort
    }

    /// librdkafka's symbolic name, e.g. `UNKNOWN_TOPIC_OR_PART` or `_MSG_TIMED_OUT`.
    public var name: String { String(cString: rd_kafka_err2name(code.native)) }

    public var description: String { "\(name): \(message)" }

    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        init(_ native: rd_kafka_resp_err_t) { self.rawValue = native.rawValue }
        var native: rd_kafka_resp_err_t { rd_kafka_resp_err_t(rawValue: rawValue) }

        public static let noError = Code(RD_KAFKA_RESP_ERR_NO_ERROR)
        public static let fail = Code(RD_KAFKA_RESP_ERR__FAIL)
        public static let timedOut = Code(RD_KAFKA_RESP_ERR__TIMED_OUT)
        public static let messageTimedOut = Code(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT)
        public static let partitionEOF = Code(RD_KAFKA_RESP_ERR__PARTITION_EOF)
        public static let queueFull = Code(RD_KAFKA_RESP_ERR__QUEUE_FULL)
        public static let unknownTopic = Code(RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC)
        public static let unknownPartition = Code(RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION)
        public static let invalidArgument = Code(RD_KAFKA_RESP_ERR__INVALID_ARG)
        public static let invalidType = Code(RD_KAFKA_RESP_ERR__INVALID_TYPE)
        public static let state = Code(RD_KAFKA_RESP_ERR__STATE)
        public static let notImplemented = Code(RD_KAFKA_RESP_ERR__NOT_IMPLEMENTED)
        public static let unsupportedFeature = Code(RD_KAFKA_RESP_ERR__UNSUPPORTED_FEATURE)
        public static let unknownTopicOrPartition = Code(RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART)
        public static let topicAlreadyExists = Code(RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS)
        public static let invalidPartitions = Code(RD_KAFKA_RESP_ERR_INVALID_PARTITIONS)
        public static let invalidReplicationFactor = Code(RD_KAFKA_RESP_ERR_INVALID_REPLICATION_FACTOR)
        public static let messageSizeTooLarge = Code(RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE)
    }
}

extension KafkaError {
    /// The error for a plain response code, with librdkafka's description as the message.
    init(_ native: rd_kafka_resp_err_t, context: String? = nil) {
        let text = String(cString: rd_kafka_err2str(native))
        self.init(code: Code(native), message: context.map { "\($0): \(text)" } ?? text)
    }

    /// Takes ownership of an `rd_kafka_error_t` and destroys it.
    init(consuming error: OpaquePointer) {
        defer { rd_kafka_error_destroy(error) }
        self.init(
            code: Code(rd_kafka_error_code(error)),
            message: String(cString: rd_kafka_error_string(error)),
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            transactionRequiresAbort: rd_kafka_error_txn_requires_abort(error) != 0)
    }

    static func check(_ native: rd_kafka_resp_err_t, _ context: String? = nil) throws(KafkaError) {
        if native != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(native, context: context) }
    }

    static func check(consuming error: OpaquePointer?) throws(KafkaError) {
        if let error { throw KafkaError(consuming: error) }
    }

    static func configuration(_ message: String) -> KafkaError {
        KafkaError(code: .invalidArgument, message: message)
    }
}
