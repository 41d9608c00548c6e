import EddyCore
import Testing
@testable import EddyFormats

@Suite struct KafkaFormatTests {
    func serde(_ type: SQLType) throws -> (any RowSerializer, any RowDeserializer) {
        let ctx = SerdeContext(info: FormatInfo("KAFKA"), topic: "t")
        let cols = [Column("V", type)]
        return (try KafkaFormat().makeSerializer(columns: cols, context: ctx),
                try KafkaFormat().makeDeserializer(columns: cols, context: ctx))
    }

    @Test(arguments: [
        (SQLType.int, Value.int(-2), [UInt8]([0xFF, 0xFF, 0xFF, 0xFE])),
        (.bigint, .bigint(258), [0, 0, 0, 0, 0, 0, 1, 2]),
        (.double, .double(1.0), [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]),
        (.string, .string("héllo"), Array("héllo".utf8)),
        (.bytes, .bytes([0, 1, 255]), [0, 1, 255]),
    ])
    func roundTrip(type: SQLType, value: Value, bytes: [UInt8]) throws {
        var (ser, de) = try serde(type)
        let written = try ser.serialize([value])
        #expect(written == bytes)
        #expect(try de.deserialize(bytes) == [value])
    }

    @Test func nullsAreKafkaNulls() throws {
        var (ser, de) = try serde(.int)
        #expect(try ser.serialize([.null]) == nil)
        #expect(try de.deserialize(nil as [UInt8]?) == nil)
    }

    @Test func wrongSizeThrows() throws {
        var (_, de) = try serde(.int)
        #expect(throws: EddyError.self) { _ = try de.deserialize([1, 2, 3]) }
        do { _ = try de.deserialize([1, 2, 3]) } catch let e as EddyError {
            #expect(e.message == "Failed to deserialize value from topic: t. Size of data received by IntegerDeserializer is not 4")
            #expect(e.kind == .execution)
        }
        var (_, de2) = try serde(.double)
        #expect(throws: EddyError.self) { _ = try de2.deserialize([]) }
    }
}
