import BigInt
import EddyCore

/// Expressions, lowest precedence first: OR, AND, NOT, predicates (comparison, BETWEEN, IN, LIKE,
/// IS [NOT] NULL, IS [NOT] DISTINCT FROM), `||`, `+ -`, `* / %`, unary `+ -`, then postfix
/// subscripts and dereferences on primaries — the order of SqlBase.g4's alternatives.
extension Parser {
    /// expression: booleanExpression.
    mutating func expression() throws -> Expression {
        hit("expression")
        return try orExpression()
    }

    private mutating func orExpression() throws -> Expression {
        var left = try andExpression()
        while current.isKeyword("OR") {
            hit("orExpression")
            let loc = take().location
            let right = try andExpression()
            left = Expression(.logical(.or, left, right), at: loc)
        }
        return left
    }

    private mutating func andExpression() throws -> Expression {
        var left = try notExpression()
        while current.isKeyword("AND") {
            hit("andExpression")
            let loc = take().location
            let right = try notExpression()
            left = Expression(.logical(.and, left, right), at: loc)
        }
        return left
    }

    private mutating func notExpression() throws -> Expression {
        if current.isKeyword("NOT") {
            hit("notExpression")
            let loc = take().location
            try enter()
            defer { leave() }
            return Expression(.not(try notExpression()), at: loc)
        }
        return try predicated()
    }

    /// predicated: valueExpression predicate?
    private mutating func predicated() throws -> Expression {
        hit("predicated")
        let value = try valueExpression()
        let t = current
        if t.kind == .symbol, let op = Self.comparisonOperators[t.text] {
            hit("predicate")
            hit("comparisonOperator")
            advance()
            let right = try valueExpression()
            return Expression(.comparison(op, value, right), at: t.location)
        }
        guard t.kind == .word else { return value }
        switch t.text {
        case "NOT":
            let next = peek()
            guard next.isKeyword("BETWEEN") || next.isKeyword("IN") || next.isKeyword("LIKE") else {
                return value
            }
            advance()
            let inner = try negatablePredicate(value)
            return Expression(.not(inner), at: t.location)
        case "BETWEEN", "IN", "LIKE":
            return try negatablePredicate(value)
        case "IS":
            hit("predicate")
            advance()
            let negated = accept("NOT")
            if accept("NULL") {
                return Expression(.isNull(value, negated: negated), at: t.location)
            }
            guard current.isKeyword("DISTINCT") else {
                throw mismatched(expecting: negated ? ["'NULL'", "'DISTINCT'"] : ["'NOT'", "'NULL'", "'DISTINCT'"])
            }
            advance()
            try expect("FROM")
            let right = try valueExpression()
            let e = Expression(.comparison(.isDistinctFrom, value, right), at: t.location)
            return negated ? Expression(.not(e), at: t.location) : e
        default:
            return value
        }
    }

    private mutating func negatablePredicate(_ value: Expression) throws -> Expression {
        hit("predicate")
        let t = take()
        switch t.text {
        case "BETWEEN":
            let low = try valueExpression()
            try expect("AND")
            let high = try valueExpression()
            return Expression(.between(value, low: low, high: high), at: t.location)
        case "IN":
            try expectSymbol("(")
            var items = [try expression()]
            while acceptSymbol(",") { items.append(try expression()) }
            try expectSymbol(")")
            return Expression(.inList(value, items), at: t.location)
        default:
            let pattern = try valueExpression()
            var escape: Character?
            if accept("ESCAPE") {
                let escToken = current
                let s = try string()
                guard s.count == 1, let c = s.first else {
                    let l = escToken.location
                    throw error("Line: \(l.line), Col: \(l.column): Expected single character escape but got: \(s)", at: l)
                }
                escape = c
            }
            return Expression(.like(value, pattern: pattern, escape: escape), at: t.location)
        }
    }

