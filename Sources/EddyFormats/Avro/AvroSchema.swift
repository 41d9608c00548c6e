/// A parsed Avro schema. Named types are inlined at each use; a reference back to a record that
/// is still being defined (a recursive type) stays a `.reference`, which SQL mapping rejects.
public indirect enum AvroSchema: Sendable, Hashable {
    case null
    case boolean
    case int(AvroLogicalType?)
    case long(AvroLogicalType?)
    case float
    case double
    case bytes(AvroLogicalType?)
    case string
    case record(AvroRecord)
    case enumeration(AvroEnum)
    case array(AvroSchema)
    case map(AvroSchema)
    case union([AvroSchema])
    case fixed(AvroFixed)
    case reference(String)

    /// The Avro type name of this node ("record", "int", …), as used in messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .boolean: "boolean"
        case .int: "int"
        case .long: "long"
        case .float: "float"
        case .double: "double"
        case .bytes: "bytes"
        case .string: "string"
        case .record: "record"
        case .enumeration: "enum"
        case .array: "array"
        case .map: "map"
        case .union: "union"
        case .fixed: "fixed"
        case .reference(let n): n
        }
    }

    /// The full name of a named type, else nil.
    public var fullName: String? {
        switch self {
        case .record(let r): r.fullName
        case .enumeration(let e): e.fullName
        case .fixed(let f): f.fullName
        case .reference(let n): n
        default: nil
        }
    }

    /// `["null", T]` or `[T, "null"]`: the non-null branch and its index; nil for other schemas.
    public var nullableBranch: (schema: AvroSchema, nullIndex: Int, valueIndex: Int)? {
        guard case .union(let branches) = self, branches.count == 2 else { return nil }
        if branches[0] == .null, branches[1] != .null { return (branches[1], 0, 1) }
        if branches[1] == .null, branches[0] != .null { return (branches[0], 1, 0) }
        return nil
    }

    /// The schema without a null branch when it is a two-branch nullable union.
    public var nonNull: AvroSchema { nullableBranch?.schema ?? self }
}

/// Logical types Eddy maps to SQL types.
public enum AvroLogicalType: Sendable, Hashable {
    case date
    case timeMillis
    case timeMicros
    case timestampMillis
    case timestampMicros
    case localTimestampMillis
    case localTimestampMicros
    case decimal(precision: Int, scale: Int)
    case uuid
}

public struct AvroRecord: Sendable, Hashable {
    public var fullName: String
    public var fields: [AvroField]
    /// Non-standard attributes such as `connect.name`, kept so schemas can be written back.
    public var properties: [String: String]

    public init(fullName: String, fields: [AvroField], properties: [String: String] = [:]) {
        self.fullName = fullName
        self.fields = fields
        self.properties = properties
    }

    public var name: String { fullName.split(separator: ".").last.map(String.init) ?? fullName }
    public var namespace: String? {
        guard let dot = fullName.lastIndex(of: ".") else { return nil }
        return String(fullName[..<dot])
    }
}

public struct AvroField: Sendable, Hashable {
    public var name: String
    public var schema: AvroSchema
    /// The JSON default, when the field declares one (`"default": null` is `.some(.null)`).
    public var defaultValue: JSONValue?
    public var aliases: [String]

    public init(name: String, schema: AvroSchema, defaultValue: JSONValue? = nil, aliases: [String] = []) {
        self.name = name
        self.schema = schema
        self.defaultValue = defaultValue
        self.aliases = aliases
    }
}

public struct AvroEnum: Sendable, Hashable {
    public var fullName: String
    public var symbols: [String]
    public var defaultSymbol: String?
}

public struct AvroFixed: Sendable, Hashable {
    public var fullName: String
    public var size: Int
    public var logicalType: AvroLogicalType?
}
