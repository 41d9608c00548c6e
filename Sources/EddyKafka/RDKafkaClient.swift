import CRdKafka
import Logging

/// Owns one `rd_kafka_t` and the context its callbacks use; destroys both in `deinit`.
/// The handle pointer leaves only through `withHandle`.
final class RDKafkaClient: @unchecked Sendable {
    enum Kind {
        case producer, consumer
        var native: rd_kafka_type_t { self == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER }
    }

    private let handle: OpaquePointer
    let context: ClientContext
    private let retainedContext: Unmanaged<ClientContext>

    init(kind: Kind, config: KafkaConfig, context: ClientContext) throws(KafkaError) {
        let conf = try config.makeNative()
        context.install(on: conf)
        let retained = Unmanaged.passRetained(context)
        rd_kafka_conf_set_opaque(conf, retained.toOpaque())
        var errstr = [CChar](repeating: 0, count: 512)
        // On success rd_kafka_new takes ownership of conf; on failure it stays ours.
        guard let rk = rd_kafka_new(kind.native, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            retained.release()
            throw .configuration(String(cBuffer: errstr))
        }
        handle = rk
        self.context = context
        retainedContext = retained
    }

    deinit {
        rd_kafka_destroy(handle)
        retainedContext.release()
    }

    /// The raw handle, valid only inside `body`.
    func withHandle<R, E: Error>(_ body: (OpaquePointer) throws(E) -> R) throws(E) -> R {
        try body(handle)
    }

    /// For thread loops that must not retain the client: valid until the owner's deinit,
    /// which stops those loops before this client is released.
    var unownedHandle: UnownedHandle { UnownedHandle(raw: handle) }

    var name: String { String(cString: rd_kafka_name(handle)) }
}

/// A raw `rd_kafka_t` pointer for a dedicated thread whose lifetime the owner bounds.
struct UnownedHandle: @unchecked Sendable {
    let raw: OpaquePointer
}
