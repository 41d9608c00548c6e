import Testing
import EddySchemaRegistry

@Suite struct InMemorySchemaRegistryTests {
    let a = RegisteredSchema(schema: #"{"type": "string"}"#)
    let b = RegisteredSchema(schema: #"{"type":"int"}"#)

    @Test func idsAreGlobalAndReusedAcrossSubjects() throws {
        let r = InMemorySchemaRegistry()
        try r.setCompatibilityLevel(.none, subject: nil)
        let id1 = try r.register(subject: "t-value", schema: a)
        let id2 = try r.register(subject: "t-value", schema: b)
        let id3 = try r.register(subject: "u-value", schema: RegisteredSchema(schema: #"{"type":"string"}"#))
        #expect(id1 == 1 && id2 == 2 && id3 == 1)
        #expect(try r.versions(subject: "t-value") == [1, 2])
        #expect(try r.latest(subject: "t-value").id == 2)
        #expect(try r.version(subject: "u-value", version: 1).schema == RegisteredSchema(schema: #"{"type":"string"}"#))
        #expect(try r.subjects() == ["t-value", "u-value"])
        // Registering the same schema again is idempotent.
        #expect(try r.register(subject: "t-value", schema: a) == 1)
        #expect(try r.versions(subject: "t-value") == [1, 2])
        #expect(try r.lookup(subject: "t-value", schema: b).version == 2)
    }

    @Test func missingThingsUseConfluentCodes() throws {
        let r = InMemorySchemaRegistry()
        #expect(throws: SchemaRegistryError.subjectNotFound("x")) { try r.latest(subject: "x") }
        _ = try r.register(subject: "x", schema: a)
        #expect(throws: SchemaRegistryError.versionNotFound(7)) { try r.version(subject: "x", version: 7) }
        #expect(throws: SchemaRegistryError.schemaNotFound(id: 9)) { try r.schema(byID: 9) }
        #expect(throws: SchemaRegistryError.schemaNotFound()) { try r.lookup(subject: "x", schema: b) }
    }

    @Test func deletionIsSoftThenPermanent() throws {
        let r = InMemorySchemaRegistry()
        _ = try r.register(subject: "x", schema: a)
        #expect(throws: SchemaRegistryError.self) { try r.deleteSubject("x", permanent: true) }
        #expect(try r.deleteSubject("x", permanent: false) == [1])
        #expect(try r.subjects().isEmpty)
        #expect(try r.schema(byID: 1) == a)  // ids survive a soft delete
        #expect(try r.deleteSubject("x", permanent: true) == [1])
        #expect(throws: SchemaRegistryError.subjectNotFound("x")) { try r.deleteSubject("x", permanent: false) }
    }

    @Test func compatibilityUsesThePluggedInSupport() throws {
        struct SameTextOnly: SchemaTypeSupport {
            let schemaType = "AVRO"
            func canonicalForm(of s: RegisteredSchema, resolver: any SchemaReferenceResolver) throws -> String { s.schema }
            func readIssues(reader: RegisteredSchema, writer: RegisteredSchema, resolver: any SchemaReferenceResolver) -> [String] {
                reader.schema.count >= writer.schema.count ? [] : ["shorter"]
            }
        }
        let r = InMemorySchemaRegistry(supports: [SameTextOnly()])
        _ = try r.register(subject: "s", schema: RegisteredSchema(schema: "aaaa"))
        #expect(try r.isCompatible(subject: "s", schema: RegisteredSchema(schema: "aaaaa")))
        #expect(try !r.isCompatible(subject: "s", schema: RegisteredSchema(schema: "aa")))
        #expect(throws: SchemaRegistryError.self) { try r.register(subject: "s", schema: RegisteredSchema(schema: "aa")) }
        try r.setCompatibilityLevel(.none, subject: "s")
        #expect(try r.register(subject: "s", schema: RegisteredSchema(schema: "aa")) == 2)
        #expect(try r.compatibilityLevel(subject: "s", fallBackToGlobal: false) == .none)
        #expect(throws: SchemaRegistryError.subjectLevelNotConfigured("t")) {
            try r.compatibilityLevel(subject: "t", fallBackToGlobal: false)
        }
    }

    @Test func replayingTheLogRebuildsTheState() throws {
        final class Box: @unchecked Sendable { var records: [SchemaLogRecord] = [] }
        let box = Box()
        let r = InMemorySchemaRegistry(log: ClosureSchemaLog { box.records.append($0) })
        try r.setCompatibilityLevel(.none, subject: nil)
        _ = try r.register(subject: "t-value", schema: a)
        _ = try r.register(subject: "t-value", schema: b)
        _ = try r.register(subject: "u-value", schema: b)
        try r.deleteSubject("u-value", permanent: false)
        let copy = InMemorySchemaRegistry(replaying: box.records)
        #expect(try copy.subjects() == ["t-value"])
        #expect(try copy.latest(subject: "t-value").id == 2)
        #expect(try copy.compatibilityLevel(subject: nil, fallBackToGlobal: true) == .none)
        #expect(try copy.register(subject: "v-value", schema: RegisteredSchema(schema: #"{"type":"long"}"#)) == 3)
    }

    @Test func subjectNamingStrategies() {
        #expect(SubjectNameStrategy.topicName.subject(topic: "t", isKey: true, recordName: "a.B") == "t-key")
        #expect(SubjectNameStrategy.recordName.subject(topic: "t", isKey: false, recordName: "a.B") == "a.B")
        #expect(SubjectNameStrategy.topicRecordName.subject(topic: "t", isKey: false, recordName: "a.B") == "t-a.B")
        #expect(SubjectNameStrategy(configValue: "io.confluent.kafka.serializers.subject.RecordNameStrategy") == .recordName)
    }
}
