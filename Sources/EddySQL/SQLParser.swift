import EddyCore

/// The public entry points of the SQL front end.
///
/// Typical use by the engine, which must apply DEFINE/UNDEFINE between statements:
/// ```
/// for source in try SQLParser.split(script) {
///     let text = try VariableSubstitution.substitute(source.text, variables: vars)
///     let statement = try SQLParser.parseStatement(text)
///     …
/// }
/// ```
public enum SQLParser {
    /// Parses every `;`-terminated statement in `text`. Locations are relative to `text`.
    /// With `requireSemicolon == false` the last statement may omit its `;`. `testStatements`
    /// also accepts the test runner's ASSERT VALUES / ASSERT NULL VALUES / ASSERT STREAM|TABLE and
    /// RUN SCRIPT.
    public static func parse(_ text: String, requireSemicolon: Bool = true, testStatements: Bool = false) throws -> [ParsedStatement] {
        var coverage: Set<String>? = nil
        return try parse(text, requireSemicolon: requireSemicolon, testStatements: testStatements, coverage: &coverage)
    }

    /// `parse`, also collecting the grammar productions used when `coverage` is non-nil.
    static func parse(_ text: String, requireSemicolon: Bool, testStatements: Bool,
                      coverage: inout Set<String>?) throws -> [ParsedStatement] {
        var parser = Parser(text)
        parser.allowTestStatements = testStatements
        parser.coverage = coverage
        defer { coverage = parser.coverage }
        parser.hit(testStatements ? "testScript" : "script")
        var result: [ParsedStatement] = []
        while !parser.atEnd {
            let first = parser.current
            let statement = try parser.statement()
            let endToken = parser.current
            if !parser.acceptSymbol(";") {
                // A word after a complete statement could start any of many clauses in ANTLR's
                // grammar, and ksqlDB prints no detail for a list that long: the position (and
                // caret) is the message.
                if !parser.atEnd, parser.current.kind == .word { throw parser.syntaxError("", at: parser.current) }
                if requireSemicolon || !parser.atEnd { throw parser.mismatched(expecting: ["';'"]) }
            }
            let end = endToken.isSymbol(";") ? endToken.end : parser.tokens[max(0, parser.index - 1)].end
            result.append(ParsedStatement(statement: statement, text: parser.slice(first.location.offset, end),
                                          location: first.location))
        }
        return result
    }

    /// Parses exactly one statement; the trailing `;` is optional.
    public static func parseStatement(_ text: String, testStatements: Bool = false) throws -> ParsedStatement {
        let all = try parse(text, requireSemicolon: false, testStatements: testStatements)
        guard all.count == 1, let only = all.first else {
            throw EddyError(.parse, all.isEmpty ? "Syntax Error\nNo statement found" : "Syntax Error\nExpected exactly one statement but found \(all.count)",
                            at: all.dropFirst().first?.location ?? SourceLocation(line: 1, column: 1), statement: text)
        }
        return only
    }

    /// Parses a standalone expression, e.g. `a + 1`.
    public static func parseExpression(_ text: String) throws -> Expression {
        var parser = Parser(text)
        let e = try parser.expression()
        guard parser.atEnd else { throw parser.mismatched(expecting: ["<EOF>"]) }
        return e
    }

    /// Parses a type, e.g. `STRUCT<A INT, B ARRAY<STRING>>`.
    public static func parseType(_ text: String) throws -> TypeSyntax {
        var parser = Parser(text)
        let t = try parser.typeSyntax()
        guard parser.atEnd else { throw parser.mismatched(expecting: ["<EOF>"]) }
        return t
    }

    /// Parses a column list as ksqlDB prints schemas: "`K` STRING KEY, `V` INTEGER" (no parentheses).
    public static func parseTableElements(_ text: String) throws -> [TableElement] {
        var parser = Parser(text)
        var elements: [TableElement] = []
        if parser.atEnd { return elements }
        repeat { elements.append(try parser.tableElement(kind: nil)) } while parser.acceptSymbol(",")
        guard parser.atEnd else { throw parser.mismatched(expecting: ["','", "<EOF>"]) }
        return elements
    }

    /// A statement's raw text and where it starts, before variable substitution.
    public struct StatementSource: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation
    }

    /// Splits a script at top-level semicolons (ignoring those inside strings, quoted names and
    /// comments) without parsing. Text after the last `;` is returned as a final statement if it
    /// holds any token.
    public static func split(_ text: String) -> [StatementSource] {
        var lexer = Lexer(text)
        let tokens = lexer.tokenizeAll()
        let bytes = lexer.bytes
        var result: [StatementSource] = []
        var start: Token?
        for t in tokens {
            if t.kind == .endOfInput {
                if let s = start {
                    result.append(StatementSource(text: String(decoding: bytes[s.location.offset..<t.location.offset], as: UTF8.self)
                        .trimmingTrailingWhitespace(), location: s.location))
                }
                break
            }
            if start == nil { start = t }
            if t.isSymbol(";"), let s = start {
                result.append(StatementSource(text: String(decoding: bytes[s.location.offset..<t.end], as: UTF8.self),
                                              location: s.location))
                start = nil
            }
        }
        return result
    }
}

extension Parser {
    func slice(_ from: Int, _ to: Int) -> String {
        let a = max(0, min(from, source.count))
        let b = max(a, min(to, source.count))
        return String(decoding: source[a..<b], as: UTF8.self)
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\n" || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
