import Synchronization

/// A thread-safe registry held in memory, with the Confluent registry's rules: ids are global and
/// reused when the same (canonical) schema is registered under another subject, versions count up
/// per subject, new versions are checked against the subject's compatibility level.
///
/// It backs the test runner, the embedded dev registry (which persists through a `SchemaLog`) and
/// unit tests. Schema languages plug in through `SchemaTypeSupport`; unknown ones are opaque.
public final class InMemorySchemaRegistry: SchemaRegistryClient {
    struct Entry: Sendable {
        var version: Int
        var id: Int
        var schema: RegisteredSchema
        var deleted: Bool
        /// The canonical text, to recognise a re-registration of the same schema.
        var canonical: String = ""
    }

    struct SchemaKey: Hashable {
        var type: String
        var canonical: String
        var references: [SchemaReference]
    }

    struct State: Sendable {
        var nextID = 1
        var ids: [SchemaKey: Int] = [:]
        var schemas: [Int: RegisteredSchema] = [:]
        var subjects: [String: [Entry]] = [:]
        var globalLevel = CompatibilityLevel.backward
        var subjectLevels: [String: CompatibilityLevel] = [:]
    }

    private let state = Mutex(State())
    private let supports: [String: any SchemaTypeSupport]
    private let log: (any SchemaLog)?

    /// - Parameters:
    ///   - supports: schema languages to validate and compare; others are stored as opaque text.
    ///   - log: receives every change, for persistence.
    ///   - replaying: changes read back from a log, applied before anything else (not re-logged).
    public init(supports: [any SchemaTypeSupport] = [], log: (any SchemaLog)? = nil, replaying: [SchemaLogRecord] = []) {
        var map: [String: any SchemaTypeSupport] = [:]
        for s in supports { map[s.schemaType.uppercased()] = s }
        self.supports = map
        self.log = log
        for record in replaying { replay(record) }
    }

    func support(for type: String) -> any SchemaTypeSupport {
        supports[type.uppercased()] ?? OpaqueSchemaSupport(schemaType: type)
    }

    // MARK: Registration

    public func register(subject: String, schema: RegisteredSchema) throws -> Int {
        try register(subject: subject, schema: schema, id: nil)
    }

    /// Registers with a chosen id (the registry's IMPORT mode), as test fixtures and
    /// `POST /subjects/{s}/versions` with an `id` do. The id must be free or hold the same schema.
    public func register(subject: String, schema: RegisteredSchema, id forcedID: Int?) throws -> Int {
        try state.withLock { state in
            let resolver = StateResolver(subjects: state.subjects)
            let canonical = try support(for: schema.schemaType).canonicalForm(of: schema, resolver: resolver)
            let key = SchemaKey(type: schema.schemaType, canonical: canonical, references: schema.references)
            let live = state.subjects[subject, default: []].filter { !$0.deleted }
            if let same = live.last(where: { $0.canonical == canonical && $0.schema.references == schema.references }),
               forcedID == nil || forcedID == same.id {
                return same.id
            }
            let issues = try issuesLocked(state, subject: subject, schema: schema, against: nil)
            if !issues.isEmpty { throw SchemaRegistryError.incompatible(issues) }
            if let forcedID, let existing = state.schemas[forcedID], existing != schema {
                throw SchemaRegistryError(httpStatus: 422, errorCode: 42207,
                                          message: "Overwrite new schema with id \(forcedID) is not permitted.")
            }
            let id = forcedID ?? state.ids[key] ?? state.nextID
            let version = (state.subjects[subject]?.map(\.version).max() ?? 0) + 1
            let entry = SubjectVersion(subject: subject, version: version, id: id, schema: schema)
            try log?.append(.schema(entry, deleted: false))
            if state.ids[key] == nil { state.ids[key] = id }
            if state.schemas[id] == nil { state.schemas[id] = schema }
            state.nextID = max(state.nextID, id + 1)
            state.subjects[subject, default: []].append(Entry(version: version, id: id, schema: schema, deleted: false,
                                                              canonical: canonical))
            return id
        }
    }

