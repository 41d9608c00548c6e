import EddyCore
import EddySQL

/// The columns an expression may reference, each resolved to its index in the operator's input row.
public struct Scope: Sendable {
    public struct Entry: Sendable {
        /// The source name or alias that qualifies the column (`src.col`), if any.
        public var qualifier: String?
        public var name: String
        public var type: SQLType
        public var index: Int
        /// Pseudo columns (ROWTIME, …) resolve only when no real column has the name.
        public var isPseudo: Bool

        public init(qualifier: String?, name: String, type: SQLType, index: Int, isPseudo: Bool = false) {
            self.qualifier = qualifier
            self.name = name
            self.type = type
            self.index = index
            self.isPseudo = isPseudo
        }
    }

    public var entries: [Entry]
    /// For messages: synthetic columns (an aggregate's result, a grouping key) shown as the
    /// expression they stand for, as ksqlDB prints `SUM(I1_BAR)` rather than an internal name.
    public var displayExpressions: [String: Expression] = [:]
    /// For messages in join queries: ksqlDB names a qualified column `ALIAS_NAME`, as in the
    /// join's output schema.
    public var joinNaming = false
    /// Lambda parameters in scope, innermost last: name → (type, index in the extended row).
    var lambdaVariables: [(name: String, type: SQLType, index: Int)] = []
    /// Which clause is being compiled, for ksqlDB's error wording ("WHERE column 'X' cannot be resolved").
    public var clause: String

    public init(entries: [Entry], clause: String = "SELECT") {
        self.entries = entries
        self.clause = clause
    }

    /// An expression as ksqlDB words it in error messages.
    public func display(_ e: Expression) -> String {
        var shown = e.rewritten { x in
            if case .column(nil, let n) = x.kind { return displayExpressions[n.value] }
            return nil
        }
        if joinNaming {
            shown = shown.rewritten { x in
                guard case .column(let q?, let n) = x.kind else { return nil }
                return Expression(.column(qualifier: nil, name: Identifier("\(q.value)_\(n.value)", quoted: false)), at: x.location)
            }
        }
        return SQLFormatter.format(shown)
    }

    /// Width of the row this scope reads (lambda parameters are appended after it).
    public var rowWidth: Int { (entries.map(\.index).max() ?? -1) + 1 + lambdaVariables.count }

    public func resolve(qualifier: Identifier?, name: Identifier, at location: SourceLocation) throws -> Entry {
        let candidates: [Entry]
        if let q = qualifier {
            guard entries.contains(where: { $0.qualifier == q.value }) else {
                throw EddyError.prepare("'\(q.value)' is not a valid stream/table name or alias.", at: location)
            }
            candidates = entries.filter { $0.qualifier == q.value && $0.name == name.value }
        } else {
            candidates = entries.filter { $0.name == name.value }
        }
        let real = candidates.filter { !$0.isPseudo }
        if let only = real.first, real.count == 1 { return only }
        if real.count > 1 {
            let names = real.map { "\($0.qualifier.map { $0 + "." } ?? "")\($0.name)" }.sorted()
            var error = EddyError.column("Column '\(name.value)' is ambiguous. Could be \(names.joinedWithOr()).", at: location)
            error.framing = .sanitizerNodeLocation
            throw error
        }
        if let pseudo = candidates.first { return pseudo }
        let shown = qualifier.map { "\($0.value).\(name.value)" } ?? name.value
        throw EddyError.column("\(clause) column '\(shown)' cannot be resolved.", at: location)
    }

    func lambdaVariable(_ name: String) -> (type: SQLType, index: Int)? {
        lambdaVariables.last { $0.name == name }.map { ($0.type, $0.index) }
    }
}
