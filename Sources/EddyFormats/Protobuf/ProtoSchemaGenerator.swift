import EddyCore

/// Writes the `.proto` schema ksqlDB (through Confluent's ProtobufData) derives from SQL columns:
/// one proto3 message named `ConnectDefault1` (or the `fullSchemaName`), fields numbered from 1 in
/// column order, nested STRUCTs as nested messages named `ConnectDefault2`, `ConnectDefault3`… in
/// pre-order, maps as `map<K, V>`, DECIMAL as `confluent.type.Decimal` with precision and scale
/// metadata, DATE/TIME/TIMESTAMP as google.type.Date, google.type.TimeOfDay and
/// google.protobuf.Timestamp. With `nullableRepresentation=wrapper` primitives use the
/// google.protobuf wrappers; with `optional` every singular field is proto3 `optional`.
struct ProtoSchemaGenerator {
    enum Nullable { case none, optional, wrapper }

    var nullable: Nullable
    private var counter = 0
    private var imports: Set<String> = []

    init(nullable: Nullable) { self.nullable = nullable }

    init(info: FormatInfo) {
        switch info.properties[ProtobufProperties.nullableRepresentation]?.lowercased() {
        case "optional": nullable = .optional
        case "wrapper": nullable = .wrapper
        default: nullable = .none
        }
    }

    /// The schema text for a row of `columns`; `unwrapped` writes a single column as a bare wrapper
    /// message (PROTOBUF_NOSR's `WRAP_SINGLE_VALUE=false`).
    mutating func text(columns: [Column], fullName: String?, unwrapped: Bool) throws -> (text: String, root: String) {
        counter = 0
        imports = []
        if unwrapped, let c = columns.first {
            return try bareText(c.type)
        }
        var package: String?
        var name: String
        if let full = fullName?.trimmingSpaces, !full.isEmpty, !full.hasPrefix("ConnectDefault") {
            let parts = full.split(separator: ".").map(String.init)
            name = Self.scrub(parts.last ?? full)
            if parts.count > 1 { package = parts.dropLast().joined(separator: ".") }
            _ = nextName()
        } else {
            name = nextName()
        }
        let body = try message(name: name, fields: columns.map { ($0.name, $0.type) }, indent: "")
        var out = "syntax = \"proto3\";\n"
        if let package { out += "package \(package);\n" }
        out += "\n"
        for i in imports.sorted() { out += "import \"\(i)\";\n" }
        if !imports.isEmpty { out += "\n" }
        return (out + body, package.map { $0 + "." + name } ?? name)
    }

    /// A single unwrapped column: its wrapper message, or a message for a STRUCT.
    private mutating func bareText(_ type: SQLType) throws -> (text: String, root: String) {
        switch type {
        case .struct(let fields):
            let name = nextName()
            let body = try message(name: name, fields: fields.map { ($0.name, $0.type) }, indent: "")
            let head = "syntax = \"proto3\";\n\n" + imports.sorted().map { "import \"\($0)\";\n" }.joined()
            return (head + (imports.isEmpty ? "" : "\n") + body, name)
        case .array, .map:
            throw EddyError(.execution, "Unsupported root schema of type \(type.base == .array ? "ARRAY" : "MAP")")
        default:
            guard let wrapper = Self.wrapperName(type) else {
                throw EddyError(.execution, "Unsupported root schema of type \(type.base.rawValue)")
            }
            // The root is the well-known wrapper itself, so the schema is wrappers.proto.
            return (ProtoWellKnownFiles.files[ProtoWellKnownFiles.wrappers] ?? "", wrapper)
        }
    }

    private mutating func nextName() -> String {
        counter += 1
        return "ConnectDefault\(counter)"
    }

