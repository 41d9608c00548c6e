import EddyCore
@testable import EddyRuntime
import Testing

/// Partial aggregates on a GroupBy repartition topic: their own marker byte (so the downstream
/// half tells them from row changes, and an older Eddy refuses them as a newer version rather
/// than misreading them), and a lossless round trip of key, window and states.
@Suite struct PartialAggregateEncodingTests {
    @Test func roundTripsKeyWindowAndStates() throws {
        let states: [Value] = [.bigint(3), .array([.string("a"), .null]),
                               .struct(StructValue(names: ["SUM", "COUNT"], values: [.int(-7), .bigint(2)]))]
        for window in [nil, WindowBounds(start: 10_000, end: 20_000)] {
            var bytes: [UInt8] = []
            PartialAggregate.encode(key: [.int(4), .string("x")], window: window, states: states, into: &bytes)
            #expect(bytes.first == 0xC1)
            #expect(InternalEncoding.isPartialAggregate(bytes))
            let p = try PartialAggregate.decode(KafkaRecord(topic: "t", timestamp: 123, key: nil, value: bytes))
            #expect(p.key == [.int(4), .string("x")])
            #expect(p.window == window)
            #expect(p.states == states)
            #expect(p.timestamp == 123)
            #expect(!p.isTimeMark)
        }
    }

    @Test func timeMarksCarryOnlyTheirTime() throws {
        var bytes: [UInt8] = []
        PartialAggregate.encodeTimeMark(into: &bytes)
        let p = try PartialAggregate.decode(KafkaRecord(topic: "t", timestamp: 99, key: nil, value: bytes))
        #expect(p.isTimeMark)
        #expect(p.timestamp == 99)
    }

    @Test func rowChangesAreNotPartialsAndPartialsAreNotRows() throws {
        var row: [UInt8] = []
        RepartitionOperator.encode(Change(key: [.int(1)], new: [.int(1)], timestamp: 0), into: &row)
        #expect(!InternalEncoding.isPartialAggregate(row))
        var partial: [UInt8] = []
        PartialAggregate.encode(key: [.int(1)], window: nil, states: [.bigint(1)], into: &partial)
        // The row decoder refuses it as an unknown encoding version instead of misreading it.
        #expect(throws: EddyError.self) { try RepartitionOperator.decode(KafkaRecord(topic: "t", timestamp: 0, key: nil, value: partial)) }
    }
}
