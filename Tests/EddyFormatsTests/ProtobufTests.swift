import EddyCore
import EddySchemaRegistry
import Testing
@testable import EddyFormats

@Suite struct ProtoSchemaParserTests {
    @Test func parsesNestedMessagesEnumsMapsAndOneofs() throws {
        let schema = try ProtoSchema.parse("""
            syntax = "proto3";
            package shop.v1;
            import "google/protobuf/timestamp.proto";
            // comments are skipped
            message Order {
              enum State { NEW = 0; PAID = 1; }
              message Line { string sku = 1; int32 qty = 2; }
              int64 id = 1;
              repeated Line lines = 2;
              map<string, double> prices = 3;
              State state = 4;
              google.protobuf.Timestamp at = 5;
              oneof payment { string card = 6; string cash = 7; }
              optional int32 note = 8 [deprecated = true];
            }
            message Other { Order.Line line = 1; }
            """)
        #expect(schema.package == "shop.v1")
        #expect(schema.topLevelNames == ["shop.v1.Order", "shop.v1.Other"])
        let order = try #require(schema.message(named: "shop.v1.Order"))
        let fields = schema.messages[order].fields
        #expect(fields.map(\.name) == ["id", "lines", "prices", "state", "at", "card", "cash", "note"])
        #expect(fields[1].isRepeated)
        guard case .message(let line) = fields[1].type else { Issue.record("lines is not a message"); return }
        #expect(schema.messages[line].fullName == "shop.v1.Order.Line")
        #expect(fields[2].type == .map(key: .string, value: .scalar(.double)))
        guard case .message(let ts) = fields[4].type else { Issue.record("at is not a message"); return }
        #expect(schema.messages[ts].wellKnown == .timestamp)
        #expect(fields[5].oneof == 0 && fields[6].oneof == 0)
        #expect(fields[7].label == .optional)
        let other = try #require(schema.message(named: "shop.v1.Other"))
        #expect(schema.messages[other].fields[0].type == .message(line))
        #expect(schema.indexPath(of: line) == [0, 0])
        #expect(schema.message(atPath: [0, 0]) == line)
    }

    @Test func resolvesReferencesAndRejectsUnknownTypes() throws {
        let schema = try ProtoSchema.parse(#"syntax = "proto3"; import "event.proto"; message L { Event e = 1; }"#,
                                           references: ["event.proto": #"syntax = "proto3"; message Event { int64 ts = 1; }"#])
        #expect(schema.topLevelNames == ["L"])
        #expect(throws: ProtoSchemaError.self) { try ProtoSchema.parse(#"syntax = "proto3"; message M { Missing m = 1; }"#) }
        #expect(throws: ProtoSchemaError.self) { try ProtoSchema.parse(#"syntax = "proto3"; message M { int32 a = "#) }
    }

    @Test func decimalMetadataIsRead() throws {
        let schema = try ProtoSchema.parse("""
            syntax = "proto3"; import "confluent/meta.proto"; import "confluent/type/decimal.proto";
            message M { confluent.type.Decimal d = 1 [(confluent.field_meta) = { params: [{ key: "precision", value: "4" }, { key: "scale", value: "2" }] }]; }
            """)
        let inferred = try ProtoSchemaTranslator.columns(schema, message: try #require(schema.rootMessage), keepNames: false)
        #expect(inferred.names == ["D"])
        #expect(inferred.types == [.decimal(precision: 4, scale: 2)])
    }
}

@Suite struct ProtoWireTests {
    @Test func varintsZigzagAndFixedRoundTrip() throws {
        var out: [UInt8] = []
        ProtoWriter.varint(300, to: &out)
        #expect(out == [0xAC, 0x02])
        #expect(ProtoWriter.zigzag32(-1) == 1 && ProtoWriter.zigzag32(1) == 2)
        #expect(ProtoZigZag.decode64(ProtoWriter.zigzag64(Int64.min)) == Int64.min)
        ProtoWriter.fixed64(UInt64.max - 1, to: &out)
        let (a, b, end) = try out.withUnsafeBytes { raw throws -> (UInt64, UInt64, Bool) in
            var r = ProtoReader(raw)
            return (try r.varint(), try r.fixed64(), r.isAtEnd)
        }
        #expect(a == 300 && b == UInt64.max - 1 && end)
    }

    @Test func truncatedInputThrows() {
        let bytes: [UInt8] = [0x0A, 0x05, 0x61]  // field 1, length 5, one byte present
        let schema = try! ProtoSchema.parse(#"syntax = "proto3"; message M { string s = 1; }"#)
        #expect(throws: ProtoSchemaError.self) { try ProtoDecoder(schema: schema).decode(bytes, message: 0) }
    }

    @Test func messagesRoundTripWithPackedRepeatedAndDefaults() throws {
        let schema = try ProtoSchema.parse("""
            syntax = "proto3";
            message M { enum E { A = 0; B = 1; } sint64 s = 1; repeated int32 r = 2; map<string, string> m = 3; E e = 4;
                        float f = 5; bytes b = 6; N n = 7; }
            message N { uint32 u = 1; }
            """)
        let value = Value.struct(StructValue(names: ["s", "r", "m", "e", "f", "b", "n"], values: [
            .bigint(-5), .array([.int(1), .int(-2)]), .map(MapValue([(.string("k"), .string("v"))])), .string("B"),
            .double(1.5), .bytes([1, 2]), .struct(StructValue(names: ["u"], values: [.bigint(4_000_000_000)])),
        ]))
        let bytes = try ProtoEncoder(schema: schema).encode(value, message: 0)
        // Field 2 is packed: one length-delimited record (key 0x12).
        #expect(bytes.contains(0x12))
        let decoded = try ProtoDecoder(schema: schema).decode(bytes, message: 0)
        #expect(decoded == value)
        let empty = try ProtoDecoder(schema: schema).decode([], message: 0)
        #expect(empty == .struct(StructValue(names: ["s", "r", "m", "e", "f", "b", "n"], values: [
            .bigint(0), .array([]), .map(MapValue()), .string("A"), .double(0), .bytes([]), .null])))
    }
}