    public func lookup(subject: String, schema: RegisteredSchema) throws -> SubjectVersion {
        try state.withLock { state in
            guard let entries = state.subjects[subject], entries.contains(where: { !$0.deleted }) else {
                throw SchemaRegistryError.subjectNotFound(subject)
            }
            let resolver = StateResolver(subjects: state.subjects)
            let canonical = try support(for: schema.schemaType).canonicalForm(of: schema, resolver: resolver)
            guard let e = entries.last(where: {
                !$0.deleted && $0.canonical == canonical && $0.schema.references == schema.references
                    && $0.schema.schemaType == schema.schemaType
            }) else {
                throw SchemaRegistryError.schemaNotFound()
            }
            return SubjectVersion(subject: subject, version: e.version, id: e.id, schema: e.schema)
        }
    }

    // MARK: Reads

    public func schema(byID id: Int) throws -> RegisteredSchema {
        try state.withLock { state in
            guard let s = state.schemas[id] else { throw SchemaRegistryError.schemaNotFound(id: id) }
            return s
        }
    }

    public func latest(subject: String) throws -> SubjectVersion {
        try state.withLock { state in
            guard let e = state.subjects[subject]?.last(where: { !$0.deleted }) else {
                throw SchemaRegistryError.subjectNotFound(subject)
            }
            return SubjectVersion(subject: subject, version: e.version, id: e.id, schema: e.schema)
        }
    }

    public func version(subject: String, version: Int) throws -> SubjectVersion {
        try state.withLock { state in
            guard let entries = state.subjects[subject], entries.contains(where: { !$0.deleted }) else {
                throw SchemaRegistryError.subjectNotFound(subject)
            }
            guard let e = entries.first(where: { !$0.deleted && $0.version == version }) else {
                throw SchemaRegistryError.versionNotFound(version)
            }
            return SubjectVersion(subject: subject, version: e.version, id: e.id, schema: e.schema)
        }
    }

    public func subjects() throws -> [String] {
        state.withLock { state in
            state.subjects.filter { $0.value.contains { !$0.deleted } }.keys.sorted()
        }
    }

    public func versions(subject: String) throws -> [Int] {
        try state.withLock { state in
            let live = state.subjects[subject, default: []].filter { !$0.deleted }.map(\.version)
            if live.isEmpty { throw SchemaRegistryError.subjectNotFound(subject) }
            return live
        }
    }

    /// The subjects and versions that use the schema with `id` (`GET /schemas/ids/{id}/versions`).
    public func subjectVersions(usingID id: Int) -> [(subject: String, version: Int)] {
        state.withLock { state in
            state.subjects.keys.sorted().flatMap { s in
                state.subjects[s]!.filter { !$0.deleted && $0.id == id }.map { (s, $0.version) }
            }
        }
    }

    // MARK: Compatibility

    public func compatibilityIssues(subject: String, schema: RegisteredSchema, version: Int?) throws -> [String] {
        try state.withLock { state in
            if let version {
                guard let entries = state.subjects[subject], entries.contains(where: { !$0.deleted }) else {
                    throw SchemaRegistryError.subjectNotFound(subject)
                }
                guard entries.contains(where: { !$0.deleted && $0.version == version }) else {
                    throw SchemaRegistryError.versionNotFound(version)
                }
            }
            return try issuesLocked(state, subject: subject, schema: schema, against: version)
        }
    }

    private func issuesLocked(_ state: State, subject: String, schema: RegisteredSchema, against version: Int?) throws -> [String] {
        let level = state.subjectLevels[subject] ?? state.globalLevel
        let live = state.subjects[subject, default: []].filter { !$0.deleted }
        let resolver = StateResolver(subjects: state.subjects)
        let support = support(for: schema.schemaType)
        _ = try support.canonicalForm(of: schema, resolver: resolver)
        if level == .none || live.isEmpty { return [] }
        let olds: [Entry]
        if let version { olds = live.filter { $0.version == version } }
        else { olds = level.isTransitive ? live : [live.last!] }
        var issues: [String] = []
        for old in olds {
            if old.schema.schemaType != schema.schemaType {
                issues.append("Incompatible because of different schema type")
                continue
            }
            if level.checksBackward {
                issues += support.readIssues(reader: schema, writer: old.schema, resolver: resolver)
            }
            if level.checksForward {
                issues += support.readIssues(reader: old.schema, writer: schema, resolver: resolver)
            }
        }
        return issues
    }

