import EddyCore

extension Parser {
    /// Whether the current token can start an identifier.
    var atIdentifier: Bool { isIdentifier(current) }

    func isIdentifier(_ t: Token) -> Bool {
        switch t.kind {
        case .word: !Keywords.reserved.contains(t.text)
        case .quotedIdentifier, .backQuotedIdentifier, .digitIdentifier: true
        default: false
        }
    }

    /// identifier: IDENTIFIER | nonReserved | QUOTED_IDENTIFIER | BACKQUOTED_IDENTIFIER | DIGIT_IDENTIFIER.
    mutating func identifier() throws -> Identifier {
        let t = current
        hit("identifier")
        switch t.kind {
        case .word where !Keywords.reserved.contains(t.text), .digitIdentifier:
            if t.kind == .word, Keywords.nonReserved.contains(t.text) { hit("nonReserved") }
            advance()
            return Identifier(t.text, quoted: false, location: t.location)
        case .quotedIdentifier, .backQuotedIdentifier:
            advance()
            return Identifier(t.text, quoted: true, location: t.location)
        case .word:
            throw syntaxError("\"\(rawText(t))\" is a reserved keyword and it can't be used as an identifier. "
                              + "You can use it as an identifier by escaping it as `\(rawText(t))`", at: t)
        case .variable:
            throw error("Variable '\(t.text)' is not defined", at: t.location)
        default:
            throw mismatched(expecting: ["IDENTIFIER"])
        }
    }

    /// The token's text as written.
    func rawText(_ t: Token) -> String {
        let start = max(0, min(t.location.offset, source.count))
        let end = max(start, min(t.end, source.count))
        return String(decoding: source[start..<end], as: UTF8.self)
    }

    /// resourceName: identifier | STRING. Unquoted names keep their case, as ksqlDB does for topics.
    mutating func resourceName() throws -> String {
        hit("resourceName")
        let t = current
        if t.kind == .string {
            advance()
            return t.text
        }
        if t.kind == .word || t.kind == .digitIdentifier {
            _ = try identifier()
            return rawText(t)
        }
        return try identifier().value
    }

    /// sourceName: identifier.
    mutating func sourceName() throws -> Identifier {
        hit("sourceName")
        return try identifier()
    }

    /// A string literal token's value.
    mutating func string() throws -> String {
        guard current.kind == .string else { throw mismatched(expecting: ["STRING"]) }
        return take().text
    }

    /// number: MINUS? (INTEGER_VALUE | DECIMAL_VALUE | FLOATING_POINT_VALUE), required integral here.
    mutating func integer(_ clause: String) throws -> Int64 {
        let start = current
        let negative = acceptSymbol("-")
        let t = current
        switch t.kind {
        case .integer:
            advance()
            guard let v = Int64((negative ? "-" : "") + t.text) else {
                throw error("Invalid numeric literal: \((negative ? "-" : "") + t.text)", at: start.location)
            }
            return v
        case .decimal, .float:
            // A plain KsqlException in ksqlDB's parser utilities: the message carries no position.
            throw EddyError(.parse, "Value must be integer for command: \(clause)", statement: text)
        default:
            throw mismatched(expecting: ["INTEGER_VALUE"])
        }
    }

    /// An integer that fits in 32 bits; sign checks belong to the analyzer (ksqlDB rejects a
    /// negative LIMIT only for pull queries, with its own message).
    mutating func intValue(_ clause: String) throws -> Int {
        let loc = current.location
        let v = try integer(clause)
        guard let i = Int32(exactly: v) else {
            throw error("Invalid numeric literal: \(v)", at: loc)
        }
        return Int(i)
    }

    /// A small non-negative integer (LIMIT, INTERVAL, type parameters).
    mutating func smallInteger(_ clause: String) throws -> Int {
        let loc = current.location
        let v = try integer(clause)
        guard let i = Int(exactly: v), i >= 0, i <= Int(Int32.max) else {
            throw error("Value must be a non-negative integer for command: \(clause)", at: loc)
        }
        return i
    }

    /// windowUnit: DAY | HOUR | … | MILLISECONDS.
    mutating func timeUnit() throws -> TimeUnit {
        hit("windowUnit")
        if current.kind == .word, let u = TimeUnit(keyword: current.text) {
            advance()
            return u
        }
        throw mismatched(expecting: ["'DAY'", "'HOUR'", "'MINUTE'", "'SECOND'", "'MILLISECOND'",
                                     "'DAYS'", "'HOURS'", "'MINUTES'", "'SECONDS'", "'MILLISECONDS'"])
    }

    /// number windowUnit, e.g. `10 SECONDS`.
    mutating func duration(_ clause: String) throws -> WindowDuration {
        let v = try integer(clause)
        return WindowDuration(v, try timeUnit())
    }
}
