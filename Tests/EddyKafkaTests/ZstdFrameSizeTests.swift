#if canImport(Glibc)
import Glibc
import EddyKafka
import Testing

/// librdkafka sizes its zstd output buffer with `ZSTD_getFrameContentSize`; Eddy's definition
/// must be the one the process resolves, and answer a usable bound for frames without a size.
@Suite struct ZstdFrameSizeTests {
    typealias SizeFunction = @convention(c) (UnsafeRawPointer?, Int) -> UInt64

    /// The definition a shared library (librdkafka) binds to: the global lookup's first.
    func resolved() throws -> SizeFunction {
        let address = try #require(dlsym(nil, "ZSTD_getFrameContentSize"))
        return unsafeBitCast(address, to: SizeFunction.self)
    }

    /// A zstd frame holding `payload` in one raw block. Without `recordSize` the header has a
    /// 1 KiB window and no content size, as streaming compressors write it.
    func frame(_ payload: [UInt8], recordSize: Bool) -> [UInt8] {
        var bytes: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]
        if recordSize {
            bytes += [0x20, UInt8(payload.count)]  // single segment, 1-byte content size
        } else {
            bytes += [0x00, 0x00]  // no content size; window descriptor: 1 KiB
        }
        let blockHeader = 1 | (payload.count << 3)  // last block, raw
        bytes += [UInt8(blockHeader & 0xFF), UInt8((blockHeader >> 8) & 0xFF), UInt8(blockHeader >> 16)]
        return bytes + payload
    }

    @Test func aFrameWithoutSizeGetsAnUpperBoundInsteadOfUnknown() throws {
        let data = frame(Array(repeating: 7, count: 100), recordSize: false)
        let size = data.withUnsafeBytes { try! resolved()($0.baseAddress, $0.count) }
        #expect(size != UInt64.max, "still ZSTD_CONTENTSIZE_UNKNOWN: libzstd's definition is the one resolved")
        // One block of at most the 1 KiB window.
        #expect(size >= 100 && size <= 1024)
    }

    @Test func aRecordedSizeIsAnsweredAsIs() throws {
        let data = frame(Array(repeating: 7, count: 100), recordSize: true)
        #expect(data.withUnsafeBytes { try! resolved()($0.baseAddress, $0.count) } == 100)
    }

    @Test func garbageIsStillAnError() throws {
        let data: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8]
        #expect(data.withUnsafeBytes { try! resolved()($0.baseAddress, $0.count) } == UInt64.max - 1)
    }

    @Test func zstdMessageSetsRoundTripThroughTheMock() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("zstd-sets", partitions: 1)
        let producer = try KafkaProducer(
            config: cluster.clientConfig(["compression.type": "zstd", "linger.ms": "50"]), logger: testLogger())
        // Compressible values, large enough that a set spans several 128 KiB blocks.
        let count = 5_000
        for index in 0..<count {
            let value = bytes("{\"order\":\(index),\"note\":\"" + String(repeating: "x", count: 100 + index % 50) + "\"}")
            try producer.produce(ProducerRecord(topic: "zstd-sets", partition: 0, value: value))
        }
        try await producer.flush(timeout: .seconds(10))
        let consumer = try KafkaConsumer(config: cluster.clientConfig(), logger: testLogger())
        try consumer.assign([TopicPartitionOffset("zstd-sets", 0, offset: KafkaOffset.beginning)])
        let received = try await consumeMessages(consumer, count: count)
        #expect(received.count == count)
        for (index, message) in received.enumerated() {
            let expected = "{\"order\":\(index),\"note\":\"" + String(repeating: "x", count: 100 + index % 50) + "\"}"
            #expect(text(message.value) == expected)
            if text(message.value) != expected { break }
        }
        try await consumer.close()
    }
}
#endif
