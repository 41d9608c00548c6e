import EddyCore

extension SQLFormatter {
    public static func format(_ expression: Expression) -> String {
        var out = ""
        write(expression, into: &out)
        return out
    }

    static func write(_ e: Expression, into out: inout String) {
        switch e.kind {
        case .literal(let l):
            out += format(l)
        case .intervalUnit(let u):
            out += u.rawValue
        case .column(let q, let name):
            if let q { out += quoteIdentifier(q.value) + "." }
            out += quoteIdentifier(name.value)
        case .lambdaVariable(let name):
            out += quoteIdentifier(name.value)
        case .dereference(let base, let field):
            write(base, into: &out)
            out += "->" + quoteIdentifier(field.value)
        case .subscript(let base, let index):
            write(base, into: &out)
            out += "["
            write(index, into: &out)
            out += "]"
        case .functionCall(let name, let args, let star):
            out += quoteIdentifier(name.value) + "("
            if star { out += "*" } else { writeList(args, into: &out) }
            out += ")"
        case .lambda(let params, let body):
            if params.count == 1 {
                out += quoteIdentifier(params[0].value)
            } else {
                out += "(" + params.map { quoteIdentifier($0.value) }.joined(separator: ", ") + ")"
            }
            out += " => "
            write(body, into: &out)
        case .unary(let op, let operand):
            // `-(x)` rather than `-x`: `-5` would reparse as a negative literal.
            out += op.rawValue + "("
            write(operand, into: &out)
            out += ")"
        case .not(let operand):
            out += "(NOT "
            write(operand, into: &out)
            out += ")"
        case .arithmetic(let op, let l, let r):
            binary(l, op.rawValue, r, into: &out)
        case .comparison(let op, let l, let r):
            binary(l, op.rawValue, r, into: &out)
        case .logical(let op, let l, let r):
            binary(l, op.rawValue, r, into: &out)
        case .isNull(let operand, let negated):
            out += "("
            write(operand, into: &out)
            out += negated ? " IS NOT NULL)" : " IS NULL)"
        case .between(let v, let low, let high):
            out += "("
            write(v, into: &out)
            out += " BETWEEN "
            write(low, into: &out)
            out += " AND "
            write(high, into: &out)
            out += ")"
        case .inList(let v, let list):
            out += "("
            write(v, into: &out)
            out += " IN ("
            writeList(list, into: &out)
            out += "))"
        case .like(let v, let pattern, let escape):
            out += "("
            write(v, into: &out)
            out += " LIKE "
            write(pattern, into: &out)
            if let escape { out += " ESCAPE " + quoteString(String(escape)) }
            out += ")"
        case .searchedCase(let whens, let otherwise):
            out += "(CASE"
            writeWhens(whens, otherwise, into: &out)
        case .simpleCase(let operand, let whens, let otherwise):
            out += "(CASE "
            write(operand, into: &out)
            writeWhens(whens, otherwise, into: &out)
        case .cast(let v, let type):
            out += "CAST("
            write(v, into: &out)
            out += " AS " + format(type) + ")"
        case .array(let items):
            out += "ARRAY["
            writeList(items, into: &out)
            out += "]"
        case .map(let entries):
            out += "MAP("
            for (i, entry) in entries.enumerated() {
                if i > 0 { out += ", " }
                write(entry.key, into: &out)
                out += ":="
                write(entry.value, into: &out)
            }
            out += ")"
        case .structConstructor(let entries):
            out += "STRUCT("
            for (i, entry) in entries.enumerated() {
                if i > 0 { out += ", " }
                out += quoteIdentifier(entry.name.value) + ":="
                write(entry.value, into: &out)
            }
            out += ")"
        }
    }

    private static func binary(_ l: Expression, _ op: String, _ r: Expression, into out: inout String) {
        out += "("
        write(l, into: &out)
        out += " " + op + " "
        write(r, into: &out)
        out += ")"
    }

    private static func writeList(_ items: [Expression], into out: inout String) {
        for (i, item) in items.enumerated() {
            if i > 0 { out += ", " }
            write(item, into: &out)
        }
    }

    private static func writeWhens(_ whens: [WhenClause], _ otherwise: Expression?, into out: inout String) {
        for w in whens {
            out += " WHEN "
            write(w.condition, into: &out)
            out += " THEN "
            write(w.result, into: &out)
        }
        if let otherwise {
            out += " ELSE "
            write(otherwise, into: &out)
        }
        out += " END)"
    }
}
