import Testing
import BigInt
import EddyCore
@testable import EddyFormats
import EddySchemaRegistry

@Suite struct AvroFormatTests {
    let registry = InMemorySchemaRegistry.withFormatSupport()
    var format: AvroFormat { AvroFormat(registry: registry) }

    func roundTrip(_ columns: [Column], _ values: [Value], features: SerdeFeatures = .none) throws -> [Value]? {
        let context = SerdeContext(info: FormatInfo("AVRO"), features: features, topic: "t")
        var s = try format.makeSerializer(columns: columns, context: context)
        var d = try format.makeDeserializer(columns: columns, context: context)
        return try d.deserialize(try s.serialize(values))
    }

    @Test func rowsRoundTripThroughTheWireFormat() throws {
        let columns = [
            Column("I", .int), Column("B", .bigint), Column("D", .double), Column("S", .string),
            Column("DEC", .decimal(precision: 4, scale: 2)), Column("DT", .date), Column("TM", .time),
            Column("TS", .timestamp), Column("BY", .bytes), Column("A", .array(.string)),
            Column("M", .map(key: .string, value: .int)),
            Column("ST", .struct([.init("X", .int), .init("Y", .array(.bigint))])),
        ]
        let values: [Value] = [
            .int(-7), .bigint(1 << 40), .double(1.5), .string("héllo"),
            .decimal(SQLDecimal(unscaled: BigInt(-1234), scale: 2)), .date(19000), .time(3_600_000),
            .timestamp(1_700_000_000_123), .bytes([0, 255, 7]), .array([.string("a"), .null]),
            .map(MapValue([(.string("k"), .int(1)), (.string("n"), .null)])),
            .struct(StructValue(names: ["X", "Y"], values: [.null, .array([.bigint(3)])])),
        ]
        let back = try roundTrip(columns, values)
        #expect(back?.count == values.count)
        for (a, b) in zip(back ?? [], values) { #expect(a == b) }
        // The serializer registered the generated schema under the topic's value subject.
        #expect(try registry.latest(subject: "t-value").id == 1)
    }

    @Test func framesWithMagicByteAndSchemaID() throws {
        var s = try format.makeSerializer(columns: [Column("V", .int)], context: SerdeContext(info: FormatInfo("AVRO"), topic: "x"))
        let bytes = try #require(try s.serialize([.int(1)]))
        #expect(Array(bytes.prefix(5)) == [0, 0, 0, 0, 1])
        // A record with union index 1 (the int branch) and zig-zag 1 = 2.
        #expect(Array(bytes.dropFirst(5)) == [2, 2])
    }

    @Test func unwrappedSingleValuesAndNulls() throws {
        let col = [Column("V", .string)]
        #expect(try roundTrip(col, [.string("x")], features: SerdeFeatures(.unwrapSingles)) == [.string("x")])
        #expect(try roundTrip(col, [.null], features: SerdeFeatures(.unwrapSingles)) == nil)
    }

    @Test func generatedSchemaFollowsKsqlNaming() throws {
        let json = try AvroSchemaGenerator.schema(
            columns: [Column("S", .struct([.init("F", .int)])), Column("M", .map(key: .string, value: .double))],
            unwrapped: false, fullName: AvroSchemaGenerator.defaultValueSchemaFullName)
        let text = json.jsonText
        #expect(text.hasPrefix(#"{"type":"record","name":"KsqlDataSourceSchema","namespace":"io.confluent.ksql.avro_schemas""#))
        #expect(text.contains(#""name":"KsqlDataSourceSchema_S""#))
        #expect(text.contains(#""connect.internal.type":"MapEntry""#))
        #expect(text.contains(#""connect.name":"io.confluent.ksql.avro_schemas.KsqlDataSourceSchema_M""#))
        #expect(AvroSchemaGenerator.keySchemaFullName(sourceName: "LEFT_TABLE") == "io.confluent.ksql.avro_schemas.LeftTableKey")
    }

    @Test func rejectsWhatKsqlRejects() {
        #expect(throws: EddyError.self) {
            try format.validate(columns: [Column("M", .map(key: .int, value: .int))], isKey: false, features: .none)
        }
        #expect(throws: EddyError.self) {
            try format.validate(columns: [Column("1BAD", .int)], isKey: false, features: .none)
        }
    }

    @Test func readsWriterSchemasWithCoercionAndNameMatching() throws {
        let writer = #"{"type":"record","name":"r","fields":[{"name":"small","type":"int"},{"name":"f","type":"float"},"#
            + #"{"name":"e","type":{"type":"enum","name":"E","symbols":["A","B"]}},{"name":"extra","type":"string"}]}"#
        let id = try registry.register(subject: "in-value", schema: RegisteredSchema(schema: writer))
        var bytes: [UInt8] = []
        ConfluentWireFormat.writeHeader(schemaID: id, to: &bytes)
        try AvroJSONCodec.encode(try JSONValue.parse(#"{"small":5,"f":1.5,"e":"B","extra":"zz"}"#),
                                 schema: try AvroSchema.parse(writer), to: &bytes)
        let columns = [Column("SMALL", .bigint), Column("F", .double), Column("E", .string), Column("MISSING", .int)]
        var d = try format.makeDeserializer(columns: columns, context: SerdeContext(info: FormatInfo("AVRO"), topic: "in"))
        #expect(try d.deserialize(bytes) == [.bigint(5), .double(1.5), .string("B"), .null])
    }

    /// The row program (flattened top-level record) must read exactly what the general plan
    /// reads: reordered and extra writer fields, null-first and null-second unions, and a bad
    /// union index.
    @Test func rowProgramMatchesTheGeneralPlan() throws {
        let writer = #"{"type":"record","name":"r","fields":["#
            + #"{"name":"s","type":["null","string"]},{"name":"skip","type":"long"},"#
            + #"{"name":"i","type":["int","null"]},{"name":"d","type":"double"},{"name":"b","type":["null","boolean"]}]}"#
        let id = try registry.register(subject: "p-value", schema: RegisteredSchema(schema: writer))
        let columns = [Column("I", .bigint), Column("B", .boolean), Column("S", .string), Column("D", .double)]
        let plan = try AvroReadPlan.make(writer: try AvroSchema.parse(writer),
                                         target: .struct(columns.map { .init($0.name, $0.type) }), path: "")
        let program = try #require(AvroRowProgram(plan))
        #expect(!program.sequential)
        var d = try format.makeDeserializer(columns: columns, context: SerdeContext(info: FormatInfo("AVRO"), topic: "p"))
        for json in [#"{"s":"x","skip":7,"i":-3,"d":2.5,"b":true}"#,
                     #"{"s":null,"skip":-1,"i":null,"d":0.0,"b":null}"#] {
            var bytes: [UInt8] = []
            ConfluentWireFormat.writeHeader(schemaID: id, to: &bytes)
            try AvroJSONCodec.encode(try JSONValue.parse(json), schema: try AvroSchema.parse(writer), to: &bytes)
            let general = try bytes.withUnsafeBytes { raw in
                var reader = AvroBinaryReader(raw, offset: ConfluentWireFormat.headerSize)
                return try AvroDecoder.read(plan, &reader)
            }
            guard case .struct(let expected) = general else { Issue.record("not a struct"); return }
            #expect(try d.deserialize(bytes) == expected.values)
        }
        // Union index 2 of a two-branch union: the field after `s` would be garbage.
        var bad: [UInt8] = []
        ConfluentWireFormat.writeHeader(schemaID: id, to: &bad)
        bad += [4, 2, 65]
        #expect(throws: EddyError.self) { try d.deserialize(bad) }
    }

    /// The flattened row writer must write the bytes the general plan writes, including
    /// coercions (INT into long and double), nulls in nullable and required fields, and
    /// defaults for writer fields the row does not have.
    @Test func rowWriteProgramMatchesTheGeneralPlan() throws {
        let writer = try AvroSchema.parse(#"{"type":"record","name":"r","fields":["#
            + #"{"name":"L","type":["null","long"]},{"name":"S","type":["string","null"]},{"name":"D","type":"double"},"#
            + #"{"name":"B","type":"boolean"},{"name":"X","type":"int","default":7},{"name":"I","type":["null","int"]}]}"#)
        guard case .record(let record) = writer else { Issue.record("not a record"); return }
        let sources: [(String, SQLType)] = [("I", .int), ("L", .bigint), ("S", .string), ("D", .double), ("B", .boolean)]
        guard case .record(let fields) = try AvroWritePlan.record(record, sources: sources, path: "") else {
            Issue.record("not a record plan"); return
        }
        let program = AvroRowWriteProgram(fields)
        let rows: [[Value]] = [
            [.int(3), .bigint(-9), .string("é"), .double(1.5), .bool(true)],
            [.null, .null, .null, .double(-0.0), .bool(false)],
            [.int(1), .int(42), .string(""), .int(2), .bool(true)],
            [.int(1), .bigint(1), .string("x"), .double(1), .null],
        ]
        for row in rows {
            var general: [UInt8] = [], flat: [UInt8] = []
            let generalResult = Result { try AvroEncoder.writeFields(fields, row[...], to: &general) }
            let flatResult = Result { try program.write(row[...], to: &flat) }
            switch (generalResult, flatResult) {
            case (.success, .success): #expect(flat == general)
            case (.failure, .failure): break
            default: Issue.record("general \(generalResult) but flattened \(flatResult) for \(row)")
            }
        }
    }

    @Test func mismatchedWriterTypesAndGarbageFailWithoutTrapping() throws {
        let id = try registry.register(subject: "s-value", schema: RegisteredSchema(schema: #""string""#))
        var d = try format.makeDeserializer(columns: [Column("V", .int)],
                                            context: SerdeContext(info: FormatInfo("AVRO"), features: SerdeFeatures(.unwrapSingles), topic: "s"))
        var bytes: [UInt8] = []
        ConfluentWireFormat.writeHeader(schemaID: id, to: &bytes)
        bytes += [2, 65]
        #expect(throws: EddyError.self) { try d.deserialize(bytes) }
        #expect(throws: EddyError.self) { try d.deserialize([1, 2, 3]) }
        var s2 = try format.makeDeserializer(columns: [Column("V", .string)],
                                             context: SerdeContext(info: FormatInfo("AVRO"), features: SerdeFeatures(.unwrapSingles), topic: "s"))
        #expect(throws: EddyError.self) { try s2.deserialize(Array(bytes.prefix(5)) + [40]) }
    }

    @Test func decimalsUseMinimalTwosComplement() {
        func enc(_ v: Int) -> [UInt8] { AvroDecimalBytes.encode(SQLDecimal(unscaled: BigInt(v), scale: 0)) }
        #expect(enc(0) == [0])
        #expect(enc(127) == [127])
        #expect(enc(128) == [0, 128])
        #expect(enc(-1) == [255])
        #expect(enc(-128) == [128])
        #expect(enc(-129) == [255, 127])
        for v in [0, 1, -1, 300, -300, 99999, -99999] {
            let b = enc(v)
            let back = b.withUnsafeBytes { AvroDecoder.decimal($0, writerScale: 0, targetScale: 0) }
            #expect(back.unscaled == BigInt(v))
        }
    }

    @Test func infersColumnsAsKsqlDoes() throws {
        let schema = try AvroSchema.parse(#"{"type":"record","name":"r","fields":[{"name":"a","type":["null","int"]},"#
            + #"{"name":"d","type":{"type":"int","logicalType":"date"}},{"name":"n","type":"null"},"#
            + #"{"name":"m","type":{"type":"map","values":"long"}}]}"#)
        let cols = try AvroTypeInference.columns(of: schema, isKey: false, unwrapped: false)
        #expect(cols.map(\.name) == ["A", "D", "M"])
        #expect(cols.map(\.type) == [.int, .date, .map(key: .string, value: .bigint)])
        #expect(throws: EddyError.self) { try AvroTypeInference.columns(of: .int(nil), isKey: false, unwrapped: false) }
        #expect(try AvroTypeInference.columns(of: .int(nil), isKey: true, unwrapped: true).map(\.name) == ["ROWKEY"])
    }

    @Test func registryCompatibilityFollowsAvroResolution() throws {
        let r = InMemorySchemaRegistry.withFormatSupport()
        let v1 = #"{"type":"record","name":"r","fields":[{"name":"a","type":"int"}]}"#
        let addedWithDefault = #"{"type":"record","name":"r","fields":[{"name":"a","type":"long"},{"name":"b","type":"string","default":""}]}"#
        let addedWithout = #"{"type":"record","name":"r","fields":[{"name":"a","type":"int"},{"name":"c","type":"string"}]}"#
        _ = try r.register(subject: "s", schema: RegisteredSchema(schema: v1))
        #expect(try r.isCompatible(subject: "s", schema: RegisteredSchema(schema: addedWithDefault)))
        #expect(try !r.isCompatible(subject: "s", schema: RegisteredSchema(schema: addedWithout)))
        #expect(throws: SchemaRegistryError.self) { try r.register(subject: "s", schema: RegisteredSchema(schema: "{not avro")) }
    }
}
