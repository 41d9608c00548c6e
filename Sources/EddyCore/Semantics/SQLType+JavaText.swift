extension SQLType {
    /// The type as ksqlDB's `SqlType.toString()` prints it inside error messages: struct field
    /// names are always back-quoted (`STRUCT<`ID` INTEGER>`), an empty struct is `STRUCT< >`.
    public var ksqlText: String {
        switch self {
        case .array(let e): return "ARRAY<\(e.ksqlText)>"
        case .map(let k, let v): return "MAP<\(k.ksqlText), \(v.ksqlText)>"
        case .struct(let fields):
            if fields.isEmpty { return "STRUCT< >" }
            let inner = fields.map { "`\($0.name.replacingOccurrences(of: "`", with: "``"))` \($0.type.ksqlText)" }
            return "STRUCT<" + inner.joined(separator: ", ") + ">"
        default: return description
        }
    }
}
