/// A java.time DateTimeFormatter pattern (`yyyy-MM-dd'T'HH:mm:ss.SSSXXX`), compiled once and used to
/// format and parse. Supports the letters ksqlDB users rely on: G y u D M L d Q E e c a h K k H m s
/// S A n N V z O X x Z, quoted literals and optional sections `[...]`.
public struct DateTimePattern: Sendable, Hashable {
    public enum Token: Sendable, Hashable {
        case literal(String)
        case field(Character, Int)
        case optionalStart
        case optionalEnd
    }

    public let pattern: String
    public let tokens: [Token]

    static let supportedLetters: Set<Character> = Set("GyuDMLdQqEecahKkHmsSAnNVzOXxZw")

    /// Throws `EddyError(.execution)` with Java's message for bad patterns.
    public init(_ pattern: String) throws {
        self.pattern = pattern
        var tokens: [Token] = []
        let chars = Array(pattern)
        var i = 0
        var depth = 0
        while i < chars.count {
            let c = chars[i]
            if c == "'" {
                var j = i + 1
                var text = ""
                while j < chars.count {
                    if chars[j] == "'" {
                        if j + 1 < chars.count && chars[j + 1] == "'" { text.append("'"); j += 2; continue }
                        break
                    }
                    text.append(chars[j])
                    j += 1
                }
                guard j < chars.count else {
                    throw EddyError.execution("Pattern ends with an incomplete string literal: \(pattern)")
                }
                tokens.append(.literal(text.isEmpty ? "'" : text))
                i = j + 1
            } else if c == "[" {
                depth += 1
                tokens.append(.optionalStart)
                i += 1
            } else if c == "]" {
                guard depth > 0 else {
                    throw EddyError.execution("Pattern invalid as it contains ] without previous [")
                }
                depth -= 1
                tokens.append(.optionalEnd)
                i += 1
            } else if c.isASCII && c.isLetter {
                var n = 1
                while i + n < chars.count && chars[i + n] == c { n += 1 }
                guard Self.supportedLetters.contains(c) else {
                    throw EddyError.execution("Unknown pattern letter: \(c)")
                }
                if (c == "S" && n > 9) || ("XxZ".contains(c) && n > 5) || ("dHhKkms".contains(c) && n > 2) || ("MLEQ".contains(c) && n > 5) {
                    throw EddyError.execution("Too many pattern letters: \(c)")
                }
                tokens.append(.field(c, n))
                i += n
            } else if c == "{" || c == "}" || c == "#" {
                throw EddyError.execution("Pattern includes reserved character: '\(c)'")
            } else {
                tokens.append(.literal(String(c)))
                i += 1
            }
        }
        self.tokens = tokens
    }

    static let monthsShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthsLong = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
    static let daysShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let daysLong = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
}
