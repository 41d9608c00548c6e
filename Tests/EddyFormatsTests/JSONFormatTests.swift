import EddyCore
import Testing
@testable import EddyFormats

@Suite struct JSONFormatTests {
    func deserializer(_ columns: [Column], unwrapped: Bool = false) throws -> any RowDeserializer {
        let features = unwrapped ? SerdeFeatures(.unwrapSingles) : .none
        return try JSONFormat().makeDeserializer(
            columns: columns, context: SerdeContext(info: FormatInfo("JSON"), features: features, topic: "t"))
    }

    func serializer(_ columns: [Column], unwrapped: Bool = false) throws -> any RowSerializer {
        let features = unwrapped ? SerdeFeatures(.unwrapSingles) : .none
        return try JSONFormat().makeSerializer(
            columns: columns, context: SerdeContext(info: FormatInfo("JSON"), features: features, topic: "t"))
    }

    func read(_ columns: [Column], _ text: String, unwrapped: Bool = false) throws -> [Value]? {
        var d = try deserializer(columns, unwrapped: unwrapped)
        return try d.deserialize(Array(text.utf8))
    }

    func write(_ columns: [Column], _ values: [Value], unwrapped: Bool = false) throws -> String? {
        var s = try serializer(columns, unwrapped: unwrapped)
        return try s.serialize(values).map { String(decoding: $0, as: UTF8.self) }
    }

    func failure(_ columns: [Column], _ text: String, unwrapped: Bool = false) -> String? {
        do { _ = try read(columns, text, unwrapped: unwrapped) } catch let e as EddyError { return e.message } catch { return "\(error)" }
        return nil
    }

    @Test func fieldsMatchExactlyThenByUpperCase() throws {
        let cols = [Column("ID", .bigint), Column("name", .string), Column("MISSING", .int)]
        #expect(try read(cols, #"{"id": 1, "name": "a", "extra": [1, {"x": 2}]}"#) == [.bigint(1), .string("a"), .null])
        #expect(try read(cols, #"{"ID": 2, "id": 1, "NAME": "upper"}"#) == [.bigint(2), .null, .null])
        #expect(try read(cols, #"{"id": 1, "Id": 3}"#) == [.bigint(3), .null, .null])
    }

