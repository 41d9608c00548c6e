import EddyCore
@testable import EddyFormats
import EddySchemaRegistry
import Testing

@Suite struct JSONSchemaIDSerializerTests {
    @Test func aGivenSchemaWritesItsMissingPropertiesAsNull() throws {
        let registry = InMemorySchemaRegistry.withFormatSupport()
        let schema = #"{"type":"object","properties":{"c1":{"type":"integer"},"c2":{"type":"string"}}}"#
        let id = try registry.register(subject: "out-value", schema: RegisteredSchema(schemaType: RegisteredSchema.json, schema: schema))
        let info = FormatInfo("JSON_SR", properties: [FormatInfo.schemaIdProperty: String(id)])
        var s = try JSONSchemaFormat(registry: registry).makeSerializer(columns: [Column("c1", .bigint)],
                                                                      context: SerdeContext(info: info, topic: "out"))
        let bytes = try #require(try s.serialize([.bigint(4)]))
        #expect(Array(bytes.prefix(5)) == JSONSchemaFraming.prefix(id))
        let body = try JSONValue.parse(String(decoding: bytes.dropFirst(5), as: UTF8.self))
        #expect(body["c1"] == (try JSONValue.parse("4")))
        #expect(body["c2"]?.isNull == true)
    }
}
