extension AvroSchema {
    /// Parses schema text as the registry stores it (JSON; a bare primitive name is allowed).
    public static func parse(_ text: String) throws -> AvroSchema {
        let json: JSONValue
        do { json = try JSONValue.parse(text) } catch {
            // `int` without quotes is not JSON, but Avro Java accepts a bare primitive name.
            let trimmed = text.trimmingCharacters(in: " \n\t\r")
            if AvroSchemaParser.primitive(trimmed, logical: nil) != nil { return AvroSchemaParser.primitive(trimmed, logical: nil)! }
            throw AvroSchemaError("Invalid Avro schema: \(error)")
        }
        return try parse(json)
    }

    public static func parse(_ json: JSONValue) throws -> AvroSchema {
        var parser = AvroSchemaParser()
        return try parser.parse(json, namespace: nil)
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

/// Resolves names and namespaces while walking the schema JSON.
struct AvroSchemaParser {
    /// Named types already defined, by full name.
    var named: [String: AvroSchema] = [:]
    /// Records whose definition is in progress (to detect recursion).
    var defining: Set<String> = []

    static func primitive(_ name: String, logical: AvroLogicalType?) -> AvroSchema? {
        switch name {
        case "null": .null
        case "boolean": .boolean
        case "int": .int(logical)
        case "long": .long(logical)
        case "float": .float
        case "double": .double
        case "bytes": .bytes(logical)
        case "string": .string
        default: nil
        }
    }

    mutating func parse(_ json: JSONValue, namespace: String?) throws -> AvroSchema {
        switch json {
        case .string(let name):
            if let p = Self.primitive(name, logical: nil) { return p }
            return try lookup(name, namespace: namespace)
        case .array(let branches):
            let parsed = try branches.map { try parse($0, namespace: namespace) }
            var seen: Set<String> = []
            for b in parsed {
                if case .union = b { throw AvroSchemaError("Nested union: \(json.jsonText)") }
                let key = b.fullName ?? b.typeName
                if !seen.insert(key).inserted { throw AvroSchemaError("Duplicate in union:\(key)") }
            }
            return .union(parsed)
        case .object(let o):
            return try parseObject(o, namespace: namespace)
        default:
            throw AvroSchemaError("No type: \(json.jsonText)")
        }
    }

    func lookup(_ name: String, namespace: String?) throws -> AvroSchema {
        let full = name.contains(".") ? name : (namespace.map { $0.isEmpty ? name : "\($0).\(name)" } ?? name)
        if let s = named[full] ?? named[name] { return s }
        if defining.contains(full) { return .reference(full) }
        if defining.contains(name) { return .reference(name) }
        throw AvroSchemaError("\"\(name)\" is not a defined name. The type of the \"\(name)\" field must be a defined name or a {\"type\": ...} expression.")
    }

    mutating func parseObject(_ o: JSONObject, namespace: String?) throws -> AvroSchema {
        guard let typeValue = o["type"] else { throw AvroSchemaError("No type: \(JSONValue.object(o).jsonText)") }
        guard case .string(let type) = typeValue else {
            // {"type": {"type": "int"}} or {"type": [...]} nests a schema.
            return try parse(typeValue, namespace: namespace)
        }
        let logicalName = o["logicalType"]?.stringValue
        switch type {
        case "record", "error":
            let full = try fullName(o, namespace: namespace)
            let ns = full.lastIndex(of: ".").map { String(full[..<$0]) } ?? ""
            defining.insert(full)
            var fields: [AvroField] = []
            var fieldNames: Set<String> = []
            for f in o["fields"]?.arrayValue ?? [] {
                guard let fname = f["name"]?.stringValue else { throw AvroSchemaError("No field name: \(f.jsonText)") }
                try Self.validateName(fname)
                guard let ftype = f["type"] else { throw AvroSchemaError("No field type: \(f.jsonText)") }
                if !fieldNames.insert(fname).inserted { throw AvroSchemaError("Duplicate field \(fname) in record \(full)") }
                let schema = try parse(ftype, namespace: ns)
                let aliases = f["aliases"]?.arrayValue?.compactMap(\.stringValue) ?? []
                fields.append(AvroField(name: fname, schema: schema, defaultValue: f["default"], aliases: aliases))
            }
            guard o["fields"]?.arrayValue != nil else { throw AvroSchemaError("Record has no fields: \(JSONValue.object(o).jsonText)") }
            defining.remove(full)
            var props: [String: String] = [:]
            for (k, v) in o where !["type", "name", "namespace", "fields", "doc", "aliases"].contains(k) {
                props[k] = v.stringValue ?? v.jsonText
            }
            let record = AvroSchema.record(AvroRecord(fullName: full, fields: fields, properties: props))
            named[full] = record
            return record
        case "enum":
            let full = try fullName(o, namespace: namespace)
            let symbols = o["symbols"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for s in symbols { try Self.validateName(s) }
            let e = AvroSchema.enumeration(AvroEnum(fullName: full, symbols: symbols, defaultSymbol: o["default"]?.stringValue))
            named[full] = e
            return e
        case "fixed":
            let full = try fullName(o, namespace: namespace)
            guard let size = o["size"]?.numberValue?.int64 else { throw AvroSchemaError("Invalid or no size: \(JSONValue.object(o).jsonText)") }
            let logical = logicalName == "decimal" ? Self.decimal(o, maxBytes: Int(size)) : nil
            let f = AvroSchema.fixed(AvroFixed(fullName: full, size: Int(size), logicalType: logical))
            named[full] = f
            return f
        case "array":
            guard let items = o["items"] else { throw AvroSchemaError("Array has no items type: \(JSONValue.object(o).jsonText)") }
            return .array(try parse(items, namespace: namespace))
        case "map":
            guard let values = o["values"] else { throw AvroSchemaError("Map has no values type: \(JSONValue.object(o).jsonText)") }
            return .map(try parse(values, namespace: namespace))
        default:
            let logical: AvroLogicalType?
            switch (type, logicalName) {
            case ("int", "date"): logical = .date
            case ("int", "time-millis"): logical = .timeMillis
            case ("long", "time-micros"): logical = .timeMicros
            case ("long", "timestamp-millis"): logical = .timestampMillis
            case ("long", "timestamp-micros"): logical = .timestampMicros
            case ("long", "local-timestamp-millis"): logical = .localTimestampMillis
            case ("long", "local-timestamp-micros"): logical = .localTimestampMicros
            case ("bytes", "decimal"): logical = Self.decimal(o, maxBytes: nil)
            case ("string", "uuid"): logical = .uuid
            default: logical = nil
            }
            if let p = Self.primitive(type, logical: logical) { return p }
            return try lookup(type, namespace: namespace)
        }
    }

    /// A decimal logical type, or nil when its attributes are invalid (the spec says to ignore it then).
    static func decimal(_ o: JSONObject, maxBytes: Int?) -> AvroLogicalType? {
        guard let p = o["precision"]?.numberValue?.int64, p > 0 else { return nil }
        let s = o["scale"]?.numberValue?.int64 ?? 0
        guard s >= 0, s <= p else { return nil }
        return .decimal(precision: Int(p), scale: Int(s))
    }

    func fullName(_ o: JSONObject, namespace: String?) throws -> String {
        guard let name = o["name"]?.stringValue else { throw AvroSchemaError("No name in schema: \(JSONValue.object(o).jsonText)") }
        let full: String
        if name.contains(".") {
            full = name
        } else if let ns = o["namespace"]?.stringValue ?? namespace, !ns.isEmpty {
            full = "\(ns).\(name)"
        } else {
            full = name
        }
        for part in full.split(separator: ".", omittingEmptySubsequences: false) { try Self.validateName(String(part)) }
        return full
    }

    /// Avro names start with a letter or `_` and continue with letters, digits or `_`.
    static func validateName(_ name: String) throws {
        guard let first = name.unicodeScalars.first else { throw AvroSchemaError("Empty name") }
        guard first == "_" || first.properties.isAlphabetic else { throw AvroSchemaError("Illegal initial character: \(name)") }
        for c in name.unicodeScalars.dropFirst() where !(c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c)) {
            throw AvroSchemaError("Illegal character in: \(name)")
        }
    }
}
