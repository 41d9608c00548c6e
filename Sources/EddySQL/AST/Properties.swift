import EddyCore

/// `WITH (name = literal, …)`, in written order. Lookups are case-insensitive, as ksqlDB treats
/// property names. The name itself is kept as resolved from the source — unquoted identifiers
/// upper-cased, quoted strings as written — because connector configurations need the exact
/// case (`'connector.class'`).
public struct Properties: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// The name as resolved from the source text.
        public var name: String
        public var value: Literal
        /// Where the value was written, so a bad value can be reported at its line and column.
        @Uncompared public var location: SourceLocation? = nil

        public init(_ name: String, _ value: Literal, location: SourceLocation? = nil) {
            self.name = name
            self.value = value
            self.location = location
        }

        /// The upper-cased name, for matching ksqlDB's case-insensitive property names.
        public var key: String { name.uppercased() }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public var isEmpty: Bool { entries.isEmpty }

    /// The last value given for `name` (case-insensitive).
    public subscript(name: String) -> Literal? {
        let key = name.uppercased()
        return entries.last { $0.key == key }?.value
    }

    /// The value for `name` as text (strings unquoted).
    public func string(_ name: String) -> String? { self[name]?.text }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Where the value of `name` was written (the last one given), when parsed from SQL.
    public func location(of name: String) -> SourceLocation? {
        let key = name.uppercased()
        return entries.last { $0.key == key }?.location
    }

    /// Names given more than once (case-insensitively), in first-seen order.
    public var duplicateKeys: [String] {
        var seen = Set<String>()
        var dups: [String] = []
        for e in entries where !seen.insert(e.key).inserted && !dups.contains(e.key) { dups.append(e.key) }
        return dups
    }
}
