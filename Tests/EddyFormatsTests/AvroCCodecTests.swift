import Testing
import BigInt
import EddyCore
@testable import EddyFormats
import EddySchemaRegistry

/// The Avro C codec against the Swift one: same plans, so the same bytes and the same rows, and
/// malformed input is an error, never a crash.
@Suite struct AvroCCodecTests {
    let registry = InMemorySchemaRegistry.withFormatSupport()

    func format(_ codec: AvroCodec) -> AvroFormat { AvroFormat(registry: registry, codec: codec) }

    func context(_ topic: String, unwrap: Bool = false, schemaID: Int? = nil) -> SerdeContext {
        let info = FormatInfo("AVRO", properties: schemaID.map { [FormatInfo.schemaIdProperty: String($0)] } ?? [:])
        return SerdeContext(info: info, features: unwrap ? SerdeFeatures(.unwrapSingles) : .none, topic: topic)
    }

    func encode(_ codec: AvroCodec, _ columns: [Column], _ values: [Value], _ ctx: SerdeContext) throws -> [UInt8]? {
        var s = try format(codec).makeSerializer(columns: columns, context: ctx)
        return try s.serialize(values)
    }

    func decode(_ codec: AvroCodec, _ columns: [Column], _ bytes: [UInt8]?, _ ctx: SerdeContext) throws -> [Value]? {
        var d = try format(codec).makeDeserializer(columns: columns, context: ctx)
        return try d.deserialize(bytes)
    }

    /// Encodes with both codecs, checks the bytes agree, and decodes with both codecs.
    func crossCheck(_ columns: [Column], _ values: [Value], topic: String, unwrap: Bool = false) throws -> [Value]? {
        let ctx = context(topic, unwrap: unwrap)
        let viaC = try encode(.avroc, columns, values, ctx)
        let viaSwift = try encode(.swift, columns, values, ctx)
        #expect(viaC == viaSwift)
        let c = try decode(.avroc, columns, viaC, ctx)
        #expect(c == (try decode(.swift, columns, viaC, ctx)))
        return c
    }

    /// Writes `json` (Avro's JSON encoding of a value of `writer`) framed under a new schema id.
    func framed(writer: String, json: String, subject: String) throws -> [UInt8] {
        let id = try registry.register(subject: subject, schema: RegisteredSchema(schema: writer))
        var bytes: [UInt8] = []
        ConfluentWireFormat.writeHeader(schemaID: id, to: &bytes)
        try AvroJSONCodec.encode(try JSONValue.parse(json), schema: try AvroSchema.parse(writer), to: &bytes)
        return bytes
    }

    @Test func everySQLTypeRoundTrips() throws {
        let columns = [
            Column("BO", .boolean), Column("I", .int), Column("B", .bigint), Column("D", .double), Column("S", .string),
            Column("DEC", .decimal(precision: 10, scale: 3)), Column("DT", .date), Column("TM", .time),
            Column("TS", .timestamp), Column("BY", .bytes), Column("A", .array(.string)),
            Column("M", .map(key: .string, value: .int)),
            Column("ST", .struct([.init("X", .int), .init("Y", .array(.bigint)),
                                  .init("Z", .struct([.init("DEEP", .map(key: .string, value: .array(.double)))]))])),
        ]
        let values: [Value] = [
            .bool(true), .int(-7), .bigint(Int64.min), .double(-0.25), .string("héllo\u{0}wörld"),
            .decimal(SQLDecimal(unscaled: BigInt(-1_234_567), scale: 3)), .date(-3), .time(86_399_999),
            .timestamp(1_700_000_000_123), .bytes([0, 255, 7]), .array([.string("a"), .null, .string("")]),
            .map(MapValue([(.string("k"), .int(Int32.max)), (.string("n"), .null)])),
            .struct(StructValue(names: ["X", "Y", "Z"], values: [
                .null, .array([.bigint(3), .null]),
                .struct(StructValue(names: ["DEEP"], values: [.map(MapValue([(.string("p"), .array([.double(1e300)]))]))])),
            ])),
        ]
        #expect(try crossCheck(columns, values, topic: "all") == values)
        let nulls = [Value](repeating: .null, count: columns.count)
        #expect(try crossCheck(columns, nulls, topic: "all") == nulls)
        let empties: [Value] = [.bool(false), .int(0), .bigint(0), .double(0), .string(""),
                                .decimal(SQLDecimal(unscaled: BigInt(0), scale: 3)), .date(0), .time(0), .timestamp(0),
                                .bytes([]), .array([]), .map(MapValue()), .null]
        #expect(try crossCheck(columns, empties, topic: "all") == empties)
    }

