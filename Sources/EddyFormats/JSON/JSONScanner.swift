/// A syntax error in JSON input, with the byte offset where it was found.
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var offset: Int
    public var description: String { message }
}

/// A forward-only cursor over JSON bytes. It validates as it goes and never reads out of bounds;
/// nesting deeper than `maxDepth` is an error rather than a stack overflow.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var pos: Int
    var depth = 0
    static let maxDepth = 500

    init(_ bytes: UnsafeRawBufferPointer, at start: Int = 0) {
        self.bytes = bytes
        pos = start
    }

    var atEnd: Bool { pos >= bytes.count }

    @inline(__always) mutating func skipWhitespace() {
        while pos < bytes.count {
            let c = bytes[pos]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { break }
        }
    }

    /// The next significant byte, after whitespace; nil at the end.
    @inline(__always) mutating func peek() -> UInt8? {
        skipWhitespace()
        return pos < bytes.count ? bytes[pos] : nil
    }

    func error(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, offset: pos) }

    func unexpected(_ expected: String) -> JSONSyntaxError {
        guard pos < bytes.count else { return error("Unexpected end-of-input: expected \(expected)") }
        let c = bytes[pos]
        let shown = c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "?"
        return error("Unexpected character ('\(shown)' (code \(c))): expected \(expected)")
    }

    static let valueExpectation =
        "a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

    mutating func enter() throws {
        depth += 1
        if depth > Self.maxDepth { throw error("Document nesting depth exceeds the maximum allowed (\(Self.maxDepth))") }
    }

    mutating func leave() { depth -= 1 }

    /// Consumes `true`, `false` or `null` (the caller has seen the first byte).
    mutating func readLiteral(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        let w = UnsafeRawBufferPointer(start: word.utf8Start, count: n)
        guard pos + n <= bytes.count, memcmpEqual(at: pos, w) else { throw unrecognizedToken() }
        pos += n
        if pos < bytes.count, isIdentifierByte(bytes[pos]) { throw unrecognizedToken() }
    }

    private func memcmpEqual(at start: Int, _ w: UnsafeRawBufferPointer) -> Bool {
        for i in 0 ..< w.count where bytes[start + i] != w[i] { return false }
        return true
    }

    func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c >= 0x80
    }

    private func unrecognizedToken() -> JSONSyntaxError {
        var end = pos
        while end < bytes.count, end - pos < 40, isIdentifierByte(bytes[end]) { end += 1 }
        let token = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[pos ..< max(end, min(pos + 1, bytes.count))]), as: UTF8.self)
        return error("Unrecognized token '\(token)': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')")
    }

    /// Consumes a number and returns its byte range and whether it is integral.
    mutating func readNumber() throws -> (range: Range<Int>, integral: Bool) {
        let start = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, isDigit(bytes[pos]) else {
            throw error("Unexpected character in number: expected digit")
        }
        if bytes[pos] == UInt8(ascii: "0"), pos + 1 < bytes.count, isDigit(bytes[pos + 1]) {
            throw error("Invalid numeric value: Leading zeroes not allowed")
        }
        var p = pos + 1
        let n = bytes.count
        while p < n, isDigit(bytes[p]) { p += 1 }
        pos = p
        var integral = true
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            integral = false
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                throw error("Unexpected character in number: Decimal point not followed by a digit")
            }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            integral = false
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else {
                throw error("Unexpected character in number: Exponent indicator not followed by a digit")
            }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, isIdentifierByte(bytes[pos]) {
            throw error("Unexpected character ('\(UnicodeScalar(bytes[pos]))'): expected space separating root-level values")
        }
        return (start ..< pos, integral)
    }

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// The common number, a plain integer (`-?[1-9][0-9]*` or `0`, ended by a byte that may follow a
    /// value): consumes it and returns its low 64 bits, as Java's `longValue()` narrows. Returns nil
    /// without consuming anything for every other form, which `readNumber` then reads or rejects.
    @inline(__always) mutating func readPlainInteger() -> UInt64? {
        var p = pos
        let n = bytes.count
        let negative = bytes[p] == UInt8(ascii: "-")
        if negative { p += 1 }
        guard p < n else { return nil }
        let first = bytes[p]
        guard isDigit(first), first != UInt8(ascii: "0") || p + 1 >= n || !isDigit(bytes[p + 1]) else { return nil }
        var v: UInt64 = 0
        while p < n {
            let c = bytes[p]
            guard isDigit(c) else { break }
            v = v &* 10 &+ UInt64(c &- 0x30)
            p += 1
        }
        if p < n {
            let c = bytes[p]
            // A comma, the common follower, settles it; letters (`e`, `E` among them) and `.` make
            // the token something else.
            if c != UInt8(ascii: ","), c == UInt8(ascii: ".") || isIdentifierByte(c) { return nil }
        }
        pos = p
        return negative ? 0 &- v : v
    }

    /// Consumes a string (the cursor is on its opening quote). Returns the raw range of its contents
    /// when it has no escapes; otherwise the decoded UTF-8 is left in `scratch` and nil is returned.
    mutating func readString(_ scratch: inout [UInt8]) throws -> Range<Int>? {
        pos += 1
        let start = pos
        // The common case, a string without escapes, scans with a local cursor (kept in a
        // register, where `pos` would be stored back on every byte).
        var p = pos
        let n = bytes.count
        if let base = bytes.baseAddress {
            // Eight bytes at a time while none is a quote, a backslash or a control byte.
            while p + 8 <= n, !Self.hasStringSpecial(base.loadUnaligned(fromByteOffset: p, as: UInt64.self)) { p += 8 }
        }
        while p < n {
            let c = bytes[p]
            if c == UInt8(ascii: "\"") {
                pos = p + 1
                return start ..< p
            }
            if c == UInt8(ascii: "\\") || c < 0x20 { break }
            p += 1
        }
        pos = p
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return start ..< pos - 1
            }
            if c == UInt8(ascii: "\\") {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start ..< pos]))
                try readEscapedRest(&scratch)
                return nil
            }
            if c < 0x20 { throw error("Illegal unquoted character ((CTRL-CHAR, code \(c))): has to be escaped using backslash to be included in string value") }
            pos += 1
        }
        throw error("Unexpected end-of-input: was expecting closing quote for a string value")
    }

    private mutating func readEscapedRest(_ out: inout [UInt8]) throws {
        while pos < bytes.count {
            let c = bytes[pos]
            pos += 1
            switch c {
            case UInt8(ascii: "\""):
                return
            case UInt8(ascii: "\\"):
                guard pos < bytes.count else { break }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if scalar >= 0xD800 && scalar < 0xDC00, pos + 1 < bytes.count,
                       bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                        let save = pos
                        pos += 2
                        let low = try readHex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            pos = save
                        }
                    }
                    let u = UnicodeScalar(scalar) ?? "\u{FFFD}"
                    out.append(contentsOf: String(Character(u)).utf8)
                default:
                    throw error("Unrecognized character escape '\(UnicodeScalar(e))' (code \(e))")
                }
            default:
                if c < 0x20 { throw error("Illegal unquoted character ((CTRL-CHAR, code \(c))): has to be escaped using backslash to be included in string value") }
                out.append(c)
            }
        }
        throw error("Unexpected end-of-input: was expecting closing quote for a string value")
    }

    private mutating func readHex4() throws -> UInt32 {
        guard pos + 4 <= bytes.count else { throw error("Unexpected end-of-input in character escape sequence") }
        var v: UInt32 = 0
        for _ in 0 ..< 4 {
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case 0x30 ... 0x39: d = UInt32(c - 0x30)
            case 0x41 ... 0x46: d = UInt32(c - 0x41 + 10)
            case 0x61 ... 0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("Unexpected character ('\(UnicodeScalar(c))' (code \(c))): expected a hex-digit for character escape sequence")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    /// Reads a string and returns it as a Swift `String`.
    mutating func readStringValue(_ scratch: inout [UInt8]) throws -> String {
        if let r = try readString(&scratch) {
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[r]), as: UTF8.self)
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Consumes the `:` after an object key.
    mutating func readColon() throws {
        guard peek() == UInt8(ascii: ":") else { throw unexpected("a colon to separate field name and value") }
        pos += 1
    }

    /// After a member or element: consumes `,` and returns true, or consumes `close` and returns false.
    mutating func readSeparator(close: UInt8, what: String) throws -> Bool {
        switch peek() {
        case UInt8(ascii: ","): pos += 1; return true
        case close: pos += 1; return false
        case nil: throw error("Unexpected end-of-input: expected close marker for \(what)")
        default: throw unexpected("comma to separate \(what) entries")
        }
    }

    /// Skips one complete value, validating it.
    mutating func skipValue(_ scratch: inout [UInt8]) throws {
        guard let c = peek() else { throw unexpected(Self.valueExpectation) }
        switch c {
        case UInt8(ascii: "\""): _ = try readString(&scratch)
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"): _ = try readNumber()
        case UInt8(ascii: "t"): try readLiteral("true")
        case UInt8(ascii: "f"): try readLiteral("false")
        case UInt8(ascii: "n"): try readLiteral("null")
        case UInt8(ascii: "["):
            try enter()
            pos += 1
            if peek() == UInt8(ascii: "]") { pos += 1; leave(); return }
            repeat { try skipValue(&scratch) } while try readSeparator(close: UInt8(ascii: "]"), what: "Array")
            leave()
        case UInt8(ascii: "{"):
            try enter()
            pos += 1
            if peek() == UInt8(ascii: "}") { pos += 1; leave(); return }
            repeat {
                guard peek() == UInt8(ascii: "\"") else { throw unexpected("double-quote to start field name") }
                _ = try readString(&scratch)
                try readColon()
                try skipValue(&scratch)
            } while try readSeparator(close: UInt8(ascii: "}"), what: "Object")
            leave()
        default:
            throw unexpected(Self.valueExpectation)
        }
    }
}
