/// A resolved set of protobuf definitions: every message and enum of a schema file and of the files
/// it imports, addressed by index so recursive and cross-file references need no reference types.
public struct ProtoSchema: Sendable, Hashable {
    public var messages: [ProtoMessage] = []
    public var enums: [ProtoEnum] = []
    /// Indexes of the top-level messages of the main file, in declaration order (the order the
    /// Confluent wire format's message indexes count in).
    public var topLevel: [Int] = []
    /// The main file's package, or nil.
    public var package: String?
    /// The main file's imports, kept so the schema can be rendered again.
    public var imports: [String] = []

    public init() {}

    /// The message with this full name (a leading dot is ignored).
    public func message(named fullName: String) -> Int? {
        let name = fullName.hasPrefix(".") ? String(fullName.dropFirst()) : fullName
        return messages.firstIndex { $0.fullName == name }
    }

    /// The first top-level message of the main file: what a schema means when no name is given.
    public var rootMessage: Int? { topLevel.first }

    /// The full names of the main file's top-level messages (ksqlDB's `schemaFullNames`).
    public var topLevelNames: [String] { topLevel.map { messages[$0].fullName } }

    /// Confluent's message-index path of `message`: positions from the file's top level down.
    public func indexPath(of message: Int) -> [Int] {
        var path: [Int] = []
        var current = message
        while let parent = messages[current].parent {
            guard let i = messages[parent].nested.firstIndex(of: current) else { break }
            path.insert(i, at: 0)
            current = parent
        }
        if let i = topLevel.firstIndex(of: current) { path.insert(i, at: 0) }
        return path
    }

    /// The message a Confluent message-index path points to.
    public func message(atPath path: [Int]) -> Int? {
        guard let first = path.first, first >= 0, first < topLevel.count else { return nil }
        var current = topLevel[first]
        for i in path.dropFirst() {
            let nested = messages[current].nested
            guard i >= 0, i < nested.count else { return nil }
            current = nested[i]
        }
        return current
    }
}

/// A scalar field type, as spelled in `.proto` files.
public enum ProtoScalar: String, Sendable, Hashable, CaseIterable {
    case double, float, int32, int64, uint32, uint64, sint32, sint64
    case fixed32, fixed64, sfixed32, sfixed64, bool, string, bytes

    /// The wire type used for one unpacked value.
    var wireType: ProtoWireType {
        switch self {
        case .double, .fixed64, .sfixed64: .fixed64
        case .float, .fixed32, .sfixed32: .fixed32
        case .string, .bytes: .lengthDelimited
        default: .varint
        }
    }

    /// Numeric scalars are packed when repeated (proto3's default).
    var isPackable: Bool { self != .string && self != .bytes }
}

public indirect enum ProtoFieldType: Sendable, Hashable {
    case scalar(ProtoScalar)
    case message(Int)
    case enumeration(Int)
    /// `map<K, V>`: on the wire a repeated entry message with `key = 1` and `value = 2`.
    case map(key: ProtoScalar, value: ProtoFieldType)
}

public struct ProtoField: Sendable, Hashable {
    public enum Label: Sendable, Hashable { case none, optional, repeated }

    public var name: String
    public var number: Int
    public var type: ProtoFieldType
    public var label: Label
    /// Index into the message's `oneofs` for members of a real (non-synthetic) oneof.
    public var oneof: Int?
    /// `(confluent.field_meta).params`, e.g. a decimal's precision and scale.
    public var params: [String: String]

    public init(name: String, number: Int, type: ProtoFieldType, label: Label = .none, oneof: Int? = nil,
                params: [String: String] = [:]) {
        self.name = name
        self.number = number
        self.type = type
        self.label = label
        self.oneof = oneof
        self.params = params
    }

    public var isRepeated: Bool { label == .repeated }

    /// Whether an absent value reads as NULL rather than the type's default.
    func tracksPresence(in schema: ProtoSchema) -> Bool {
        if label == .optional || oneof != nil { return true }
        if case .message = type, label != .repeated { return true }
        return false
    }
}

public struct ProtoMessage: Sendable, Hashable {
    public var name: String
    public var fullName: String
    public var fields: [ProtoField] = []
    public var oneofs: [String] = []
    /// Indexes of nested messages, in declaration order (map entries are not listed).
    public var nested: [Int] = []
    public var nestedEnums: [Int] = []
    public var parent: Int?
    /// Set for google.protobuf wrappers, Timestamp, google.type Date/TimeOfDay and confluent Decimal.
    public var wellKnown: ProtoWellKnownType?

    public init(name: String, fullName: String) {
        self.name = name
        self.fullName = fullName
    }

    /// The index of the field with this number.
    @inlinable public func fieldIndex(number: Int) -> Int? {
        for i in fields.indices where fields[i].number == number { return i }
        return nil
    }
}

public struct ProtoEnum: Sendable, Hashable {
    public var name: String
    public var fullName: String
    public var values: [(name: String, number: Int)] { zip(names, numbers).map { ($0, $1) } }
    public var names: [String] = []
    public var numbers: [Int] = []

    public init(name: String, fullName: String) {
        self.name = name
        self.fullName = fullName
    }

    public func name(of number: Int) -> String? {
        numbers.firstIndex(of: number).map { names[$0] }
    }

    public func number(of name: String) -> Int? {
        names.firstIndex(of: name).map { numbers[$0] }
    }

    /// Proto3's default: the value numbered 0 (the first one, by the language's rules).
    public var defaultName: String { name(of: 0) ?? names.first ?? "" }
}

/// Messages whose values ksqlDB maps to SQL scalars rather than STRUCTs.
public enum ProtoWellKnownType: String, Sendable, Hashable {
    case doubleValue = "google.protobuf.DoubleValue", floatValue = "google.protobuf.FloatValue"
    case int64Value = "google.protobuf.Int64Value", uint64Value = "google.protobuf.UInt64Value"
    case int32Value = "google.protobuf.Int32Value", uint32Value = "google.protobuf.UInt32Value"
    case boolValue = "google.protobuf.BoolValue", stringValue = "google.protobuf.StringValue"
    case bytesValue = "google.protobuf.BytesValue"
    case timestamp = "google.protobuf.Timestamp"
    case date = "google.type.Date"
    case timeOfDay = "google.type.TimeOfDay"
    case decimal = "confluent.type.Decimal"

    /// The type of a wrapper's single `value` field.
    public var wrappedScalar: ProtoScalar? {
        switch self {
        case .doubleValue: .double
        case .floatValue: .float
        case .int64Value: .int64
        case .uint64Value: .uint64
        case .int32Value: .int32
        case .uint32Value: .uint32
        case .boolValue: .bool
        case .stringValue: .string
        case .bytesValue: .bytes
        default: nil
        }
    }

    public var isWrapper: Bool {
        switch self {
        case .timestamp, .date, .timeOfDay, .decimal: false
        default: true
        }
    }
}
