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
