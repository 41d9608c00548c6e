import EddyCore

extension ExpressionCompiler {
    /// ksqlDB reports some type problems only when it generates code for a whole clause (unsupported
    /// casts, IN lists that cannot be coerced), prefixing them with the clause's kind:
    /// `Invalid Predicate: …` for WHERE, `Invalid Select: …` for projections.
    func codegenFailure(_ message: String, at location: SourceLocation?) -> EddyError {
        let kind = switch scope.clause {
        case "WHERE": "Predicate"
        case "HAVING": "Having"
        case "GROUP BY": "Group By"
        case "PARTITION BY": "Partition By"
        default: "Select"
        }
        let text = message.hasSuffix(".") ? String(message.dropLast()) : message
        return EddyError.analysis("Invalid \(kind): \(text).", at: location)
    }
}
