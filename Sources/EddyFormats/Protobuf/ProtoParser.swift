/// One `.proto` file as written, before type names are resolved.
struct ProtoFileAST: Sendable {
    var syntax = "proto2"
    var package: String?
    var imports: [String] = []
    var messages: [MessageAST] = []
    var enums: [EnumAST] = []

    struct MessageAST: Sendable {
        var name: String
        var fields: [FieldAST] = []
        var oneofs: [String] = []
        var messages: [MessageAST] = []
        var enums: [EnumAST] = []
    }

    struct FieldAST: Sendable {
        var name: String
        var number: Int
        var typeName: String
        /// Set for `map<K, V>` fields; `typeName` then holds V.
        var mapKey: String?
        var label: ProtoField.Label
        var oneof: Int?
        var params: [String: String]
    }

    struct EnumAST: Sendable {
        var name: String
        var values: [(String, Int)] = []
    }
}

/// A recursive-descent parser for proto2/proto3 files. It keeps what the codec and the type mapping
/// need (messages, fields, enums, oneofs, maps, imports, package and confluent field metadata) and
/// skips services, extensions, reserved ranges and other options.
struct ProtoParser {
    private var tokens: [ProtoToken]
    private var i = 0

    static func parse(_ text: String) throws -> ProtoFileAST {
        var p = ProtoParser(tokens: try ProtoLexer.tokenize(text))
        return try p.file()
    }

    private init(tokens: [ProtoToken]) { self.tokens = tokens }

    private var current: ProtoToken? { i < tokens.count ? tokens[i] : nil }

    private mutating func advance() -> ProtoToken? {
        defer { i += 1 }
        return current
    }

    private func isSymbol(_ c: Character) -> Bool { current == .symbol(c) }

    private mutating func accept(_ c: Character) -> Bool {
        if isSymbol(c) { i += 1; return true }
        return false
    }

    private mutating func expect(_ c: Character) throws {
        guard accept(c) else { throw ProtoSchemaError("expected '\(c)' but found \(describe(current))") }
    }

    private mutating func identifier() throws -> String {
        guard case .identifier(let s)? = advance() else { throw ProtoSchemaError("expected a name but found \(describe(tokens[i - 1]))") }
        return s
    }

    private mutating func integer() throws -> Int {
        guard case .integer(let v)? = advance() else { throw ProtoSchemaError("expected a number") }
        return Int(v)
    }

    private func describe(_ t: ProtoToken?) -> String {
        switch t {
        case nil: "end of schema"
        case .identifier(let s)?: "'\(s)'"
        case .integer(let v)?: "'\(v)'"
        case .float(let d)?: "'\(d)'"
        case .string(let s)?: "\"\(s)\""
        case .symbol(let c)?: "'\(c)'"
        }
    }

    private mutating func file() throws -> ProtoFileAST {
        var f = ProtoFileAST()
        while let t = current {
            switch t {
            case .symbol(";"): i += 1
            case .identifier("syntax"), .identifier("edition"):
                i += 1
                try expect("=")
                guard case .string(let s)? = advance() else { throw ProtoSchemaError("expected the syntax name") }
                f.syntax = s
                try expect(";")
            case .identifier("package"):
                i += 1
                f.package = try identifier()
                try expect(";")
            case .identifier("import"):
                i += 1
                if case .identifier(let m)? = current, m == "public" || m == "weak" { i += 1 }
                guard case .string(let s)? = advance() else { throw ProtoSchemaError("expected an import path") }
                f.imports.append(s)
                try expect(";")
            case .identifier("option"):
                _ = try option()
            case .identifier("message"):
                i += 1
                f.messages.append(try message())
            case .identifier("enum"):
                i += 1
                f.enums.append(try enumeration())
            case .identifier("service"), .identifier("extend"):
                i += 1
                _ = try identifier()
                try skipBlock()
            default:
                throw ProtoSchemaError("unexpected \(describe(t)) at the top level")
            }
        }
        return f
    }

    /// `option name = value;`, returning nothing useful: file and message options don't change the data.
    private mutating func option() throws -> [String: String] {
        i += 1
        var params: [String: String] = [:]
        while let t = current, t != .symbol("=") {
            i += 1
            if t == .symbol(";") { return params }
        }
        try expect("=")
        params = try optionValue()
        _ = accept(";")
        return params
    }

