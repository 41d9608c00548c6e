import EddyFormats

/// Avro lets a named type inherit its enclosing namespace, so `{"name": "R_F1"}` inside a record
/// of namespace `n` is the same type as `{"name": "R_F1", "namespace": "n"}`. ksqlDB's tests
/// compare parsed schemas; Eddy compares JSON, so both sides get every namespace spelled out.
enum AvroSchemaNamespaces {
    static func explicit(_ schema: JSONValue, enclosing: String? = nil) -> JSONValue {
        switch schema {
        case .array(let branches):
            return .array(branches.map { explicit($0, enclosing: enclosing) })
        case .object(let object):
            var namespace = enclosing
            let kind = object["type"]?.stringValue
            let named = kind == "record" || kind == "enum" || kind == "fixed"
            if named {
                if let ns = object["namespace"]?.stringValue {
                    namespace = ns.isEmpty ? nil : ns
                } else if let name = object["name"]?.stringValue, let dot = name.lastIndex(of: ".") {
                    namespace = String(name[..<dot])
                }
            }
            var out = JSONObject()
            for (key, value) in object {
                switch key {
                case "namespace" where named:
                    continue
                case "fields":
                    out.append(key, .array((value.arrayValue ?? []).map { field in
                        guard case .object(var f) = field, let i = f.keys.lastIndex(of: "type") else { return field }
                        f.values[i] = explicit(f.values[i], enclosing: namespace)
                        return .object(f)
                    }))
                case "type", "items", "values":
                    out.append(key, explicit(value, enclosing: namespace))
                default:
                    out.append(key, value)
                }
            }
            if named, let namespace { out.append("namespace", .string(namespace)) }
            return .object(out)
        default:
            return schema
        }
    }
}
