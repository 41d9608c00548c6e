import EddyCore
import Testing

@Suite struct TotalOrderTests {
    @Test func bytesCompareAsSignedValuesLikeByteBuffer() {
        // 0x80 is -128 as a Java byte, so it sorts before 0x01.
        #expect(Value.javaCompare(.bytes([0x80]), .bytes([0x01])) < 0)
        #expect(Value.javaCompare(.bytes([0x01]), .bytes([0x01, 0x00])) < 0)
        #expect(Value.javaCompare(.bytes([0x42]), .bytes([0x42])) == 0)
    }

    @Test func nullsFirstAndStringsByUTF16() {
        #expect(Value.javaCompare(.null, .int(0)) < 0)
        // U+FF21 (one UTF-16 unit) sorts after U+1F600 (a surrogate pair starting 0xD83D).
        #expect(Value.javaCompare(.string("\u{FF21}"), .string("\u{1F600}")) > 0)
        #expect(Value.javaCompare(.double(.nan), .double(1)) > 0)
        #expect(Value.javaCompare(.double(-0.0), .double(0.0)) < 0)
    }
}
