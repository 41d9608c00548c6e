import EddyCore

/// The recursive-descent parser over a token array. One instance parses one input text; the
/// grammar it follows is `grammar/eddy.ebnf`. Every failure is an `EddyError(.parse, …)` with the
/// offending token's position; the parser never traps on input.
struct Parser {
    let tokens: [Token]
    let source: [UInt8]
    let text: String
    var index = 0
    var depth = 0
    /// Parameters of the lambdas being parsed, innermost last.
    var lambdaScopes: [Set<String>] = []
    /// Whether the test-runner statements (ASSERT VALUES/NULL VALUES/STREAM/TABLE, RUN SCRIPT) are
    /// accepted, as in ksqlDB's `testStatement` rule.
    var allowTestStatements = false
    /// When non-nil, the grammar productions (named as in grammar/eddy.ebnf) the parser went through.
    var coverage: Set<String>?

    /// Nesting deeper than this is refused instead of risking the stack.
    static let maxDepth = 200

    init(_ text: String) {
        self.text = text
        var lexer = Lexer(text)
        self.tokens = lexer.tokenizeAll()
        self.source = lexer.bytes
    }

    // MARK: Token access

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func peek(_ ahead: Int = 1) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    var atEnd: Bool { current.kind == .endOfInput }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    @discardableResult
    mutating func take() -> Token {
        let t = current
        advance()
        return t
    }

    /// Consumes the keyword if it is next.
    mutating func accept(_ keyword: String) -> Bool {
        if current.isKeyword(keyword) {
            advance()
            return true
        }
        return false
    }

    mutating func acceptSymbol(_ symbol: String) -> Bool {
        if current.isSymbol(symbol) {
            advance()
            return true
        }
        return false
    }

    mutating func expect(_ keyword: String) throws {
        guard accept(keyword) else { throw mismatched(expecting: ["'\(keyword)'"]) }
    }

    mutating func expectSymbol(_ symbol: String) throws {
        guard acceptSymbol(symbol) else {
            // Closing brackets read as ANTLR's single-token insertion: "missing ')' at ','".
            if symbol == ")" || symbol == "]" || symbol == ">" , !atEnd {
                throw syntaxError("missing '\(symbol)' at \(display(current))", at: current)
            }
            throw mismatched(expecting: ["'\(symbol)'"])
        }
    }

    /// Records that a production of grammar/eddy.ebnf was used (only when coverage is on).
    @inline(__always) mutating func hit(_ production: String) {
        if coverage != nil { coverage?.insert(production) }
    }

    // MARK: Nesting guard

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth {
            throw EddyError(.parse, "Statement is too large to parse: expressions are nested more than \(Self.maxDepth) levels deep.",
                            at: current.location, statement: text)
        }
    }

    mutating func leave() { depth -= 1 }

    // MARK: Errors

    /// The token as ANTLR prints it: its source text in single quotes, or `<EOF>`.
    func display(_ token: Token) -> String {
        if token.kind == .endOfInput { return "'<EOF>'" }
        let start = max(0, min(token.location.offset, source.count))
        let end = max(start, min(token.end, source.count))
        return "'" + String(decoding: source[start..<end], as: UTF8.self) + "'"
    }

    func syntaxError(_ detail: String, at token: Token) -> EddyError {
        EddyError(.parse, "Syntax Error\n" + detail, at: token.location, statement: text)
    }

    /// "mismatched input 'X' expecting {…}", or ksqlDB's reserved-word hint when a reserved word
    /// stands where a name was expected.
    func mismatched(expecting: [String]) -> EddyError {
        let list = expecting.count == 1 ? expecting[0] : "{" + expecting.joined(separator: ", ") + "}"
        return syntaxError("mismatched input \(display(current)) expecting \(list)", at: current)
    }

    func error(_ message: String, at location: SourceLocation) -> EddyError {
        EddyError(.parse, message, at: location, statement: text)
    }
}