@Suite struct ProtobufFormatTests {
    let columns = [Column("ID", .int), Column("NAME", .string), Column("S", .struct([.init("F", .bigint)])),
                   Column("D", .decimal(precision: 4, scale: 2)), Column("TS", .timestamp), Column("DT", .date)]

    @Test func generatedSchemaFollowsKsqlNaming() throws {
        var g = ProtoSchemaGenerator(nullable: .none)
        let (text, root) = try g.text(columns: columns, fullName: nil, unwrapped: false)
        #expect(root == "ConnectDefault1")
        #expect(text.contains("message ConnectDefault2 {"))
        #expect(text.contains("  int32 ID = 1;"))
        #expect(text.contains("  confluent.type.Decimal D = 4"))
        #expect(text.contains("import \"google/protobuf/timestamp.proto\";"))
        var w = ProtoSchemaGenerator(nullable: .wrapper)
        #expect(try w.text(columns: [Column("I", .int)], fullName: "a.b.Rec", unwrapped: false).text
                .contains("google.protobuf.Int32Value I = 1;"))
    }

    @Test func noSRRoundTripDefaultsNullPrimitives() throws {
        let context = SerdeContext(info: FormatInfo("PROTOBUF_NOSR"), topic: "t")
        var s = try ProtobufNoSRFormat().makeSerializer(columns: columns, context: context)
        var d = try ProtobufNoSRFormat().makeDeserializer(columns: columns, context: context)
        let row: [Value] = [.null, .string("x"), .struct(StructValue(names: ["F"], values: [.bigint(7)])),
                            .decimal(SQLDecimal("-12.34")!), .timestamp(1_600_000_000_123), .date(19000)]
        let back = try d.deserialize(try s.serialize(row))
        #expect(back == [.int(0)] + row.dropFirst())
    }

    @Test func wrapperRepresentationKeepsNulls() throws {
        let info = FormatInfo("PROTOBUF_NOSR", properties: [ProtobufProperties.nullableRepresentation: "wrapper"])
        let cols = [Column("I", .int), Column("S", .string)]
        var s = try ProtobufNoSRFormat().makeSerializer(columns: cols, context: SerdeContext(info: info))
        var d = try ProtobufNoSRFormat().makeDeserializer(columns: cols, context: SerdeContext(info: info))
        #expect(try d.deserialize(try s.serialize([.null, .string("")])) == [.null, .string("")])
    }

    @Test func registryFramingAndWriterSchemaLookup() throws {
        let registry = InMemorySchemaRegistry()
        let format = ProtobufFormat(registry: registry)
        let context = SerdeContext(info: FormatInfo("PROTOBUF"), topic: "orders")
        var s = try format.makeSerializer(columns: columns, context: context)
        let bytes = try #require(try s.serialize([.int(1), .string("a"), .null, .null, .null, .null]))
        #expect(bytes[0] == 0 && bytes[5] == 0)
        let latest = try registry.latest(subject: "orders-value")
        #expect(Int(bytes[4]) == latest.id)
        // A reader with fewer, differently-cased columns matches fields by name.
        var d = try format.makeDeserializer(columns: [Column("NAME", .string), Column("ID", .bigint)], context: context)
        #expect(try d.deserialize(bytes) == [.string("a"), .bigint(1)])
        let garbage: [UInt8] = [1, 2, 3]
        #expect(throws: EddyError.self) { try d.deserialize(garbage) }
    }

    @Test func inferenceUpperCasesUnlessKeepingNames() throws {
        let format = ProtobufFormat(registry: InMemorySchemaRegistry())
        let schema = RegisteredSchema(schemaType: "PROTOBUF", schema: """
            syntax = "proto3"; import "google/protobuf/wrappers.proto";
            message A { google.protobuf.BoolValue c1 = 1; uint32 c2 = 2; repeated string c3 = 3; map<int32, float> c4 = 4; }
            message B { int32 x = 1; }
            """)
        let a = try format.inferColumns(from: schema, info: FormatInfo("PROTOBUF"), isKey: false, keepFieldNames: false)
        #expect(a.names == ["C1", "C2", "C3", "C4"])
        #expect(a.types == [.boolean, .bigint, .array(.string), .map(key: .string, value: .double)])
        let b = try format.inferColumns(from: schema, info: FormatInfo("PROTOBUF", properties: ["fullSchemaName": "B"]),
                                        isKey: false, keepFieldNames: true)
        #expect(b.names == ["x"])
    }

    @Test func rejectsNonStringMapKeys() {
        #expect(throws: EddyError.self) {
            try ProtobufNoSRFormat().validate(columns: [Column("M", .map(key: .int, value: .int))], isKey: false)
        }
    }
}

