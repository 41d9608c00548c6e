import EddyCore

extension Parser {
    /// type: ARRAY<type> | MAP<type, type> | STRUCT<name type, …> | DECIMAL(p, s) | baseType [(params)],
    /// optionally followed by the legacy postfix `ARRAY`.
    mutating func typeSyntax() throws -> TypeSyntax {
        hit("type")
        try enter()
        defer { leave() }
        var type = try baseTypeSyntax()
        while accept("ARRAY") { type = .makeArray(type) }
        return type
    }

    private mutating func baseTypeSyntax() throws -> TypeSyntax {
        hit("baseType")
        let t = current
        if t.kind == .word {
            switch t.text {
            case "ARRAY" where peek().isSymbol("<"):
                advance()
                advance()
                let element = try typeSyntax()
                try expectSymbol(">")
                return .makeArray(element)
            case "MAP" where peek().isSymbol("<"):
                advance()
                advance()
                let key = try typeSyntax()
                try expectSymbol(",")
                let value = try typeSyntax()
                try expectSymbol(">")
                return .makeMap(key, value)
            case "STRUCT" where peek().isSymbol("<"):
                advance()
                advance()
                var fields: [TypeSyntax.Field] = []
                if !current.isSymbol(">") {
                    repeat {
                        let name = try identifier()
                        fields.append(TypeSyntax.Field(name.value, try typeSyntax()))
                    } while acceptSymbol(",")
                }
                try expectSymbol(">")
                return .makeStruct(fields)
            case "DECIMAL":
                advance()
                try expectSymbol("(")
                let precision = try smallInteger("DECIMAL")
                try expectSymbol(",")
                let scale = try smallInteger("DECIMAL")
                try expectSymbol(")")
                return .builtin(.decimal(precision: precision, scale: scale))
            default:
                break
            }
        }
        guard atIdentifier else {
            throw syntaxError("Syntax error at or near \(display(t)) at line \(t.location.line):\(t.location.column)", at: t)
        }
        let name = try identifier()
        if current.isSymbol("(") {
            // Parameters such as VARCHAR(10) are accepted and ignored, as ksqlDB does.
            advance()
            repeat {
                let p = current
                guard p.kind == .integer || p.isKeyword("STRING") else {
                    throw syntaxError("Expecting {'STRING', INTEGER_VALUE}", at: p)
                }
                hit("typeParameter")
                advance()
            } while acceptSymbol(",")
            try expectSymbol(")")
        }
        if let builtin = Self.builtinTypes[name.value] {
            return .builtin(builtin)
        }
        return .custom(name.value)
    }

    static let builtinTypes: [String: SQLType] = [
        "BOOLEAN": .boolean, "INT": .int, "INTEGER": .int, "BIGINT": .bigint, "DOUBLE": .double,
        "STRING": .string, "VARCHAR": .string, "BYTES": .bytes, "DATE": .date, "TIME": .time,
        "TIMESTAMP": .timestamp,
    ]
}
