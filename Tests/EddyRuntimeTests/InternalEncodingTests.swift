import EddyCore
@testable import EddyRuntime
import Testing

/// Internal topics (changelogs, repartitions) carry a version marker so that an upgraded Eddy
/// can tell which layout it is reading; records from before the marker still decode.
@Suite struct InternalEncodingTests {
    static func int64(_ v: Int64) -> [UInt8] {
        let u = UInt64(bitPattern: v)
        return stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: u >> UInt64($0)) }
    }

    @Test func changelogRecordsStartWithTheVersionMarker() throws {
        let key = StoreKey([.string("k")], window: WindowBounds(start: 10, end: 20))
        let row = StoredRow([.bigint(5), .null], timestamp: 1_700_000_000_000)
        let keyBytes = ChangelogRecord.encodeKey(key)
        let valueBytes = ChangelogRecord.encodeValue(row)
        #expect(keyBytes.first == 0x81)
        #expect(valueBytes.first == 0x81)
        let (k, r) = try ChangelogRecord.decode(key: keyBytes, value: valueBytes)
        #expect(k == key)
        #expect(r == row)
    }

    @Test func unmarkedChangelogRecordsStillDecode() throws {
        // The layout before the marker: a value count, tagged values, a window flag; the time, then values.
        let key = Self.int64(1) + [3] + Self.int64(42) + [0]
        let value = Self.int64(-5) + Self.int64(1) + [6] + Self.int64(2) + Array("hi".utf8)
        let (k, r) = try ChangelogRecord.decode(key: key, value: value)
        #expect(k == StoreKey([.bigint(42)]))
        #expect(r == StoredRow([.string("hi")], timestamp: -5))
    }

    @Test func newerVersionsAreRefusedNotMisread() {
        let key = [0x82] + Self.int64(1) + [3] + Self.int64(42) + [0]
        let error = #expect(throws: EddyError.self) { try ChangelogRecord.decode(key: key, value: nil) }
        #expect(error?.message.contains("internal encoding version 2") == true)
    }

    @Test func repartitionValuesAreVersionedAndOldOnesRead() throws {
        let change = Change(key: [.int(7)], old: [.string("a")], new: [.string("b")], timestamp: 99,
                            window: WindowBounds(start: 0, end: 10))
        var bytes: [UInt8] = []
        RepartitionOperator.encode(change, into: &bytes)
        #expect(bytes.first == 0x81)
        let decoded = try RepartitionOperator.decode(KafkaRecord(topic: "r", timestamp: 99, key: nil, value: bytes))
        #expect(decoded.key == change.key && decoded.old == change.old && decoded.new == change.new)
        #expect(decoded.window == change.window)

        // Unmarked: the flags byte came first (2 = new row only).
        let legacy = [2] + Self.int64(1) + [2] + Self.int64(7) + Self.int64(1) + [6] + Self.int64(1) + Array("z".utf8)
        let old = try RepartitionOperator.decode(KafkaRecord(topic: "r", timestamp: 5, key: nil, value: legacy))
        #expect(old.key == [.int(7)] && old.old == nil && old.new == [.string("z")])
    }
}