    @Test func unwrappedValuesAndRepeatedRecordsReuseTheGenericValue() throws {
        let ctx = context("u", unwrap: true)
        #expect(try crossCheck([Column("V", .array(.int))], [.array([.int(1), .int(2)])], topic: "u", unwrap: true)
            == [.array([.int(1), .int(2)])])
        var s = try format(.avroc).makeSerializer(columns: [Column("V", .array(.int))], context: ctx)
        var d = try format(.avroc).makeDeserializer(columns: [Column("V", .array(.int))], context: ctx)
        // A shorter array after a longer one: the reused value must not keep old items.
        for items in [[1, 2, 3], [4], [], [5, 6]] {
            let v: [Value] = [.array(items.map { .int(Int32($0)) })]
            #expect(try d.deserialize(try s.serialize(v)) == v)
        }
        #expect(try encode(.avroc, [Column("V", .string)], [.null], context("n", unwrap: true)) == nil)
    }

    @Test func copiedSerdesDoNotShareCState() throws {
        let columns = [Column("S", .string)]
        var s = try format(.avroc).makeSerializer(columns: columns, context: context("copy"))
        var copy = s
        let a = try s.serialize([.string("first")])
        let b = try copy.serialize([.string("second")])
        #expect(a != b)
        var d = try format(.avroc).makeDeserializer(columns: columns, context: context("copy"))
        var dcopy = d
        #expect(try d.deserialize(a) == [.string("first")])
        #expect(try dcopy.deserialize(b) == [.string("second")])
    }

    @Test func unionsReadAsNullableOrAsStructs() throws {
        let writer = #"{"type":"record","name":"r","fields":[{"name":"u","type":["null","int","string"]},"#
            + #"{"name":"n","type":["string","null"]}]}"#
        let columns = [Column("U", .struct([.init("INT", .int), .init("STRING", .string)])), Column("N", .string)]
        let id = try registry.register(subject: "un-value", schema: RegisteredSchema(schema: writer))
        var header: [UInt8] = []
        ConfluentWireFormat.writeHeader(schemaID: id, to: &header)
        // Hand-encoded: zig-zag union indexes, then the branch's value.
        for (payload, expected): ([UInt8], [Value]) in [
            ([2, 8, 0, 2, 120], [.struct(StructValue(names: ["INT", "STRING"], values: [.int(4), .null])), .string("x")]),
            ([4, 2, 115, 2], [.struct(StructValue(names: ["INT", "STRING"], values: [.null, .string("s")])), .null]),
            ([0, 2], [.null, .null]),
        ] {
            #expect(try decode(.avroc, columns, header + payload, context("un")) == expected)
            #expect(try decode(.swift, columns, header + payload, context("un")) == expected)
        }
        // A branch index past the union's end.
        for codec in AvroCodec.allCases {
            #expect(throws: EddyError.self) { try decode(codec, columns, header + [6, 0, 2], context("un")) }
        }
    }

    @Test func writerCoercionsMapsAndLogicalTypesMatchTheSwiftCodec() throws {
        let writer = #"{"type":"record","name":"r","fields":["#
            + #"{"name":"i","type":"int"},{"name":"f","type":"float"},{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}},"#
            + #"{"name":"si","type":"int"},{"name":"sl","type":"long"},{"name":"sf","type":"float"},{"name":"sd","type":"double"},"#
            + #"{"name":"sb","type":"boolean"},{"name":"am","type":{"type":"map","values":"long"}},"#
            + #"{"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},"#
            + #"{"name":"its","type":"int"},"#
            + #"{"name":"fd","type":{"type":"fixed","name":"F","size":4,"logicalType":"decimal","precision":8,"scale":2}},"#
            + #"{"name":"bd","type":{"type":"bytes","logicalType":"decimal","precision":6,"scale":1}},"#
            + #"{"name":"fx","type":{"type":"fixed","name":"G","size":2}},"#
            + #"{"name":"skipped","type":{"type":"array","items":{"type":"map","values":"string"}}},"#
            + #"{"name":"Mixed","type":"string"}]}"#
        let json = #"{"i":5,"f":1.5,"e":"B","si":-1,"sl":1099511627776,"sf":0.5,"sd":100.0,"sb":true,"#
            + #""am":{"a":1,"b":-2},"ts":1700000000000,"its":12,"fd":12.34,"bd":-12.3,"#
            + #""fx":"AQI=","skipped":[{"x":"y"}],"Mixed":"m"}"#
        let bytes = try framed(writer: writer, json: json, subject: "co-value")
        let columns = [
            Column("I", .bigint), Column("F", .double), Column("E", .string), Column("SI", .string), Column("SL", .string),
            Column("SF", .string), Column("SD", .string), Column("SB", .string), Column("AM", .map(key: .string, value: .bigint)),
            Column("TS", .timestamp), Column("ITS", .timestamp), Column("FD", .decimal(precision: 8, scale: 3)),
            Column("BD", .decimal(precision: 6, scale: 1)), Column("FX", .bytes), Column("MIXED", .string), Column("ABSENT", .int),
        ]
        let c = try decode(.avroc, columns, bytes, context("co"))
        #expect(c == (try decode(.swift, columns, bytes, context("co"))))
        #expect(c?[0] == .bigint(5))
        #expect(c?[2] == .string("B"))
        #expect(c?[4] == .string("1099511627776"))
        #expect(c?[8] == .map(MapValue([(.string("a"), .bigint(1)), (.string("b"), .bigint(-2))])))
        #expect(c?[10] == .timestamp(12))
        #expect(c?[11] == .decimal(SQLDecimal(unscaled: BigInt(12340), scale: 3)))
        #expect(c?[12] == .decimal(SQLDecimal(unscaled: BigInt(-123), scale: 1)))
        #expect(c?[13] == .bytes([1, 2]))
        #expect(c?[14] == .string("m"))
        #expect(c?[15] == .null)
    }

    @Test func mismatchedWriterTypesGiveKsqlsMessage() throws {
        let bytes = try framed(writer: #"{"type":"record","name":"r","fields":[{"name":"v","type":"long"}]}"#,
                               json: #"{"v":1}"#, subject: "mm-value")
        for codec in AvroCodec.allCases {
            #expect {
                _ = try decode(codec, [Column("V", .int)], bytes, context("mm"))
            } throws: { error in
                (error as? EddyError)?.ksqlMessage.contains("Cannot deserialize type int64 as type int32 for path: ->V") == true
            }
        }
    }

    @Test func registeredWriterSchemasWithExtraFieldsWriteTheirDefaults() throws {
        let writer = #"{"type":"record","name":"r","fields":[{"name":"A","type":"int"},"#
            + #"{"name":"extra","type":"string","default":"dflt"},{"name":"opt","type":["null","long"],"default":null},"#
            + #"{"name":"B","type":{"type":"enum","name":"E","symbols":["X","Y"]}}]}"#
        let id = try registry.register(subject: "def-value", schema: RegisteredSchema(schema: writer))
        let columns = [Column("A", .int), Column("B", .string)]
        let ctx = context("def", schemaID: id)
        let viaC = try encode(.avroc, columns, [.int(3), .string("Y")], ctx)
        #expect(viaC == (try encode(.swift, columns, [.int(3), .string("Y")], ctx)))
        #expect(try decode(.avroc, [Column("EXTRA", .string), Column("B", .string)], viaC, ctx) == [.string("dflt"), .string("Y")])
        #expect(throws: EddyError.self) { try encode(.avroc, columns, [.int(3), .string("nope")], ctx) }
        #expect(throws: EddyError.self) { try encode(.avroc, columns, [.null, .string("X")], ctx) }
    }

    @Test func nullInARequiredFieldWithADefaultWritesTheDefault() throws {
        let writer = #"{"type":"record","name":"r","fields":[{"name":"ID","type":"string"},"#
            + #"{"name":"VOTES","type":"long","default":10},{"name":"EMAIL","type":"string"}]}"#
        let id = try registry.register(subject: "votes-value", schema: RegisteredSchema(schema: writer))
        let columns = [Column("ID", .string), Column("VOTES", .bigint), Column("EMAIL", .string)]
        let ctx = context("votes", schemaID: id)
        for codec in [AvroCodec.swift, .avroc] {
            let bytes = try encode(codec, columns, [.string("a"), .null, .string("e")], ctx)
            #expect(try decode(.swift, columns, bytes, ctx) == [.string("a"), .bigint(10), .string("e")])
            // Without a default, NULL in a required field is still an error.
            #expect(throws: EddyError.self) { try encode(codec, columns, [.string("a"), .bigint(1), .null], ctx) }
        }
    }

    @Test func truncatedInputFailsInBothCodecs() throws {
        let columns = [Column("S", .string), Column("A", .array(.bigint)), Column("D", .double),
                       Column("M", .map(key: .string, value: .string))]
        let ctx = context("tr")
        let full = try #require(try encode(.avroc, columns, [.string("abcdef"), .array([.bigint(1 << 50), .bigint(2)]),
                                                             .double(2.5), .map(MapValue([(.string("k"), .string("v"))]))], ctx))
        for n in 0 ..< full.count {
            let prefix = Array(full.prefix(n))
            for codec in AvroCodec.allCases {
                #expect(throws: EddyError.self) { try decode(codec, columns, prefix, ctx) }
            }
        }
    }

    @Test func garbageNeverCrashes() throws {
        let columns = [Column("S", .string), Column("A", .array(.struct([.init("N", .int)]))), Column("B", .bytes),
                       Column("M", .map(key: .string, value: .boolean)), Column("U", .double)]
        let ctx = context("gb")
        let valid = try #require(try encode(.swift, columns, [.string("x"), .array([.null]), .bytes([1]), .null, .double(1)], ctx))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
        var d = try format(.avroc).makeDeserializer(columns: columns, context: ctx)
        for _ in 0..<3000 {
            var bytes = Array(valid.prefix(5))
            for _ in 0 ..< Int(next() % 24) { bytes.append(next()) }
            _ = try? d.deserialize(bytes)
        }
        // Hand-made hostile payloads: a negative string length, a huge one, and an array of
        // nulls claiming 2^61 items (Avro C alone would loop appending them).
        let header = Array(valid.prefix(5))
        for payload: [UInt8] in [[0x02, 0x01], [0x02, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
                                 [0x02, 0x00, 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]] {
            #expect(throws: EddyError.self) { try d.deserialize(header + payload) }
        }
        let nulls = try framed(writer: #"{"type":"record","name":"r","fields":[{"name":"a","type":{"type":"array","items":"null"}}]}"#,
                               json: #"{"a":[null,null]}"#, subject: "nl-value")
        var bomb = Array(nulls.prefix(5))
        bomb += [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0x00]
        #expect(throws: EddyError.self) { try decode(.avroc, [Column("A", .array(.string))], bomb, context("nl")) }
        #expect(try decode(.avroc, [Column("A", .array(.string))], nulls, context("nl")) == [.array([.null, .null])])
    }

    @Test func codecNamesParseFromProperties() throws {
        #expect(try AvroCodec(properties: [:]) == .default)
        #expect(try AvroCodec(properties: [AvroCodec.property: " AvroC "]) == .avroc)
        #expect(throws: AvroCodecNameError.self) { try AvroCodec(properties: [AvroCodec.property: "java"]) }
    }
}