    public func compatibilityLevel(subject: String?, fallBackToGlobal: Bool) throws -> CompatibilityLevel {
        try state.withLock { state in
            guard let subject else { return state.globalLevel }
            if let level = state.subjectLevels[subject] { return level }
            if fallBackToGlobal { return state.globalLevel }
            throw SchemaRegistryError.subjectLevelNotConfigured(subject)
        }
    }

    public func setCompatibilityLevel(_ level: CompatibilityLevel, subject: String?) throws {
        try state.withLock { state in
            try log?.append(.config(subject: subject, level: level))
            Self.apply(.config(subject: subject, level: level), to: &state)
        }
    }

    // MARK: Deletion

    @discardableResult
    public func deleteSubject(_ subject: String, permanent: Bool) throws -> [Int] {
        try state.withLock { state in
            guard let entries = state.subjects[subject], !entries.isEmpty else {
                throw SchemaRegistryError.subjectNotFound(subject)
            }
            if permanent {
                if entries.contains(where: { !$0.deleted }) {
                    throw SchemaRegistryError(httpStatus: 404, errorCode: 40405,
                        message: "Subject '\(subject)' was not deleted first before being permanently deleted")
                }
                try log?.append(.deleteSubject(subject))
                Self.apply(.deleteSubject(subject), to: &state)
                return entries.map(\.version)
            }
            let live = entries.filter { !$0.deleted }
            if live.isEmpty { throw SchemaRegistryError.subjectNotFound(subject) }
            for e in live {
                let record = SchemaLogRecord.schema(
                    SubjectVersion(subject: subject, version: e.version, id: e.id, schema: e.schema), deleted: true)
                try log?.append(record)
                Self.apply(record, to: &state)
            }
            return live.map(\.version)
        }
    }

    // MARK: Replay

    private func replay(_ record: SchemaLogRecord) {
        state.withLock { state in
            if case .schema(let v, _) = record {
                let resolver = StateResolver(subjects: state.subjects)
                let canonical = (try? support(for: v.schema.schemaType).canonicalForm(of: v.schema, resolver: resolver))
                    ?? v.schema.schema
                let key = SchemaKey(type: v.schema.schemaType, canonical: canonical, references: v.schema.references)
                if state.ids[key] == nil { state.ids[key] = v.id }
                Self.apply(record, to: &state, canonical: canonical)
                return
            }
            Self.apply(record, to: &state)
        }
    }

    static func apply(_ record: SchemaLogRecord, to state: inout State, canonical: String = "") {
        switch record {
        case .schema(let v, let deleted):
            state.schemas[v.id] = state.schemas[v.id] ?? v.schema
            state.nextID = max(state.nextID, v.id + 1)
            var entries = state.subjects[v.subject, default: []]
            if let i = entries.firstIndex(where: { $0.version == v.version }) {
                entries[i].deleted = deleted
            } else {
                entries.append(Entry(version: v.version, id: v.id, schema: v.schema, deleted: deleted, canonical: canonical))
                entries.sort { $0.version < $1.version }
            }
            state.subjects[v.subject] = entries
        case .config(let subject, let level):
            if let subject { state.subjectLevels[subject] = level } else { state.globalLevel = level }
        case .deleteSubject(let subject):
            state.subjects[subject] = nil
            state.subjectLevels[subject] = nil
        }
    }
}

/// Resolves references against a snapshot of the registry's subjects (taken under its lock).
struct StateResolver: SchemaReferenceResolver {
    let subjects: [String: [InMemorySchemaRegistry.Entry]]

    func resolve(_ reference: SchemaReference) throws -> RegisteredSchema {
        guard let entries = subjects[reference.subject] else { throw SchemaRegistryError.subjectNotFound(reference.subject) }
        let live = entries.filter { !$0.deleted }
        let entry = reference.version < 0 ? live.last : live.first { $0.version == reference.version }
        guard let entry else { throw SchemaRegistryError.versionNotFound(reference.version) }
        return entry.schema
    }
}
