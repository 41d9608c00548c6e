import EddyCore

/// Splits SQL text into tokens, following SqlBase.g4's lexer rules: case-insensitive keywords,
/// longest match, comments and whitespace skipped. It never throws: characters no rule accepts
/// become `.unrecognized` tokens, and the parser reports them with their position.
public struct Lexer: Sendable {
    let bytes: [UInt8]
    private var pos = 0
    private var line = 1
    private var column = 1

    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Tokenizes the whole input; the last token is always `.endOfInput`.
    public static func tokenize(_ text: String) -> [Token] {
        var lexer = Lexer(text)
        return lexer.tokenizeAll()
    }

    mutating func tokenizeAll() -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4 + 1)
        while true {
            let t = next()
            tokens.append(t)
            if t.kind == .endOfInput { return tokens }
        }
    }

    var location: SourceLocation { SourceLocation(line: line, column: column, offset: pos) }

    @inline(__always) func peek(_ ahead: Int = 0) -> UInt8? {
        let i = pos + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    /// Advances over `n` bytes, tracking line and column (columns count characters, not bytes).
    mutating func advance(_ n: Int = 1) {
        var k = 0
        while k < n && pos < bytes.count {
            let b = bytes[pos]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            pos += 1
            k += 1
        }
    }

    /// The next token, skipping whitespace and comments.
    public mutating func next() -> Token {
        skipTrivia()
        let start = location
        guard let c = peek() else {
            return Token(kind: .endOfInput, text: "<EOF>", location: start, end: pos)
        }
        if c == UInt8(ascii: "'") { return lexQuoted(quote: c, kind: .string, start: start) }
        if c == UInt8(ascii: "\"") { return lexQuoted(quote: c, kind: .quotedIdentifier, start: start) }
        if c == UInt8(ascii: "`") { return lexQuoted(quote: c, kind: .backQuotedIdentifier, start: start) }
        if c == UInt8(ascii: "$"), peek(1) == UInt8(ascii: "{"), let t = lexVariable(start: start) { return t }
        if Self.isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
            return lexNumberOrDigitIdentifier(start: start)
        }
        if Self.isLetter(c) || c == UInt8(ascii: "_") {
            var n = 1
            while let b = peek(n), Self.isWordByte(b) { n += 1 }
            let text = String(decoding: bytes[pos..<pos + n], as: UTF8.self).uppercased()
            advance(n)
            return Token(kind: .word, text: text, location: start, end: pos)
        }
        return lexSymbol(start: start)
    }

    private mutating func skipTrivia() {
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                advance()
            } else if c == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                // Line comments, including `--@` directives, which only the test runner reads.
                while let b = peek(), b != 0x0A { advance() }
            } else if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                var n = 2
                var closed = false
                while pos + n < bytes.count {
                    if bytes[pos + n] == UInt8(ascii: "*"), pos + n + 1 < bytes.count, bytes[pos + n + 1] == UInt8(ascii: "/") {
                        n += 2
                        closed = true
                        break
                    }
                    n += 1
                }
                // An unclosed comment is not a comment: ANTLR lexes `/` and `*` separately.
                if !closed { return }
                advance(n)
            } else {
                return
            }
        }
    }

    /// `'…'`, `"…"` or `` `…` `` with the quote doubled to escape it.
    private mutating func lexQuoted(quote: UInt8, kind: Token.Kind, start: SourceLocation) -> Token {
        var n = 1
        var content: [UInt8] = []
        while pos + n < bytes.count {
            let b = bytes[pos + n]
            if b == quote {
                if pos + n + 1 < bytes.count, bytes[pos + n + 1] == quote {
                    content.append(quote)
                    n += 2
                    continue
                }
                advance(n + 1)
                return Token(kind: kind, text: String(decoding: content, as: UTF8.self), location: start, end: pos)
            }
            content.append(b)
            n += 1
        }
        advance(1)
        return Token(kind: .unrecognized, text: String(UnicodeScalar(quote)), location: start, end: pos)
    }

    private mutating func lexVariable(start: SourceLocation) -> Token? {
        guard let first = peek(2), Self.isLetter(first) || first == UInt8(ascii: "_") else { return nil }
        var n = 3
        while let b = peek(n), Self.isWordByte(b) { n += 1 }
        guard peek(n) == UInt8(ascii: "}") else { return nil }
        let name = String(decoding: bytes[pos + 2..<pos + n], as: UTF8.self)
        advance(n + 1)
        return Token(kind: .variable, text: name, location: start, end: pos)
    }

    /// Numbers and digit identifiers by longest match; on a tie the number wins, as the number rules
    /// come first in the grammar.
    private mutating func lexNumberOrDigitIdentifier(start: SourceLocation) -> Token {
        var n = 0
        while let b = peek(n), Self.isDigit(b) { n += 1 }
        let intDigits = n
        var kind: Token.Kind = .integer
        var numberLength = n
        if peek(n) == UInt8(ascii: ".") {
            var m = n + 1
            while let b = peek(m), Self.isDigit(b) { m += 1 }
            if intDigits > 0 || m > n + 1 {
                kind = .decimal
                numberLength = m
            }
        }
        // Exponent: E [+-]? DIGIT+
        if let e = peek(numberLength), e == UInt8(ascii: "E") || e == UInt8(ascii: "e") {
            var m = numberLength + 1
            if let s = peek(m), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { m += 1 }
            let digitsStart = m
            while let b = peek(m), Self.isDigit(b) { m += 1 }
            if m > digitsStart {
                kind = .float
                numberLength = m
            }
        }
        // DIGIT (LETTER | DIGIT | '_' | '@')+
        var identLength = 0
        if intDigits > 0 {
            var m = 1
            while let b = peek(m), Self.isWordByte(b) { m += 1 }
            if m > 1 { identLength = m }
        }
        if identLength > numberLength {
            let text = String(decoding: bytes[pos..<pos + identLength], as: UTF8.self).uppercased()
            advance(identLength)
            return Token(kind: .digitIdentifier, text: text, location: start, end: pos)
        }
        let text = String(decoding: bytes[pos..<pos + numberLength], as: UTF8.self).uppercased()
        advance(numberLength)
        return Token(kind: kind, text: text, location: start, end: pos)
    }

    private static let twoCharSymbols: Set<String> = ["<>", "!=", "<=", ">=", "||", ":=", "->", "=>"]
    private static let oneCharSymbols: Set<UInt8> = Set("=<>+-*/%()[],.;:".utf8)

    private mutating func lexSymbol(start: SourceLocation) -> Token {
        if let a = peek(), let b = peek(1) {
            let two = String(decoding: [a, b], as: UTF8.self)
            if Self.twoCharSymbols.contains(two) {
                advance(2)
                return Token(kind: .symbol, text: two, location: start, end: pos)
            }
        }
        let c = bytes[pos]
        if Self.oneCharSymbols.contains(c) {
            advance()
            return Token(kind: .symbol, text: String(UnicodeScalar(c)), location: start, end: pos)
        }
        // One whole character, however many bytes it takes.
        var n = 1
        while let b = peek(n), b & 0xC0 == 0x80 { n += 1 }
        let text = String(decoding: bytes[pos..<pos + n], as: UTF8.self)
        advance(n)
        return Token(kind: .unrecognized, text: text, location: start, end: pos)
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == UInt8(ascii: "_") || b == UInt8(ascii: "@")
    }
}
