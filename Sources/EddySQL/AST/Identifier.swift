import EddyCore

/// A name as written in SQL. Unquoted names are upper-cased, quoted ones (back-ticks or double
/// quotes) keep their case. Only `value` takes part in equality: `FOO`, `foo` and `` `FOO` `` are the
/// same name.
public struct Identifier: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The resolved name.
    public var value: String
    /// Whether the source text quoted it; the formatter uses this only as a hint.
    @Uncompared public var quoted: Bool = false
    @Uncompared public var location: SourceLocation? = nil

    public init(_ value: String, quoted: Bool = false, location: SourceLocation? = nil) {
        self.value = value
        self.quoted = quoted
        self.location = location
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The name as canonical SQL: back-quoted unless it is a plain upper-case, non-reserved word.
    public var sql: String { SQLFormatter.quoteIdentifier(value) }

    public var description: String { value }
}
