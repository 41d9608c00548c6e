import CRdKafka
import Logging

/// The Swift side of one librdkafka handle: what its C callbacks need. It is passed to
/// librdkafka as the handle's opaque pointer and outlives the handle.
///
/// Handlers are set before the handle is created and never change, so reading them from
/// librdkafka's threads needs no lock.
final class ClientContext: @unchecked Sendable {
    let logger: Logger
    let onError: (@Sendable (KafkaError) -> Void)?
    /// Producer only: called on the polling thread for each delivery report.
    var onDelivery: ((UnsafePointer<rd_kafka_message_t>) -> Void)?
    /// Consumer only: called on the consuming thread for each rebalance.
    var onRebalance: ((OpaquePointer, rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> Void)?
    /// Consumer only: result of an asynchronous commit.
    var onCommit: ((rd_kafka_resp_err_t, UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) -> Void)?

    init(logger: Logger, onError: (@Sendable (KafkaError) -> Void)?) {
        self.logger = logger
        self.onError = onError
    }

    static func from(_ rk: OpaquePointer?) -> ClientContext? {
        guard let rk, let opaque = rd_kafka_opaque(rk) else { return nil }
        return Unmanaged<ClientContext>.fromOpaque(opaque).takeUnretainedValue()
    }

    /// Installs the trampolines for the handlers that are set.
    func install(on conf: OpaquePointer) {
        rd_kafka_conf_set_log_cb(conf, kafkaLogCallback)
        rd_kafka_conf_set_error_cb(conf, kafkaErrorCallback)
        if onDelivery != nil { rd_kafka_conf_set_dr_msg_cb(conf, kafkaDeliveryCallback) }
        if onRebalance != nil { rd_kafka_conf_set_rebalance_cb(conf, kafkaRebalanceCallback) }
        if onCommit != nil { rd_kafka_conf_set_offset_commit_cb(conf, kafkaCommitCallback) }
    }
}

// The trampolines are named functions: librdkafka calls them from its own threads.

private func kafkaLogCallback(
    _ rk: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?, _ text: UnsafePointer<CChar>?
) {
    guard let context = ClientContext.from(rk) else { return }
    let swiftLevel: Logger.Level
    switch level {
    case ...2: swiftLevel = .critical
    case 3: swiftLevel = .error
    case 4: swiftLevel = .warning
    case 5: swiftLevel = .notice
    case 6: swiftLevel = .info
    default: swiftLevel = .debug
    }
    guard context.logger.logLevel <= swiftLevel else { return }
    let facilityText = facility.map { String(cString: $0) } ?? ""
    context.logger.log(
        level: swiftLevel, "\(text.map { String(cString: $0) } ?? "")",
        metadata: ["rdkafka.facility": "\(facilityText)"])
}

private func kafkaErrorCallback(
    _ rk: OpaquePointer?, _ code: Int32, _ reason: UnsafePointer<CChar>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let context = ClientContext.from(rk) else { return }
    let native = rd_kafka_resp_err_t(rawValue: code)
    var error = KafkaError(
        code: KafkaError.Code(rawValue: code),
        message: reason.map { String(cString: $0) } ?? String(cString: rd_kafka_err2str(native)))
    if native == RD_KAFKA_RESP_ERR__FATAL, let rk {
        // The callback reports only _FATAL; the underlying cause has to be asked for.
        var buffer = [CChar](repeating: 0, count: 512)
        let cause = rd_kafka_fatal_error(rk, &buffer, buffer.count)
        error = KafkaError(code: KafkaError.Code(cause), message: String(cBuffer: buffer), isFatal: true)
    }
    context.logger.warning("librdkafka error: \(error)")
    context.onError?(error)
}

private func kafkaDeliveryCallback(
    _ rk: OpaquePointer?, _ message: UnsafePointer<rd_kafka_message_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let message, let context = ClientContext.from(rk) else { return }
    context.onDelivery?(message)
}

private func kafkaRebalanceCallback(
    _ rk: OpaquePointer?, _ code: rd_kafka_resp_err_t,
    _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let rk, let context = ClientContext.from(rk) else { return }
    context.onRebalance?(rk, code, partitions)
}

private func kafkaCommitCallback(
    _ rk: OpaquePointer?, _ code: rd_kafka_resp_err_t,
    _ offsets: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, _ opaque: UnsafeMutableRawPointer?
) {
    guard let context = ClientContext.from(rk) else { return }
    context.onCommit?(code, offsets)
}
