import CRdKafka

/// Kafka transactions (exactly-once). The producer needs `transactional.id`; each call maps
/// to librdkafka's transactional API and its errors carry `transactionRequiresAbort`,
/// `isRetriable` and `isFatal` so callers can pick between abort, retry and recreate.
extension KafkaProducer {
    /// Registers the transactional id with the coordinator and fences older producers.
    public func initTransactions(timeout: Duration = .seconds(30)) async throws {
        let ms = timeout.milliseconds
        try await runBlocking { rk in try KafkaError.check(consuming: rd_kafka_init_transactions(rk, ms)) }
    }

    public func beginTransaction() throws(KafkaError) {
        try client.withHandle { (rk) throws(KafkaError) in
            try KafkaError.check(consuming: rd_kafka_begin_transaction(rk))
        }
    }

    /// Adds the consumer's offsets to the transaction, so they commit with its messages.
    public func sendOffsetsToTransaction(
        _ offsets: [TopicPartitionOffset], consumer: KafkaConsumer, timeout: Duration = .seconds(30)
    ) async throws {
        let ms = timeout.milliseconds
        let consumerClient = consumer.client
        try await runBlocking { rk in
            let list = PartitionList(offsets)
            guard let group = consumerClient.withHandle({ rd_kafka_consumer_group_metadata($0) }) else {
                throw KafkaError(code: .state, message: "the consumer has no group metadata")
            }
            defer { rd_kafka_consumer_group_metadata_destroy(group) }
            try KafkaError.check(consuming: rd_kafka_send_offsets_to_transaction(rk, list.pointer, group, ms))
        }
    }

    /// Flushes outstanding messages and commits the transaction.
    public func commitTransaction(timeout: Duration = .seconds(30)) async throws {
        let ms = timeout.milliseconds
        try await runBlocking { rk in try KafkaError.check(consuming: rd_kafka_commit_transaction(rk, ms)) }
    }

    /// Purges outstanding messages and aborts the transaction.
    public func abortTransaction(timeout: Duration = .seconds(30)) async throws {
        let ms = timeout.milliseconds
        try await runBlocking { rk in try KafkaError.check(consuming: rd_kafka_abort_transaction(rk, ms)) }
    }
}
