/// A position in SQL source text. Lines and columns start at 1.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int = 0) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "\(line):\(column)" }
}

/// The categories of statement failure, mirroring ksqlDB's exception types.
public enum ErrorKind: String, Sendable, Codable {
    /// Syntax errors (ksqlDB's ParseFailedException).
    case parse
    /// Name resolution, type checking and other semantic errors (KsqlStatementException).
    case analysis
    /// Errors while executing a statement or running a query (KsqlException).
    case execution
    /// A broken invariant inside Eddy.
    case `internal`
}

/// The error every layer throws for a failed statement. It keeps the statement text so the message
/// can show a caret under the offending position.
public struct EddyError: Error, Sendable, CustomStringConvertible {
    public var kind: ErrorKind
    public var message: String
    public var location: SourceLocation?
    /// The statement text the error refers to, when known.
    public var statementText: String?
    /// Extra framing ksqlDB gives some errors' text (see `Framing`).
    public var framing: Framing = .standard

    /// How ksqlDB words particular errors beyond their kind.
    public enum Framing: Sendable {
        case standard
        /// Column errors start with the column's node location: `Line: 3, Col: 38: Column 'F0' …`.
        case nodeLocation
        /// Errors raised while ksqlDB rewrites the statement before planning read
        /// `Failed to prepare statement: …`, without a location.
        case prepared
        /// Errors ksqlDB's AST sanitizer raises about a node, e.g. an ambiguous column:
        /// `Exception while preparing statement: Line: 3, Col: 84: Column 'ID' is ambiguous. …`.
        case sanitizerNodeLocation
    }

    public init(_ kind: ErrorKind, _ message: String, at location: SourceLocation? = nil, statement: String? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.statementText = statement
    }

    public static func parse(_ message: String, at location: SourceLocation?) -> EddyError {
        EddyError(.parse, message, at: location)
    }

    public static func analysis(_ message: String, at location: SourceLocation? = nil) -> EddyError {
        EddyError(.analysis, message, at: location)
    }

    public static func execution(_ message: String) -> EddyError {
        EddyError(.execution, message)
    }

    /// An analysis error about a column reference, framed with its location as ksqlDB does.
    public static func column(_ message: String, at location: SourceLocation?) -> EddyError {
        var e = EddyError(.analysis, message, at: location)
        e.framing = .nodeLocation
        return e
    }

    /// An analysis error that ksqlDB raises while preparing (rewriting) the statement.
    public static func prepare(_ message: String, at location: SourceLocation?) -> EddyError {
        var e = EddyError(.analysis, message, at: location)
        e.framing = .prepared
        return e
    }

    public var description: String {
        guard let location else { return message }
        return "line \(location.line):\(location.column): \(message)"
    }

    /// The message as ksqlDB words a failed statement: syntax errors as `line L:C: Syntax Error…`,
    /// other errors found while preparing the statement behind "Failed to prepare statement:",
    /// and the statement text after "Statement:".
    public var ksqlMessage: String {
        var text: String
        switch kind {
        case .parse where message.hasPrefix("Syntax Error"):
            text = description
        case .parse:
            text = "Failed to prepare statement: " + description
        default:
            switch framing {
            case .standard: text = message
            case .nodeLocation: text = (location.map { "Line: \($0.line), Col: \($0.column): " } ?? "") + message
            case .prepared: text = "Failed to prepare statement: " + message
            case .sanitizerNodeLocation:
                text = "Exception while preparing statement: " + (location.map { "Line: \($0.line), Col: \($0.column): " } ?? "") + message
            }
        }
        if let statement = statementText?.trimmingASCIIWhitespace(), !statement.isEmpty {
            text += "\nStatement: " + statement
        }
        return text
    }

    /// The message, followed by the source line and a caret under the error position.
    public var renderedWithCaret: String {
        guard let location, let text = statementText else { return description }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line >= 1, location.line <= lines.count else { return description }
        let line = lines[location.line - 1]
        let caret = String(repeating: " ", count: max(0, location.column - 1)) + "^"
        return "\(description)\n\(line)\n\(caret)"
    }
}

extension Error {
    /// The message without location, for errors that are re-worded or sent to the processing log.
    public var eddyMessage: String { (self as? EddyError)?.message ?? String(describing: self) }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        String(self[...].trimmedASCIIWhitespace())
    }
}
