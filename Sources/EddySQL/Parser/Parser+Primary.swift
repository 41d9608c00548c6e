import EddyCore

extension Parser {
    /// primaryExpression, without the postfix subscripts and dereferences.
    mutating func primary() throws -> Expression {
        // Every nesting (parentheses, calls, constructors, CASE) passes through here once.
        try enter()
        defer { leave() }
        hit("primaryExpression")
        let t = current
        switch t.kind {
        case .integer, .decimal, .float:
            hit("literal")
            return try numericLiteral(negative: false, start: t)
        case .string:
            hit("literal")
            advance()
            return Expression(.literal(.string(t.text)), at: t.location)
        case .variable:
            throw error("Variable '\(t.text)' is not defined", at: t.location)
        case .symbol where t.text == "(":
            advance()
            let inner = try expression()
            try expectSymbol(")")
            return inner
        case .word:
            if let e = try keywordPrimary(t) { return e }
        default:
            break
        }
        guard atIdentifier else { throw mismatched(expecting: ["expression"]) }
        return try identifierPrimary()
    }

    /// Primaries introduced by a keyword: literals, CASE, CAST and the constructors.
    private mutating func keywordPrimary(_ t: Token) throws -> Expression? {
        switch t.text {
        case "NULL":
            hit("literal")
            advance()
            return Expression(.literal(.null), at: t.location)
        case "TRUE", "FALSE":
            hit("literal")
            advance()
            return Expression(.literal(.boolean(t.text == "TRUE")), at: t.location)
        case "CASE":
            return try caseExpression()
        case "CAST":
            advance()
            try expectSymbol("(")
            let value = try expression()
            try expect("AS")
            let type = try typeSyntax()
            try expectSymbol(")")
            return Expression(.cast(value, type), at: t.location)
        case "ARRAY" where peek().isSymbol("["):
            advance()
            advance()
            var items: [Expression] = []
            if !current.isSymbol("]") {
                items.append(try expression())
                while acceptSymbol(",") { items.append(try expression()) }
            }
            try expectSymbol("]")
            return Expression(.array(items), at: t.location)
        case "MAP" where peek().isSymbol("("):
            advance()
            advance()
            var entries: [MapEntry] = []
            if !current.isSymbol(")") {
                repeat {
                    let key = try expression()
                    try expectSymbol(":=")
                    entries.append(MapEntry(key: key, value: try expression()))
                } while acceptSymbol(",")
            }
            try expectSymbol(")")
            return Expression(.map(entries), at: t.location)
        case "STRUCT" where peek().isSymbol("("):
            advance()
            advance()
            var entries: [StructEntry] = []
            if !current.isSymbol(")") {
                repeat {
                    let name = try identifier()
                    try expectSymbol(":=")
                    entries.append(StructEntry(name: name, value: try expression()))
                } while acceptSymbol(",")
            }
            try expectSymbol(")")
            return Expression(.structConstructor(entries), at: t.location)
        default:
            return nil
        }
    }

    /// CASE [operand] WHEN … THEN … [ELSE …] END.
    private mutating func caseExpression() throws -> Expression {
        hit("caseExpression")
        let loc = take().location
        var operand: Expression?
        if !current.isKeyword("WHEN") { operand = try valueExpression() }
        var whens: [WhenClause] = []
        while accept("WHEN") {
            hit("whenClause")
            let condition = try expression()
            try expect("THEN")
            whens.append(WhenClause(condition: condition, result: try expression()))
        }
        if whens.isEmpty { throw mismatched(expecting: ["'WHEN'"]) }
        var otherwise: Expression?
        if accept("ELSE") { otherwise = try expression() }
        try expect("END")
        if let operand {
            return Expression(.simpleCase(operand: operand, whens: whens, otherwise: otherwise), at: loc)
        }
        return Expression(.searchedCase(whens: whens, otherwise: otherwise), at: loc)
    }

    /// A function call, column reference (`col`, `src.col`) or lambda variable.
    private mutating func identifierPrimary() throws -> Expression {
        let loc = current.location
        let name = try identifier()
        if current.isSymbol("(") {
            return try functionCall(name, at: loc)
        }
        if current.isSymbol("."), isIdentifier(peek()) {
            advance()
            let column = try identifier()
            return Expression(.column(qualifier: name, name: column), at: loc)
        }
        if lambdaScopes.contains(where: { $0.contains(name.value) }) {
            return Expression(.lambdaVariable(name), at: loc)
        }
        return Expression(.column(qualifier: nil, name: name), at: loc)
    }

    /// name '(' '*' ')' | name '(' [argument {',' argument} {',' lambda}] ')'.
    private mutating func functionCall(_ name: Identifier, at loc: SourceLocation) throws -> Expression {
        hit("functionCall")
        advance()
        if current.isSymbol("*"), peek().isSymbol(")") {
            advance()
            advance()
            return Expression(.functionCall(name: name, args: [], star: true), at: loc)
        }
        var args: [Expression] = []
        if !current.isSymbol(")") {
            repeat {
                if let lambda = try lambdaIfPresent() {
                    guard !args.isEmpty else { throw syntaxError("mismatched input \(display(current)) expecting expression", at: current) }
                    args.append(lambda)
                } else {
                    if args.last.map(Self.isLambda) == true {
                        throw mismatched(expecting: ["lambda function"])
                    }
                    args.append(try functionArgument())
                }
            } while acceptSymbol(",")
        }
        try expectSymbol(")")
        return Expression(.functionCall(name: name, args: args, star: false), at: loc)
    }

    private static func isLambda(_ e: Expression) -> Bool {
        if case .lambda = e.kind { return true }
        return false
    }

    /// functionArgument: expression | windowUnit. Units that are also non-reserved words (DAY, HOUR,
    /// MINUTE, SECOND) read as column names, as ANTLR resolves that ambiguity.
    private mutating func functionArgument() throws -> Expression {
        let t = current
        if t.kind == .word, Keywords.reserved.contains(t.text), let unit = TimeUnit(keyword: t.text),
           peek().isSymbol(",") || peek().isSymbol(")") {
            hit("functionArgument")
            hit("windowUnit")
            advance()
            return Expression(.intervalUnit(unit), at: t.location)
        }
        return try expression()
    }

    /// `x => body` or `(x, y) => body`, detected by looking ahead for `=>`.
    private mutating func lambdaIfPresent() throws -> Expression? {
        let start = current
        var params: [Identifier] = []
        if isIdentifier(start), peek().isSymbol("=>") {
            params = [try identifier()]
        } else if start.isSymbol("(") {
            // Scan `( ident {, ident} ) =>` without consuming.
            var k = 1
            while isIdentifier(peek(k)) {
                k += 1
                if peek(k).isSymbol(",") { k += 1; continue }
                break
            }
            guard k > 1, peek(k).isSymbol(")"), peek(k + 1).isSymbol("=>") else { return nil }
            advance()
            repeat { params.append(try identifier()) } while acceptSymbol(",")
            try expectSymbol(")")
        } else {
            return nil
        }
        try expectSymbol("=>")
        hit("lambdaFunction")
        lambdaScopes.append(Set(params.map(\.value)))
        defer { lambdaScopes.removeLast() }
        let body = try expression()
        return Expression(.lambda(params: params, body: body), at: start.location)
    }
}
