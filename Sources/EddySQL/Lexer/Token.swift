import EddyCore

/// A lexical token. Offsets are UTF-8 byte offsets into the lexed text.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An unquoted word: a keyword or an identifier (`text` is upper-cased).
        case word
        /// `"name"`: `text` is the unescaped name, case kept.
        case quotedIdentifier
        /// `` `name` ``: `text` is the unescaped name, case kept.
        case backQuotedIdentifier
        /// A word starting with a digit, e.g. `1A`, usable as an identifier.
        case digitIdentifier
        /// `'text'`: `text` is the unescaped string.
        case string
        case integer
        /// Digits with a point and no exponent: `1.5`, `.5`, `1.`.
        case decimal
        /// A number with an exponent: `1E3`, `1.5e-2`.
        case float
        /// `${name}`: `text` is the name.
        case variable
        /// Punctuation or an operator; `text` is the symbol.
        case symbol
        /// A character no rule accepts (including an unterminated quote).
        case unrecognized
        case endOfInput
    }

    public var kind: Kind
    /// The processed text (see `Kind`).
    public var text: String
    public var location: SourceLocation
    /// UTF-8 offset just past the token.
    public var end: Int

    public init(kind: Kind, text: String, location: SourceLocation, end: Int) {
        self.kind = kind
        self.text = text
        self.location = location
        self.end = end
    }

    /// Whether this is the keyword `word` (given in upper case).
    @inline(__always) public func isKeyword(_ word: String) -> Bool { kind == .word && text == word }

    @inline(__always) public func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}
