import CRdKafka

// The blocking halves of KafkaAdmin's requests; they run on the admin's thread.
extension KafkaAdmin {
    static func createTopics(_ rk: OpaquePointer, _ topics: [NewTopic], timeoutMs: Int32) throws {
        var natives: [OpaquePointer?] = []
        defer { for native in natives { rd_kafka_NewTopic_destroy(native) } }
        for topic in topics {
            var errstr = [CChar](repeating: 0, count: 512)
            guard
                let native = rd_kafka_NewTopic_new(
                    topic.name, topic.partitions, Int32(topic.replicationFactor), &errstr, errstr.count)
            else { throw KafkaError.configuration(String(cBuffer: errstr)) }
            natives.append(native)
            for (key, value) in topic.config.sorted(by: { $0.key < $1.key }) {
                try KafkaError.check(rd_kafka_NewTopic_set_config(native, key, value), "topic config \(key)")
            }
        }
        try awaitResult(rk, timeoutMs: timeoutMs, type: RD_KAFKA_EVENT_CREATETOPICS_RESULT) { queue, options in
            natives.withUnsafeMutableBufferPointer { buffer in
                rd_kafka_CreateTopics(rk, buffer.baseAddress, buffer.count, options, queue)
            }
        } results: { event in
            var count = 0
            let results = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &count)
            return (results, count)
        }
    }

    static func deleteTopics(_ rk: OpaquePointer, _ names: [String], timeoutMs: Int32) throws {
        var natives: [OpaquePointer?] = names.map { rd_kafka_DeleteTopic_new($0) }
        defer { for native in natives { rd_kafka_DeleteTopic_destroy(native) } }
        try awaitResult(rk, timeoutMs: timeoutMs, type: RD_KAFKA_EVENT_DELETETOPICS_RESULT) { queue, options in
            natives.withUnsafeMutableBufferPointer { buffer in
                rd_kafka_DeleteTopics(rk, buffer.baseAddress, buffer.count, options, queue)
            }
        } results: { event in
            var count = 0
            let results = rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(event), &count)
            return (results, count)
        }
    }

    /// Sends an admin request on a private queue and waits for its result event.
    private static func awaitResult(
        _ rk: OpaquePointer, timeoutMs: Int32, type: Int32,
        send: (OpaquePointer, OpaquePointer?) -> Void,
        results: (OpaquePointer) -> (UnsafeMutablePointer<OpaquePointer?>?, Int)
    ) throws {
        let queue = rd_kafka_queue_new(rk)!
        defer { rd_kafka_queue_destroy(queue) }
        let options = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_ANY)
        defer { rd_kafka_AdminOptions_destroy(options) }
        var errstr = [CChar](repeating: 0, count: 512)
        try KafkaError.check(rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, &errstr, errstr.count))
        try KafkaError.check(rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, &errstr, errstr.count))
        send(queue, options)
        // A little beyond the request timeout, so librdkafka's own timeout error wins.
        guard let event = rd_kafka_queue_poll(queue, timeoutMs + 1_000) else {
            throw KafkaError(RD_KAFKA_RESP_ERR__TIMED_OUT, context: "admin request")
        }
        defer { rd_kafka_event_destroy(event) }
        if rd_kafka_event_error(event) != RD_KAFKA_RESP_ERR_NO_ERROR {
            throw KafkaError(
                code: KafkaError.Code(rd_kafka_event_error(event)),
                message: String(cString: rd_kafka_event_error_string(event)))
        }
        guard rd_kafka_event_type(event) == type else {
            throw KafkaError(code: .fail, message: "unexpected admin result event \(rd_kafka_event_type(event))")
        }
        let (list, count) = results(event)
        for index in 0..<count {
            guard let result = list?[index] else { continue }
            let code = rd_kafka_topic_result_error(result)
            if code != RD_KAFKA_RESP_ERR_NO_ERROR {
                let message = rd_kafka_topic_result_error_string(result).map { String(cString: $0) }
                throw KafkaError(
                    code: KafkaError.Code(code),
                    message: message ?? String(cString: rd_kafka_err2str(code)))
            }
        }
    }
}