    @Test func coercions() throws {
        let cols = [
            Column("I", .int), Column("B", .bigint), Column("D", .double), Column("S", .string),
            Column("DEC", .decimal(precision: 4, scale: 2)), Column("BOOL", .boolean),
        ]
        #expect(try read(cols, #"{"I": "12", "B": 1.9, "D": "1.5", "S": 10.50, "DEC": "1.5", "BOOL": true}"#)
            == [.int(12), .bigint(1), .double(1.5), .string("10.50"), .decimal(SQLDecimal("1.50")!), .bool(true)])
        #expect(try read(cols, #"{"I": 3000000000, "S": true, "DEC": 10.1, "D": 7}"#)
            == [.int(Int32(truncatingIfNeeded: 3_000_000_000 as Int64)), .null, .double(7), .string("true"),
                .decimal(SQLDecimal("10.10")!), .null])
        #expect(try read([Column("S", .string)], #"{"S": {"a": 1.0, "b": [1, "x"]}}"#) == [.string(#"{"a":1.0,"b":[1,"x"]}"#)])
        #expect(try read([Column("S", .string)], #"{"S": [1, "x", null, [2]]}"#) == [.string("[1, x, null, [2]]")])
        #expect(try read([Column("S", .string)], #"{"S": 1e3}"#) == [.string("1E+3")])
    }

    @Test func temporalAndBytes() throws {
        let cols = [Column("D", .date), Column("T", .time), Column("TS", .timestamp), Column("BY", .bytes)]
        #expect(try read(cols, #"{"D": 19000, "T": 1000, "TS": 1600000000000, "BY": "IQ=="}"#)
            == [.date(19000), .time(1000), .timestamp(1_600_000_000_000), .bytes([0x21])])
        let out = try write(cols, [.date(19000), .time(1000), .timestamp(1_600_000_000_000), .bytes([0x21])])
        #expect(out == #"{"D":19000,"T":1000,"TS":1600000000000,"BY":"IQ=="}"#)
    }

    @Test func nestedTypes() throws {
        let addr = SQLType.struct([.init("Street", .string), .init("ZIP", .int)])
        let cols = [Column("A", .array(.double)), Column("M", .map(key: .string, value: .int)), Column("S", addr)]
        let row = try read(cols, #"{"a": [1, 2.5, null], "m": {"x": 1, "y": "2", "x": 3}, "s": {"street": "Main", "zip": 9}}"#)
        #expect(row == [
            .array([.double(1), .double(2.5), .null]),
            .map(MapValue(keys: [.string("x"), .string("y")], values: [.int(3), .int(2)])),
            .struct(StructValue(names: ["Street", "ZIP"], values: [.null, .int(9)])),
        ])
        let written = try write(cols, row!)
        #expect(written == #"{"A":[1.0,2.5,null],"M":{"x":3,"y":2},"S":{"Street":null,"ZIP":9}}"#)
    }

    @Test func unwrappedSingleValues() throws {
        let col = [Column("V", .decimal(precision: 4, scale: 2))]
        #expect(try read(col, "10.1", unwrapped: true) == [.decimal(SQLDecimal("10.10")!)])
        #expect(try read(col, "null", unwrapped: true) == [.null])
        #expect(try write(col, [.decimal(SQLDecimal("1.50")!)], unwrapped: true) == "1.50")
        #expect(try write(col, [.null], unwrapped: true) == nil)
        #expect(try write([Column("V", .double)], [.double(9876.54321)], unwrapped: true) == "9876.54321")
        #expect(try write([Column("V", .double)], [.double(1)], unwrapped: true) == "1.0")
        #expect(try read([Column("V", .array(.string))], "[1, 2, 3]", unwrapped: true)
            == [.array([.string("1"), .string("2"), .string("3")])])
    }

    @Test func wrappedRoundTrip() throws {
        let cols = [Column("K", .string), Column("V", .double), Column("N", .int)]
        let row: [Value] = [.string("a\"b\n"), .double(-0.5), .null]
        let text = try write(cols, row)
        #expect(text == #"{"K":"a\"b\n","V":-0.5,"N":null}"#)
        #expect(try read(cols, text!) == row)
        #expect(try read(cols, "null") == nil)
        var d = try deserializer(cols)
        #expect(try d.deserialize(nil as [UInt8]?) == nil)
    }

    @Test func errorsCarryKsqlWording() {
        #expect(failure([Column("FOO", .int)], #"{"foo": "bar"}"#)
            == "Failed to deserialize value from topic: t. Can't coerce string to type. targetType: INTEGER, path: $.FOO")
        #expect(failure([Column("FOO", .int)], #"{"foo": true}"#)
            == "Failed to deserialize value from topic: t. Can't convert type. sourceType: BooleanNode, requiredType: INTEGER, path: $.FOO")
        #expect(failure([Column("FOO", .boolean)], #"{"foo": "true"}"#)
            == "Failed to deserialize value from topic: t. Can't convert type. sourceType: TextNode, requiredType: BOOLEAN, path: $.FOO")
        #expect(failure([Column("A", .array(.int))], #"{"a": [1, "x"]}"#)
            == "Failed to deserialize value from topic: t. Can't coerce string to type. targetType: INTEGER, path: $.A[1]")
        #expect(failure([Column("M", .map(key: .string, value: .bigint))], #"{"m": {"k": []}}"#)
            == "Failed to deserialize value from topic: t. Can't convert type. sourceType: ArrayNode, requiredType: BIGINT, path: $.M.k.value")
        #expect(failure([Column("A", .int), Column("B", .int)], "[1]")?.contains("sourceType: ArrayNode") == true)
        #expect(failure([Column("D", .decimal(precision: 3, scale: 2))], #"{"d": 123.4}"#)?.contains("Cannot fit decimal") == true)
        #expect(failure([Column("B", .bytes)], #"{"b": "!!"}"#)?.contains("not a valid Base64") == true)
    }

    @Test(arguments: ["", "{", "{\"a\":", "{\"a\":1", "[1,", "{\"A\": tru}", "\u{0}", "{\"A\": 01}", "{\"A\": \"\\q\"}"])
    func malformedInputThrowsExecutionError(text: String) {
        #expect(throws: EddyError.self) { _ = try read([Column("A", .int)], text) }
        #expect(throws: EddyError.self) { _ = try read([Column("A", .int)], text, unwrapped: true) }
    }

    @Test func fuzzNeverTraps() throws {
        let cols = [Column("A", .int), Column("S", .struct([.init("X", .array(.string))])), Column("M", .map(key: .string, value: .double))]
        var d = try deserializer(cols)
        let alphabet = Array("{}[]\",:0123456789-.eEtrufalsnASMX \\".utf8)
        for _ in 0 ..< 3000 {
            let bytes = (0 ..< Int.random(in: 0 ..< 30)).map { _ in alphabet.randomElement()! }
            var row: [Value] = []
            _ = try? d.deserialize(bytes, into: &row)
        }
    }
}
