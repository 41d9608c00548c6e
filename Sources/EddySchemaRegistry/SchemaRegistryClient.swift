/// The Schema Registry operations Eddy uses, shaped after Confluent's REST API.
///
/// Calls are synchronous: serdes look schemas up while they are built and, on a cache miss, while
/// they decode. The HTTP implementation blocks its calling thread, so call it from the runtime's
/// dedicated threads or through `onRegistryThread` from async code, never straight from the
/// cooperative pool. Errors are `SchemaRegistryError` with the registry's codes (40401, …).
public protocol SchemaRegistryClient: Sendable {
    /// Registers `schema` under `subject` (or finds it there) and returns its global id.
    /// The same schema under another subject gets the same id, as in the Confluent registry.
    func register(subject: String, schema: RegisteredSchema) throws -> Int

    /// The version of `subject` that holds `schema` (`POST /subjects/{s}`); 40401 or 40403 if none.
    func lookup(subject: String, schema: RegisteredSchema) throws -> SubjectVersion

    /// The schema with this global id (`GET /schemas/ids/{id}`); 40403 if none.
    func schema(byID id: Int) throws -> RegisteredSchema

    /// The latest live version of `subject`; 40401 if it has none.
    func latest(subject: String) throws -> SubjectVersion

    /// One version of `subject`; 40401 or 40402 if missing.
    func version(subject: String, version: Int) throws -> SubjectVersion

    /// Subjects with at least one live version, sorted.
    func subjects() throws -> [String]

    /// The live versions of `subject`, ascending; 40401 if none.
    func versions(subject: String) throws -> [Int]

    /// Whether `schema` may be registered as the next version of `subject` under its compatibility
    /// level; with `version`, checks against that one version only. Returns the reasons it is not
    /// (empty when compatible). A subject with no versions accepts anything.
    func compatibilityIssues(subject: String, schema: RegisteredSchema, version: Int?) throws -> [String]

    /// Deletes the subject's versions and returns them; `permanent` forgets them entirely.
    @discardableResult
    func deleteSubject(_ subject: String, permanent: Bool) throws -> [Int]

    /// The compatibility level for `subject`, or the global one when `subject` is nil.
    /// `fallBackToGlobal == false` makes a subject without its own level an error (40408).
    func compatibilityLevel(subject: String?, fallBackToGlobal: Bool) throws -> CompatibilityLevel

    /// Sets the level for `subject`, or the global one when nil.
    func setCompatibilityLevel(_ level: CompatibilityLevel, subject: String?) throws
}

extension SchemaRegistryClient {
    public func isCompatible(subject: String, schema: RegisteredSchema, version: Int? = nil) throws -> Bool {
        try compatibilityIssues(subject: subject, schema: schema, version: version).isEmpty
    }

    /// The latest version of `subject`, or nil when the subject does not exist (40401).
    public func latestIfPresent(subject: String) throws -> SubjectVersion? {
        do { return try latest(subject: subject) } catch let e as SchemaRegistryError where e.errorCode == 40401 {
            return nil
        }
    }
}