    /// An option value: a constant, or a text-format aggregate `{ … }` from which `key`/`value` pairs
    /// (confluent's `params`) are collected.
    private mutating func optionValue() throws -> [String: String] {
        guard accept("{") else { _ = advance(); return [:] }
        var params: [String: String] = [:]
        var depth = 1
        // An entry may name its value before its key: `{ value: "4", key: "precision" }`.
        var pendingKey: String?
        var pendingValue: String?
        var lastName: String?
        while depth > 0, let t = advance() {
            switch t {
            case .symbol("{"), .symbol("["): depth += t == .symbol("{") ? 1 : 0
            case .symbol("}"):
                depth -= 1
                pendingKey = nil
                pendingValue = nil
            case .identifier(let s): lastName = s
            case .string(let s):
                if lastName == "key" { pendingKey = s } else if lastName == "value" { pendingValue = s }
                if let k = pendingKey, let v = pendingValue {
                    params[k] = v
                    pendingKey = nil
                    pendingValue = nil
                }
            default: break
            }
        }
        return params
    }

    private mutating func skipBlock() throws {
        try expect("{")
        var depth = 1
        while depth > 0 {
            guard let t = advance() else { throw ProtoSchemaError("unterminated block") }
            if t == .symbol("{") { depth += 1 } else if t == .symbol("}") { depth -= 1 }
        }
    }

    private mutating func skipStatement() {
        while let t = advance(), t != .symbol(";") {}
    }

    private mutating func message() throws -> ProtoFileAST.MessageAST {
        var m = ProtoFileAST.MessageAST(name: try identifier())
        try expect("{")
        try body(&m, oneof: nil)
        return m
    }

    private mutating func body(_ m: inout ProtoFileAST.MessageAST, oneof: Int?) throws {
        while !accept("}") {
            guard let t = current else { throw ProtoSchemaError("unterminated message \(m.name)") }
            switch t {
            case .symbol(";"): i += 1
            case .identifier("message") where oneof == nil:
                i += 1
                m.messages.append(try message())
            case .identifier("enum") where oneof == nil:
                i += 1
                m.enums.append(try enumeration())
            case .identifier("oneof") where oneof == nil:
                i += 1
                m.oneofs.append(try identifier())
                try expect("{")
                try body(&m, oneof: m.oneofs.count - 1)
            case .identifier("option"):
                _ = try option()
            case .identifier("reserved"), .identifier("extensions"):
                skipStatement()
            case .identifier("extend"):
                i += 1
                _ = try identifier()
                try skipBlock()
            case .identifier("map") where tokens.count > i + 1 && tokens[i + 1] == .symbol("<"):
                i += 2
                let key = try identifier()
                try expect(",")
                let value = try identifier()
                try expect(">")
                m.fields.append(try fieldRest(type: value, mapKey: key, label: .repeated, oneof: oneof))
            default:
                var label = ProtoField.Label.none
                if case .identifier(let l) = t, (l == "repeated" || l == "optional" || l == "required"),
                   tokens.count > i + 2, case .identifier = tokens[i + 1], case .identifier = tokens[i + 2] {
                    label = l == "repeated" ? .repeated : (l == "optional" ? .optional : .none)
                    i += 1
                }
                let type = try identifier()
                m.fields.append(try fieldRest(type: type, mapKey: nil, label: label, oneof: oneof))
            }
        }
    }

    private mutating func fieldRest(type: String, mapKey: String?, label: ProtoField.Label, oneof: Int?) throws -> ProtoFileAST.FieldAST {
        let name = try identifier()
        try expect("=")
        let number = try integer()
        var params: [String: String] = [:]
        if accept("[") {
            while !accept("]") {
                guard current != nil else { throw ProtoSchemaError("unterminated field options") }
                if accept(",") { continue }
                if accept("(") { while let t = advance(), t != .symbol(")") {} }
                while let t = current, t != .symbol("=") { i += 1 }
                try expect("=")
                params.merge(try optionValue()) { $1 }
            }
        }
        try expect(";")
        return .init(name: name, number: number, typeName: type, mapKey: mapKey, label: label, oneof: oneof, params: params)
    }

    private mutating func enumeration() throws -> ProtoFileAST.EnumAST {
        var e = ProtoFileAST.EnumAST(name: try identifier())
        try expect("{")
        while !accept("}") {
            guard let t = current else { throw ProtoSchemaError("unterminated enum \(e.name)") }
            switch t {
            case .symbol(";"): i += 1
            case .identifier("option"): _ = try option()
            case .identifier("reserved"): skipStatement()
            default:
                let name = try identifier()
                try expect("=")
                let number = try integer()
                if accept("[") { while let t = advance(), t != .symbol("]") {} }
                try expect(";")
                e.values.append((name, number))
            }
        }
        return e
    }
}
