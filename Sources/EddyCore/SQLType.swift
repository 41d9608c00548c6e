/// A SQL type as ksqlDB defines it. Struct field names keep the case they were declared with.
public indirect enum SQLType: Hashable, Sendable {
    case boolean
    case int
    case bigint
    case double
    case decimal(precision: Int, scale: Int)
    case string
    case bytes
    case date
    case time
    case timestamp
    case array(SQLType)
    case map(key: SQLType, value: SQLType)
    case `struct`([StructField])

    public struct StructField: Hashable, Sendable {
        public var name: String
        public var type: SQLType
        public init(_ name: String, _ type: SQLType) {
            self.name = name
            self.type = type
        }
    }

    /// The SQL base type, ignoring parameters (ksqlDB's `SqlBaseType`).
    public enum Base: String, Sendable {
        case boolean = "BOOLEAN", int = "INTEGER", bigint = "BIGINT", double = "DOUBLE"
        case decimal = "DECIMAL", string = "STRING", bytes = "BYTES", date = "DATE"
        case time = "TIME", timestamp = "TIMESTAMP", array = "ARRAY", map = "MAP", `struct` = "STRUCT"
    }

    public var base: Base {
        switch self {
        case .boolean: .boolean
        case .int: .int
        case .bigint: .bigint
        case .double: .double
        case .decimal: .decimal
        case .string: .string
        case .bytes: .bytes
        case .date: .date
        case .time: .time
        case .timestamp: .timestamp
        case .array: .array
        case .map: .map
        case .struct: .struct
        }
    }

    public var isNumeric: Bool {
        switch self {
        case .int, .bigint, .double, .decimal: true
        default: false
        }
    }

    public var isPrimitive: Bool {
        switch self {
        case .array, .map, .struct: false
        default: true
        }
    }

    public var isTemporal: Bool {
        switch self {
        case .date, .time, .timestamp: true
        default: false
        }
    }

    /// The struct field with the given name (exact match first, then case-insensitive).
    public func field(named name: String) -> StructField? {
        guard case .struct(let fields) = self else { return nil }
        return fields.first { $0.name == name } ?? fields.first { $0.name.uppercased() == name.uppercased() }
    }
}

extension SQLType: CustomStringConvertible {
    /// ksqlDB's canonical rendering, e.g. `STRUCT<A INTEGER, B ARRAY<STRING>>`.
    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int: "INTEGER"
        case .bigint: "BIGINT"
        case .double: "DOUBLE"
        case .decimal(let p, let s): "DECIMAL(\(p), \(s))"
        case .string: "STRING"
        case .bytes: "BYTES"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        case .array(let e): "ARRAY<\(e)>"
        case .map(let k, let v): "MAP<\(k), \(v)>"
        case .struct(let fields):
            "STRUCT<" + fields.map { "\(SQLIdentifier.quoteIfNeeded($0.name)) \($0.type)" }.joined(separator: ", ") + ">"
        }
    }
}

/// Identifier quoting rules shared by the formatter and type rendering.
public enum SQLIdentifier {
    /// Quotes with back-ticks when the name is not a plain upper-case identifier.
    public static func quoteIfNeeded(_ name: String) -> String {
        if isPlain(name) && !SQLKeywords.reserved.contains(name) { return name }
        return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    public static func isPlain(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        guard first == "_" || ("A"..."Z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "@" || $0 == "$" }
    }
}

/// Words that must be quoted to be used as identifiers. EddySQL's lexer owns the full keyword table;
/// this is the reserved subset needed for rendering names.
public enum SQLKeywords {
    public static let reserved: Set<String> = [
        "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "AS", "BY", "GROUP", "HAVING", "JOIN", "ON", "CREATE",
        "TABLE", "STREAM", "INSERT", "INTO", "VALUES", "NULL", "TRUE", "FALSE", "CASE", "WHEN", "THEN", "ELSE",
        "END", "IN", "IS", "LIKE", "BETWEEN", "CAST", "WITH", "WINDOW", "EMIT", "LIMIT", "PARTITION", "INNER",
        "LEFT", "RIGHT", "FULL", "OUTER", "WITHIN", "DROP", "EXISTS", "IF", "SHOW", "LIST", "DESCRIBE",
        "EXPLAIN", "ESCAPE", "DISTINCT", "INTEGER", "ARRAY", "MAP", "STRUCT", "SET", "RESET",
    ]
}