    private mutating func message(name: String, fields: [(String, SQLType)], indent: String) throws -> String {
        var nested = ""
        var lines = ""
        for (i, (fieldName, type)) in fields.enumerated() {
            let scrubbed = Self.scrub(fieldName)
            var label = ""
            var element = type
            if case .array(let e) = type {
                label = "repeated "
                element = e
                if case .array = e { throw EddyError(.execution, "Array cannot be nested") }
            } else if nullable == .optional, !Self.isMap(type) {
                label = "optional "
            }
            var options = ""
            let typeName: String
            switch element {
            case .struct(let sub):
                var n = nextName()
                if n == scrubbed { n += "Message" }
                nested += try message(name: n, fields: sub.map { ($0.name, $0.type) }, indent: indent + "  ")
                typeName = n
            case .map(let k, let v):
                _ = nextName()  // the entry message's name, which map<> syntax leaves implicit
                let keyName = try scalarName(k, inWrapperContext: false)
                var valueName: String
                if case .struct(let sub) = v {
                    let n = nextName()
                    nested += try message(name: n, fields: sub.map { ($0.name, $0.type) }, indent: indent + "  ")
                    valueName = n
                } else if case .array = v {
                    throw EddyError(.execution, "Array cannot be nested")
                } else {
                    valueName = try scalarName(v, inWrapperContext: true)
                    if case .decimal(let p, let s) = v { options = Self.decimalOptions(p, s) }
                }
                typeName = "map<\(keyName), \(valueName)>"
            default:
                typeName = try scalarName(element, inWrapperContext: label != "repeated ")
                if case .decimal(let p, let s) = element { options = Self.decimalOptions(p, s) }
            }
            if !options.isEmpty { imports.insert(ProtoWellKnownFiles.meta) }
            lines += "\(indent)  \(label)\(typeName) \(scrubbed) = \(i + 1)\(options);\n"
        }
        return "\(indent)message \(name) {\n\(nested)\(lines)\(indent)}\n"
    }

    private static func isMap(_ type: SQLType) -> Bool {
        if case .map = type { return true }
        return false
    }

    private static func decimalOptions(_ p: Int, _ s: Int) -> String {
        " [(confluent.field_meta) = { params: [{ key: \"precision\", value: \"\(p)\" }, { key: \"scale\", value: \"\(s)\" }] }]"
    }

    private mutating func scalarName(_ type: SQLType, inWrapperContext: Bool) throws -> String {
        switch type {
        case .decimal: imports.insert(ProtoWellKnownFiles.decimal); return "confluent.type.Decimal"
        case .date: imports.insert(ProtoWellKnownFiles.date); return "google.type.Date"
        case .time: imports.insert(ProtoWellKnownFiles.timeOfDay); return "google.type.TimeOfDay"
        case .timestamp: imports.insert(ProtoWellKnownFiles.timestamp); return "google.protobuf.Timestamp"
        default: break
        }
        if nullable == .wrapper, inWrapperContext, let w = Self.wrapperName(type) {
            imports.insert(ProtoWellKnownFiles.wrappers)
            return w
        }
        switch type {
        case .boolean: return "bool"
        case .int: return "int32"
        case .bigint: return "int64"
        case .double: return "double"
        case .string: return "string"
        case .bytes: return "bytes"
        default: throw EddyError(.execution, "Unsupported type \(type) in a PROTOBUF schema")
        }
    }

    static func wrapperName(_ type: SQLType) -> String? {
        switch type {
        case .boolean: "google.protobuf.BoolValue"
        case .int: "google.protobuf.Int32Value"
        case .bigint: "google.protobuf.Int64Value"
        case .double: "google.protobuf.DoubleValue"
        case .string: "google.protobuf.StringValue"
        case .bytes: "google.protobuf.BytesValue"
        default: nil
        }
    }

    /// Confluent's name scrubbing: names that are not `[A-Za-z][A-Za-z0-9_]*` are URL-encoded, with
    /// every remaining invalid character replaced by `_` (and an `x` prefix before a digit or `_`).
    static func scrub(_ name: String) -> String {
        guard let first = name.unicodeScalars.first else { return name }
        func ok(_ c: Unicode.Scalar) -> Bool { c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "_") }
        if name.unicodeScalars.allSatisfy(ok), !("0"..."9").contains(first), first != "_" { return name }
        var encoded = ""
        for b in name.utf8 {
            let c = Unicode.Scalar(b)
            if b < 0x80, ok(c) || c == "." || c == "-" || c == "*" { encoded.unicodeScalars.append(c) }
            else if c == " " { encoded += "+" }
            else { encoded += "%" + String(b, radix: 16, uppercase: true) }
        }
        if let f = encoded.unicodeScalars.first, ("0"..."9").contains(f) || f == "_" { encoded = "x" + encoded }
        return String(String.UnicodeScalarView(encoded.unicodeScalars.map { ok($0) ? $0 : "_" }))
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
