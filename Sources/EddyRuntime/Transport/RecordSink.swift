/// Where a stateless task writes its serialized outputs when the transport copies them at once
/// (Kafka: `rd_kafka_producev` with copy semantics). The task serializes into buffers it owns and
/// lends them for the call, so an output costs no `KafkaRecord`, no allocation and no
/// copy-on-write of a buffer a previous output still held.
///
/// Outputs go to the task's sink topic; the transport's partitioner places them (a stateless
/// task never chooses a partition). Headers are not passed: the Kafka transport has never
/// written them for query outputs.
public protocol RecordSink: AnyObject {
    /// `key` or `value` nil is a Kafka null (a nil value is a tombstone). The bytes are valid
    /// only during the call.
    func write(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, timestamp: Int64)
}
