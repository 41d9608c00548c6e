import EddyCore

/// A column definition in CREATE STREAM/TABLE, ASSERT STREAM/TABLE and ALTER … ADD.
public struct TableElement: Sendable, Hashable {
    public var name: Identifier
    public var type: TypeSyntax
    public var constraint: ColumnConstraint
    @Uncompared public var location: SourceLocation

    public init(name: Identifier, type: TypeSyntax, constraint: ColumnConstraint = .none,
                location: SourceLocation = SourceLocation(line: 0, column: 0)) {
        self.name = name
        self.type = type
        self.constraint = constraint
        self.location = location
    }
}

public enum ColumnConstraint: Sendable, Hashable {
    case none
    case key
    case primaryKey
    /// `HEADERS`: all headers as `ARRAY<STRUCT<KEY STRING, VALUE BYTES>>`.
    case headers
    /// `HEADER('name')`: one header's bytes.
    case header(String)

    /// The column namespace this constraint implies.
    public var namespace: ColumnNamespace {
        switch self {
        case .none: .value
        case .key, .primaryKey: .key
        case .headers: .header(key: nil)
        case .header(let k): .header(key: k)
        }
    }
}
