@testable import EddyKafka
import Testing

/// librdkafka before 2.1.0 waited a thousandth of `rd_kafka_seek_partitions`' timeout (#4230).
@Suite struct SeekTimeoutTests {
    @Test func olderLibrariesGetTheTimeoutScaledUp() {
        #expect(KafkaConsumer.seekTimeoutArgument(10_000, libraryVersion: 0x0200_02ff) == 10_000_000)
        #expect(KafkaConsumer.seekTimeoutArgument(Int32.max / 10, libraryVersion: 0x0200_02ff) == Int32.max)
        // 0 means "start the seek and return"; it must stay 0.
        #expect(KafkaConsumer.seekTimeoutArgument(0, libraryVersion: 0x0200_02ff) == 0)
    }

    @Test func fixedLibrariesGetItUnchanged() {
        #expect(KafkaConsumer.seekTimeoutArgument(10_000, libraryVersion: 0x0201_00ff) == 10_000)
        #expect(KafkaConsumer.seekTimeoutArgument(10_000, libraryVersion: 0x0203_00ff) == 10_000)
    }
}