@Suite struct JSONSchemaFormatTests {
    @Test func framesWritesAndReadsBothForms() throws {
        let registry = InMemorySchemaRegistry()
        let format = JSONSchemaFormat(registry: registry)
        let cols = [Column("A", .int), Column("B", .string)]
        let context = SerdeContext(info: FormatInfo("JSON_SR"), topic: "t")
        var s = try format.makeSerializer(columns: cols, context: context)
        let bytes = try #require(try s.serialize([.int(1), .null]))
        #expect(bytes.prefix(1) == [0])
        #expect(String(decoding: bytes.dropFirst(5), as: UTF8.self) == #"{"A":1,"B":null}"#)
        #expect(try registry.latest(subject: "t-value").schema.schemaType == "JSON")
        var d = try format.makeDeserializer(columns: cols, context: context)
        #expect(try d.deserialize(bytes) == [.int(1), .null])
        #expect(try d.deserialize(Array(#"{"a": 2, "b": "x"}"#.utf8)) == [.int(2), .string("x")])
    }

    @Test func inferenceReadsConnectAnnotations() throws {
        let format = JSONSchemaFormat(registry: InMemorySchemaRegistry())
        let cols = [Column("I", .int), Column("D", .decimal(precision: 4, scale: 2)), Column("T", .timestamp),
                    Column("M", .map(key: .string, value: .bigint)), Column("S", .struct([.init("x", .bytes)]))]
        let registered = try format.schemaToRegister(columns: cols, info: FormatInfo("JSON_SR"), features: .none, isKey: false)
        let inferred = try format.inferColumns(from: registered, info: FormatInfo("JSON_SR"), isKey: false, keepFieldNames: true)
        #expect(inferred.names == ["I", "D", "T", "M", "S"])
        #expect(inferred.types == cols.map(\.type))
        let bare = try format.inferColumns(from: RegisteredSchema(schemaType: "JSON", schema: #"{"type":"integer"}"#),
                                           info: FormatInfo("JSON_SR"), isKey: true, keepFieldNames: false)
        #expect(bare.names == ["ROWKEY"] && bare.types == [.bigint] && bare.unwrapped)
    }
}

/// Confluent's `field_meta` params name their key and value in either order.
@Suite struct ProtoFieldMetaTests {
    @Test func paramsReadWhateverTheEntryOrder() throws {
        let text = #"syntax = "proto3"; import "confluent/type/decimal.proto"; message M { confluent.type.Decimal d = 1 [(confluent.field_meta) = { params: [{ value: "4", key: "precision" }, { key: "scale", value: "2" }]}]; }"#
        let schema = try ProtoSchema.parse(text)
        let field = try #require(schema.messages.first { $0.fullName == "M" }?.fields.first)
        #expect(field.params == ["precision": "4", "scale": "2"])
    }
}
