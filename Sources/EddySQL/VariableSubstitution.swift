import EddyCore

/// `${name}` substitution for variables set with DEFINE, done on the text before parsing, as
/// ksqlDB does. Variables are replaced where ksqlDB replaces them: as identifiers or literals
/// (`${name}` as a token) and inside string literals. Comments and quoted identifiers are left
/// alone. Variable names are case-sensitive.
public enum VariableSubstitution {
    /// Returns `text` with every variable reference replaced.
    ///
    /// - Throws: `EddyError(.parse)` when a `${name}` token names an undefined variable, or when a
    ///   value substituted as a token is neither a valid identifier nor a literal (which would
    ///   otherwise let a variable inject SQL).
    public static func substitute(_ text: String, variables: [String: String]) throws -> String {
        guard text.utf8.contains(UInt8(ascii: "$")) else { return text }
        var lexer = Lexer(text)
        let tokens = lexer.tokenizeAll()
        let bytes = lexer.bytes
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        for t in tokens {
            switch t.kind {
            case .variable:
                guard let value = variables[t.text] else {
                    throw EddyError(.parse, "Illegal argument at \(nodeLocation(t.location)). Variable '\(t.text)' is not defined.",
                                    at: t.location, statement: text)
                }
                guard isValidTokenValue(value) else {
                    throw EddyError(.parse, "Illegal argument at \(nodeLocation(t.location)). Identifier names cannot start "
                                    + "with '@' and may only contain alphanumeric values and '_'.",
                                    at: t.location, statement: text)
                }
                out.append(contentsOf: bytes[copied..<t.location.offset])
                out.append(contentsOf: value.utf8)
                copied = t.end
            case .string where t.text.contains("${"):
                out.append(contentsOf: bytes[copied..<t.location.offset])
                let replaced = replaceInString(t.text, variables)
                out.append(contentsOf: SQLFormatter.quoteString(replaced).utf8)
                copied = t.end
            default:
                continue
            }
        }
        out.append(contentsOf: bytes[copied...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The names of variables referenced in `text` (as tokens or inside strings).
    public static func references(in text: String) -> Set<String> {
        var names = Set<String>()
        for t in Lexer.tokenize(text) {
            if t.kind == .variable { names.insert(t.text) }
            if t.kind == .string { scan(t.text) { names.insert($0) } }
        }
        return names
    }

    /// ksqlDB's NodeLocation rendering.
    static func nodeLocation(_ l: SourceLocation) -> String { "Line: \(l.line), Col: \(l.column)" }

    /// A value may stand in for a token only if it is an identifier (plain or quoted), a quoted
    /// string, a boolean or a number.
    static func isValidTokenValue(_ value: String) -> Bool {
        let tokens = Lexer.tokenize(value)
        guard tokens.count == 2 || (tokens.count == 3 && tokens[0].isSymbol("-")) else { return false }
        let t = tokens.count == 3 ? tokens[1] : tokens[0]
        switch t.kind {
        case .integer, .decimal, .float: return true
        case .string, .quotedIdentifier, .backQuotedIdentifier: return tokens.count == 2
        case .word: return tokens.count == 2
        default: return false
        }
    }

    /// Replaces defined `${name}` references inside a string literal; undefined ones stay as written.
    static func replaceInString(_ s: String, _ variables: [String: String]) -> String {
        var result = ""
        var rest = Substring(s)
        while let start = rest.firstRange(of: "${") {
            result += rest[..<start.lowerBound]
            let afterOpen = rest[start.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else {
                result += rest[start.lowerBound...]
                return result
            }
            let name = String(afterOpen[..<close])
            if let value = variables[name] {
                result += value
            } else {
                result += "${" + name + "}"
            }
            rest = afterOpen[afterOpen.index(after: close)...]
        }
        result += rest
        return result
    }

    private static func scan(_ s: String, _ found: (String) -> Void) {
        var rest = Substring(s)
        while let start = rest.firstRange(of: "${") {
            let afterOpen = rest[start.upperBound...]
            guard let close = afterOpen.firstIndex(of: "}") else { return }
            found(String(afterOpen[..<close]))
            rest = afterOpen[afterOpen.index(after: close)...]
        }
    }
}