    static let comparisonOperators: [String: ComparisonOperator] = [
        "=": .equal, "<>": .notEqual, "!=": .notEqual, "<": .lessThan, "<=": .lessThanOrEqual,
        ">": .greaterThan, ">=": .greaterThanOrEqual,
    ]

    /// valueExpression: concatenation is the loosest arithmetic-level operator in ksqlDB's grammar.
    mutating func valueExpression() throws -> Expression {
        hit("valueExpression")
        var left = try additive()
        while current.isSymbol("||") {
            let loc = take().location
            let right = try additive()
            left = Expression(.functionCall(name: Identifier("CONCAT"), args: [left, right], star: false), at: loc)
        }
        return left
    }

    private mutating func additive() throws -> Expression {
        var left = try multiplicative()
        while current.kind == .symbol, current.text == "+" || current.text == "-" {
            hit("additive")
            let t = take()
            let right = try multiplicative()
            left = Expression(.arithmetic(t.text == "+" ? .add : .subtract, left, right), at: t.location)
        }
        return left
    }

    private mutating func multiplicative() throws -> Expression {
        var left = try unary()
        while current.kind == .symbol, let op = Self.multiplicativeOperators[current.text] {
            hit("multiplicative")
            let loc = take().location
            let right = try unary()
            left = Expression(.arithmetic(op, left, right), at: loc)
        }
        return left
    }

    static let multiplicativeOperators: [String: ArithmeticOperator] = ["*": .multiply, "/": .divide, "%": .modulus]

    private mutating func unary() throws -> Expression {
        let t = current
        guard t.kind == .symbol, t.text == "-" || t.text == "+" else { return try postfix() }
        // `-5` is a negative literal (the grammar's `number: MINUS? …`), so the most negative BIGINT parses.
        if t.text == "-", [.integer, .decimal, .float].contains(peek().kind) {
            advance()
            return try postfixOperators(try numericLiteral(negative: true, start: t))
        }
        hit("unary")
        advance()
        try enter()
        defer { leave() }
        let operand = try unary()
        return Expression(.unary(t.text == "-" ? .minus : .plus, operand), at: t.location)
    }

    /// A primary followed by any number of `[index]` and `->field`.
    private mutating func postfix() throws -> Expression {
        try postfixOperators(try primary())
    }

    private mutating func postfixOperators(_ base: Expression) throws -> Expression {
        var e = base
        while true {
            if current.isSymbol("[") {
                hit("postfix")
                let loc = take().location
                let index = try valueExpression()
                try expectSymbol("]")
                e = Expression(.subscript(e, index: index), at: loc)
            } else if current.isSymbol("->"), !peek().isSymbol("*") {
                hit("postfix")
                let loc = take().location
                let field = try identifier()
                e = Expression(.dereference(e, field: field), at: loc)
            } else {
                return e
            }
        }
    }

    /// Consumes a number token; `start` is where the literal begins (its minus sign, if any).
    mutating func numericLiteral(negative: Bool, start: Token) throws -> Expression {
        hit("number")
        let t = take()
        // ksqlDB reports literal errors one column to the right of the literal; tests match on it.
        var errorLocation = start.location
        errorLocation.column += 1
        let text = (negative ? "-" : "") + t.text
        let literal: Literal
        switch t.kind {
        case .integer:
            if let v = Int32(text) {
                literal = .integer(v)
            } else if let v = Int64(text) {
                literal = .bigint(v)
            } else {
                throw error("Invalid numeric literal: \(text)", at: errorLocation)
            }
        case .decimal:
            guard let d = SQLDecimal(text) else { throw error("Invalid numeric literal: \(text)", at: errorLocation) }
            literal = .decimal(d)
        default:
            guard let d = Double(text), d.isFinite else {
                throw error("Number overflows DOUBLE: \(text)", at: errorLocation)
            }
            literal = .double(d)
        }
        return Expression(.literal(literal), at: start.location)
    }
}
