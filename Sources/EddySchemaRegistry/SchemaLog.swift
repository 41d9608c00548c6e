/// One change to the registry's state, as the Confluent registry writes it to its `_schemas` topic.
/// The embedded registry appends these through a `SchemaLog` and rebuilds itself by replaying them.
public enum SchemaLogRecord: Hashable, Sendable {
    /// A version was registered (or soft-deleted, when `deleted` is true).
    case schema(SubjectVersion, deleted: Bool)
    /// A compatibility level was set, for a subject or globally (nil).
    case config(subject: String?, level: CompatibilityLevel)
    /// A subject was permanently deleted.
    case deleteSubject(String)
}

/// Where the embedded registry persists its changes (e.g. a `_schemas` topic). `append` is called
/// under the registry's lock, in order; it must not call back into the registry.
public protocol SchemaLog: Sendable {
    func append(_ record: SchemaLogRecord) throws
}

/// A `SchemaLog` made from a closure, for callers that only need a hook.
public struct ClosureSchemaLog: SchemaLog {
    private let body: @Sendable (SchemaLogRecord) throws -> Void
    public init(_ body: @escaping @Sendable (SchemaLogRecord) throws -> Void) { self.body = body }
    public func append(_ record: SchemaLogRecord) throws { try body(record) }
}
