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
}
