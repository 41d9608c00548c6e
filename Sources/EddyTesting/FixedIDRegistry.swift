import EddySchemaRegistry

/// A registry view in which the schema ids a test file declares (`keySchemaId`/`valueSchemaId`) name
/// the schemas registered for them; ksqlDB's tests register with explicit ids, while the in-memory
/// registry hands out its own. Everything else goes straight to the underlying registry.
final class FixedIDRegistry: SchemaRegistryClient {
    let base: any SchemaRegistryClient
    let aliases: [Int: Int]

    init(base: any SchemaRegistryClient, aliases: [Int: Int]) {
        self.base = base
        self.aliases = aliases
    }

    func schema(byID id: Int) throws -> RegisteredSchema {
        if let actual = aliases[id] { return try base.schema(byID: actual) }
        return try base.schema(byID: id)
    }

    func register(subject: String, schema: RegisteredSchema) throws -> Int { try base.register(subject: subject, schema: schema) }
    func lookup(subject: String, schema: RegisteredSchema) throws -> SubjectVersion { try base.lookup(subject: subject, schema: schema) }
    func latest(subject: String) throws -> SubjectVersion { try base.latest(subject: subject) }
    func version(subject: String, version: Int) throws -> SubjectVersion { try base.version(subject: subject, version: version) }
    func subjects() throws -> [String] { try base.subjects() }
    func versions(subject: String) throws -> [Int] { try base.versions(subject: subject) }
    func compatibilityIssues(subject: String, schema: RegisteredSchema, version: Int?) throws -> [String] {
        try base.compatibilityIssues(subject: subject, schema: schema, version: version)
    }
    func deleteSubject(_ subject: String, permanent: Bool) throws -> [Int] { try base.deleteSubject(subject, permanent: permanent) }
    func compatibilityLevel(subject: String?, fallBackToGlobal: Bool) throws -> CompatibilityLevel {
        try base.compatibilityLevel(subject: subject, fallBackToGlobal: fallBackToGlobal)
    }
    func setCompatibilityLevel(_ level: CompatibilityLevel, subject: String?) throws { try base.setCompatibilityLevel(level, subject: subject) }
}
