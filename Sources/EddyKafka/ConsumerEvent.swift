import CRdKafka

/// Something that happened to a consumer outside the message stream.
public enum ConsumerEvent: Sendable, Hashable {
    /// The group gave these partitions to this consumer (incrementally, for cooperative protocols).
    case assigned([TopicPartition])
    /// These partitions are being taken away; their work should be committed or dropped.
    case revoked([TopicPartition])
    /// These partitions were lost (e.g. session timeout) and may already belong to another member.
    case lost([TopicPartition])
    /// The result of an asynchronous commit.
    case committed([TopicPartitionOffset], KafkaError?)
    case error(KafkaError)
}

/// What the consumer's C callbacks share with its callers. It never references the consumer
/// itself, so destroying the handle (which can fire a last rebalance) is safe in `deinit`.
final class ConsumerState: Sendable {
    let events: AsyncStream<ConsumerEvent>
    private let continuation: AsyncStream<ConsumerEvent>.Continuation
    private let onRebalance: (@Sendable (ConsumerEvent) -> Void)?
    private let afterRebalance: (@Sendable (ConsumerEvent) -> Void)?
    private let onError: (@Sendable (KafkaError) -> Void)?
    /// Topics read from the beginning where the group has no committed offset, whatever
    /// `auto.offset.reset` says (Kafka Streams does this for repartition topics).
    private let earliestTopics: Set<String>

    init(onRebalance: (@Sendable (ConsumerEvent) -> Void)?, afterRebalance: (@Sendable (ConsumerEvent) -> Void)? = nil,
         onError: (@Sendable (KafkaError) -> Void)?, earliestTopics: Set<String> = []) {
        self.afterRebalance = afterRebalance
        self.earliestTopics = earliestTopics
        // Bounded so an unread stream cannot grow forever; rebalances are rare, commits are not.
        (events, continuation) = AsyncStream.makeStream(of: ConsumerEvent.self, bufferingPolicy: .bufferingNewest(10_000))
        self.onRebalance = onRebalance
        self.onError = onError
    }

    func finish() { continuation.finish() }

    func error(_ error: KafkaError) {
        onError?(error)
        continuation.yield(.error(error))
    }

    func committed(_ code: rd_kafka_resp_err_t, _ offsets: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let error = code == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(code)
        continuation.yield(.committed(PartitionList.offsets(of: offsets), error))
    }

    /// Runs inside librdkafka's rebalance callback, on the thread that is consuming. The hook
    /// sees the change before it is applied, so a runtime can commit revoked work first.
    func rebalance(
        _ rk: OpaquePointer, _ code: rd_kafka_resp_err_t, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
    ) {
        let partitions = PartitionList.partitions(of: list)
        let cooperative = rd_kafka_rebalance_protocol(rk).map { String(cString: $0) } == "COOPERATIVE"
        switch code {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            let event = ConsumerEvent.assigned(partitions)
            emit(event)
            startEarliest(rk, list)
            if cooperative {
                report(rd_kafka_incremental_assign(rk, list))
            } else {
                report(rd_kafka_assign(rk, list))
            }
            afterRebalance?(event)
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            let event = rd_kafka_assignment_lost(rk) != 0 ? ConsumerEvent.lost(partitions) : .revoked(partitions)
            emit(event)
            if cooperative {
                report(rd_kafka_incremental_unassign(rk, list))
            } else {
                report(rd_kafka_assign(rk, nil))
            }
            afterRebalance?(event)
        default:
            error(KafkaError(code, context: "rebalance"))
            report(rd_kafka_assign(rk, nil))
        }
    }

    /// Gives the assignment explicit start offsets: the committed ones, and the beginning for
    /// partitions of `earliestTopics` without one. Runs inside the rebalance callback, where
    /// librdkafka allows fetching committed offsets.
    private func startEarliest(_ rk: OpaquePointer, _ list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        guard !earliestTopics.isEmpty, let list, list.pointee.cnt > 0 else { return }
        let elements = UnsafeMutableBufferPointer(start: list.pointee.elems, count: Int(list.pointee.cnt))
        guard elements.contains(where: { earliestTopics.contains(String(cString: $0.topic)) }) else { return }
        let code = rd_kafka_committed(rk, list, 10_000)
        if code != RD_KAFKA_RESP_ERR_NO_ERROR {
            error(KafkaError(code, context: "committed"))
            // Fall back to librdkafka's own choice (committed, else auto.offset.reset).
            for i in elements.indices { elements[i].offset = KafkaOffset.invalid }
            return
        }
        for i in elements.indices
        where elements[i].offset == KafkaOffset.invalid && earliestTopics.contains(String(cString: elements[i].topic)) {
            elements[i].offset = KafkaOffset.beginning
        }
    }

    private func emit(_ event: ConsumerEvent) {
        onRebalance?(event)
        continuation.yield(event)
    }

    private func report(_ code: rd_kafka_resp_err_t) {
        if code != RD_KAFKA_RESP_ERR_NO_ERROR { error(KafkaError(code, context: "assign")) }
    }

    private func report(_ failure: OpaquePointer?) {
        if let failure { error(KafkaError(consuming: failure)) }
    }
}
