/// A DELIMITED field separator: one character, or the names TAB and SPACE.
public struct Delimiter: Hashable, Sendable, CustomStringConvertible {
    public let character: Character

    public static let comma = Delimiter(unchecked: ",")

    init(unchecked character: Character) { self.character = character }

    /// Parses a `delimiter` / `VALUE_DELIMITER` / `KEY_DELIMITER` value with ksqlDB's messages.
    public init(parsing text: String) throws {
        if text.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            throw EddyErrorFactory.execution(
                "Delimiter cannot be empty, if you meant to have a tab or space for delimiter, please use the "
                    + "special values 'TAB' or 'SPACE'\nExample valid value: ';'")
        }
        if text.count == 1, let c = text.first {
            character = c
        } else if text == "TAB" {
            character = "\t"
        } else if text == "SPACE" {
            character = " "
        } else {
            throw EddyErrorFactory.execution(
                "Invalid delimiter value: '\(text)'. Delimiter must be a single character or TAB,SPACE\n"
                    + "Example valid value: ';'")
        }
    }

    public var description: String { String(character) }

    /// The delimiter's UTF-8 bytes; usually one byte.
    var utf8: [UInt8] { Array(String(character).utf8) }
}
