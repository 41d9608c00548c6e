/// Where a column lives in a Kafka record.
public enum ColumnNamespace: Hashable, Sendable, Codable {
    case key
    case value
    /// All headers as `ARRAY<STRUCT<KEY STRING, VALUE BYTES>>` when `headerKey` is nil, else one header's bytes.
    case header(key: String?)
}

/// One column of a logical schema. Names are stored as resolved (unquoted identifiers upper-cased).
public struct Column: Hashable, Sendable {
    public var name: String
    public var type: SQLType
    public var namespace: ColumnNamespace

    public init(_ name: String, _ type: SQLType, _ namespace: ColumnNamespace = .value) {
        self.name = name
        self.type = type
        self.namespace = namespace
    }

    public var isKey: Bool { namespace == .key }
}

/// The pseudo-columns every source exposes.
public enum PseudoColumn: String, CaseIterable, Sendable {
    case rowtime = "ROWTIME"
    case rowpartition = "ROWPARTITION"
    case rowoffset = "ROWOFFSET"
    case windowstart = "WINDOWSTART"
    case windowend = "WINDOWEND"

    public var type: SQLType {
        switch self {
        case .rowtime, .rowoffset, .windowstart, .windowend: .bigint
        case .rowpartition: .int
        }
    }
}

/// A source's schema: key columns first, then value and header columns, in declaration order.
public struct LogicalSchema: Hashable, Sendable {
    public var columns: [Column]

    public init(_ columns: [Column]) { self.columns = columns }

    public var keyColumns: [Column] { columns.filter { $0.namespace == .key } }
    public var valueColumns: [Column] { columns.filter { $0.namespace != .key } }
    /// The columns a value serde reads and writes: header columns live in record headers instead.
    public var serializedValueColumns: [Column] { columns.filter { $0.namespace == .value } }

    public func column(named name: String) -> Column? { columns.first { $0.name == name } }
    public func index(of name: String) -> Int? { columns.firstIndex { $0.name == name } }
}

extension LogicalSchema: CustomStringConvertible {
    /// ksqlDB's rendering: "`K` STRING KEY, `V` INTEGER".
    public var description: String {
        columns.map { c in
            var s = "`\(c.name)` \(c.type)"
            switch c.namespace {
            case .key: s += " KEY"
            case .value: break
            case .header(let k): s += k.map { " HEADER('\($0)')" } ?? " HEADERS"
            }
            return s
        }.joined(separator: ", ")
    }
}
