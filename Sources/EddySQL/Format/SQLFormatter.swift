import EddyCore

/// Prints AST nodes back as canonical SQL in the style of ksqlDB's SqlFormatter: upper-case
/// keywords, identifiers back-quoted only when needed, every compound expression parenthesized so
/// the output reparses to the same tree.
public enum SQLFormatter {
    /// Back-quotes a name unless it is a plain upper-case identifier that is not a reserved word.
    public static func quoteIdentifier(_ name: String) -> String {
        if SQLIdentifier.isPlain(name) && !Keywords.isReserved(name) && !name.contains("$") {
            return name
        }
        return "`" + name.replacing("`", with: "``") + "`"
    }

    /// A single-quoted string literal with embedded quotes doubled.
    public static func quoteString(_ s: String) -> String {
        "'" + s.replacing("'", with: "''") + "'"
    }

    public static func format(_ literal: Literal) -> String {
        switch literal {
        case .null: return "null"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let v): return String(v)
        case .bigint(let v): return String(v)
        case .decimal(let d):
            // A scale-0 decimal needs its point, or it would reparse as an integer.
            let s = d.description
            return s.contains(".") ? s : s + "."
        case .double(let d): return formatDouble(d)
        case .string(let s): return quoteString(s)
        }
    }

    /// Doubles always carry an exponent so they reparse as DOUBLE rather than DECIMAL.
    static func formatDouble(_ d: Double) -> String {
        var s = String(d).uppercased()
        if !s.contains("E") { s += "E0" }
        return s
    }

    public static func format(_ type: TypeSyntax) -> String {
        switch type {
        case .builtin(let t): return format(t)
        case .custom(let name): return quoteIdentifier(name)
        case .array(let e): return "ARRAY<\(format(e))>"
        case .map(let k, let v): return "MAP<\(format(k)), \(format(v))>"
        case .struct(let fields):
            return "STRUCT<" + fields.map { "\(quoteIdentifier($0.name)) \(format($0.type))" }.joined(separator: ", ") + ">"
        }
    }

    /// SQLType's own rendering, but with struct field names quoted by this module's keyword table.
    public static func format(_ type: SQLType) -> String {
        switch type {
        case .array(let e): return "ARRAY<\(format(e))>"
        case .map(let k, let v): return "MAP<\(format(k)), \(format(v))>"
        case .struct(let fields):
            return "STRUCT<" + fields.map { "\(quoteIdentifier($0.name)) \(format($0.type))" }.joined(separator: ", ") + ">"
        default: return type.description
        }
    }

    public static func format(_ duration: WindowDuration) -> String {
        "\(duration.value) \(duration.unit.rawValue)"
    }

    public static func format(_ properties: Properties) -> String {
        "(" + properties.entries.map { entry in
            let name = SQLIdentifier.isPlain(entry.name) && !Keywords.isReserved(entry.name) ? entry.name : quoteString(entry.name)
            return "\(name)=\(format(entry.value))"
        }.joined(separator: ", ") + ")"
    }

    public static func format(_ element: TableElement) -> String {
        var s = "\(quoteIdentifier(element.name.value)) \(format(element.type))"
        switch element.constraint {
        case .none: break
        case .key: s += " KEY"
        case .primaryKey: s += " PRIMARY KEY"
        case .headers: s += " HEADERS"
        case .header(let k): s += " HEADER(\(quoteString(k)))"
        }
        return s
    }
}
