extension SQLType {
    /// Whether the type is a MAP or holds one: ksqlDB refuses such key columns, because map
    /// entries serialize in no stable order.
    public var containsMap: Bool {
        switch self {
        case .map: true
        case .array(let e): e.containsMap
        case .struct(let fields): fields.contains { $0.type.containsMap }
        default: false
        }
    }

    /// Whether the type holds a MAP whose keys are not STRING: JSON, AVRO and PROTOBUF refuse them.
    public var hasNonStringMapKey: Bool {
        switch self {
        case .map(let k, let v): k != .string || v.hasNonStringMapKey
        case .array(let e): e.hasNonStringMapKey
        case .struct(let fields): fields.contains { $0.type.hasNonStringMapKey }
        default: false
        }
    }
}

extension EddyError {
    /// ksqlDB's refusal of a key column whose type holds a MAP (issue #6621).
    public static func mapKeyColumn(_ name: String, _ type: SQLType, kind: ErrorKind = .execution,
                                    at location: SourceLocation? = nil) -> EddyError {
        EddyError(kind, "Map keys, including types that contain maps, are not supported as they may lead to unexpected behavior due to inconsistent serialization. Key column name: `\(name)`. Column type: \(type.ksqlText). See https://github.com/confluentinc/ksql/issues/6621 for more.", at: location)
    }
}
