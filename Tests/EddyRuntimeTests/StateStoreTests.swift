import EddyCore
import EddyRuntime
import Testing

final class RecordingChangelog: ChangelogSink {
    var entries: [(String, StoreKey, StoredRow?)] = []
    func log(store: String, key: StoreKey, row: StoredRow?) { entries.append((store, key, row)) }
}

@Suite struct StateStoreTests {
    @Test func keyValuePutGetDeleteAreLoggedOnFlush() {
        let log = RecordingChangelog()
        let store = InMemoryStore(name: "s", changelog: log)
        store.put(StoreKey([.string("a")]), StoredRow([.bigint(1)], timestamp: 5))
        #expect(store.get(StoreKey([.string("a")]))?.values == [.bigint(1)])
        #expect(log.entries.isEmpty)
        store.flushChangelog()
        #expect(log.entries.count == 1)
        #expect(log.entries[0].2?.values == [.bigint(1)])
        store.put(StoreKey([.string("a")]), nil)
        #expect(store.get(StoreKey([.string("a")])) == nil)
        #expect(store.count == 0)
        store.flushChangelog()
        #expect(log.entries.count == 2)
        #expect(log.entries[1].2 == nil)
    }

    @Test func updatesBetweenFlushesAreLoggedOncePerKeyInFirstUpdateOrder() {
        let log = RecordingChangelog()
        let store = InMemoryStore(name: "s", changelog: log)
        for i in 0..<100 as Range<Int64> {
            store.put(StoreKey([.string("b")]), StoredRow([.bigint(i)], timestamp: i))
            store.put(StoreKey([.string("a")], window: WindowBounds(start: 0, end: 10)), StoredRow([.bigint(-i)], timestamp: i))
        }
        store.flushChangelog()
        #expect(log.entries.count == 2)
        #expect(log.entries[0].1 == StoreKey([.string("b")]))
        #expect(log.entries[0].2 == StoredRow([.bigint(99)], timestamp: 99))
        #expect(log.entries[1].2 == StoredRow([.bigint(-99)], timestamp: 99))
        store.flushChangelog()
        #expect(log.entries.count == 2)
    }

    @Test func windowFetchReturnsOverlappingWindowsInStartOrder() {
        let store = InMemoryStore(name: "w")
        for start in [20, 0, 10] as [Int64] {
            store.put(StoreKey([.int(1)], window: WindowBounds(start: start, end: start + 10)), StoredRow([.int(Int32(start))], timestamp: start))
        }
        store.put(StoreKey([.int(2)], window: WindowBounds(start: 0, end: 10)), StoredRow([], timestamp: 0))
        let hits = store.fetch(key: [.int(1)], from: 5, to: 15).map { $0.0.window!.start }
        #expect(hits == [0, 10])
        #expect(store.all().count == 4)
    }

    @Test func retentionDropsOldWindows() {
        let store = InMemoryStore(name: "w")
        for start in [0, 10, 20] as [Int64] {
            store.put(StoreKey([.int(1)], window: WindowBounds(start: start, end: start + 10)), StoredRow([], timestamp: start))
        }
        store.expire(endingBefore: 25)
        #expect(store.all().map { $0.0.window!.start } == [20])
    }

    @Test func changelogRecordsRoundTrip() throws {
        let key = StoreKey([.string("k"), .int(3)], window: WindowBounds(start: 1, end: 2))
        let nested: Value = .struct(StructValue(names: ["A", "b"], values: [.array([.double(1.5), .null]),
                                                                            .map(MapValue(keys: [.string("x")], values: [.decimal(SQLDecimal("12.30")!)]))]))
        let row = StoredRow([nested, .bytes([1, 2]), .timestamp(9), .bool(true)], timestamp: 77)
        let (k, r) = try ChangelogRecord.decode(key: ChangelogRecord.encodeKey(key), value: ChangelogRecord.encodeValue(row))
        #expect(k == key)
        #expect(r == row)
        let (_, tombstone) = try ChangelogRecord.decode(key: ChangelogRecord.encodeKey(key), value: nil)
        #expect(tombstone == nil)
    }

    @Test func truncatedChangelogRecordThrows() {
        #expect(throws: EddyError.self) { try ChangelogRecord.decode(key: [0, 0, 0], value: nil) }
    }
}
