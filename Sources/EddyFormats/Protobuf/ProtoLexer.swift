/// Tokens of the `.proto` language. Identifiers keep their dots (`google.protobuf.Timestamp`) so the
/// parser can take a type reference as one token.
enum ProtoToken: Equatable, Sendable {
    case identifier(String)
    case integer(Int64)
    case float(Double)
    case string(String)
    case symbol(Character)
}

/// Splits `.proto` text into tokens, skipping `//` and `/* */` comments.
struct ProtoLexer {
    private let scalars: [Unicode.Scalar]
    private var i = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    static func tokenize(_ text: String) throws -> [ProtoToken] {
        var lexer = ProtoLexer(text)
        var tokens: [ProtoToken] = []
        while let t = try lexer.next() { tokens.append(t) }
        return tokens
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        i + offset < scalars.count ? scalars[i + offset] : nil
    }

    mutating func next() throws -> ProtoToken? {
        skipTrivia()
        guard let c = peek() else { return nil }
        if c == "_" || c.properties.isAlphabetic {
            return .identifier(readWhile { $0 == "_" || $0 == "." || $0.properties.isAlphabetic || ("0"..."9").contains($0) })
        }
        if ("0"..."9").contains(c) || ((c == "-" || c == "+" || c == ".") && peek(1).map { ("0"..."9").contains($0) } == true) {
            return try number()
        }
        if c == "\"" || c == "'" { return .string(try quoted(c)) }
        i += 1
        return .symbol(Character(c))
    }

    private mutating func skipTrivia() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                i += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { i += 1 }
            } else if c == "/", peek(1) == "*" {
                i += 2
                while let d = peek(), !(d == "*" && peek(1) == "/") { i += 1 }
                i = min(i + 2, scalars.count)
            } else {
                return
            }
        }
    }

    private mutating func readWhile(_ accept: (Unicode.Scalar) -> Bool) -> String {
        var s = String.UnicodeScalarView()
        while let c = peek(), accept(c) { s.append(c); i += 1 }
        return String(s)
    }

    private mutating func number() throws -> ProtoToken {
        var negative = false
        if peek() == "-" { negative = true; i += 1 } else if peek() == "+" { i += 1 }
        let text = readWhile { $0 == "." || $0 == "x" || $0 == "X" || $0 == "e" || $0 == "E" || $0.properties.isASCIIHexDigit }
        if text.hasPrefix("0x") || text.hasPrefix("0X"), let v = Int64(text.dropFirst(2), radix: 16) {
            return .integer(negative ? -v : v)
        }
        if text.count > 1, text.hasPrefix("0"), text.allSatisfy({ ("0"..."7").contains($0) }), let v = Int64(text.dropFirst(), radix: 8) {
            return .integer(negative ? -v : v)
        }
        if let v = Int64(text) { return .integer(negative ? -v : v) }
        if let d = Double(text) { return .float(negative ? -d : d) }
        throw ProtoSchemaError("invalid number '\(text)'")
    }

    private mutating func quoted(_ quote: Unicode.Scalar) throws -> String {
        i += 1
        var s = String.UnicodeScalarView()
        while let c = peek() {
            i += 1
            if c == quote { return String(s) }
            if c == "\\", let e = peek() {
                i += 1
                switch e {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "r": s.append("\r")
                default: s.append(e)
                }
            } else {
                s.append(c)
            }
        }
        throw ProtoSchemaError("unterminated string")
    }
}

/// A schema that can't be parsed or resolved.
public struct ProtoSchemaError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
