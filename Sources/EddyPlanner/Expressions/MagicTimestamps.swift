import EddyCore
import EddySQL

/// ksqlDB lets ROWTIME, WINDOWSTART and WINDOWEND be compared with timestamp strings, partial
/// ones included (`ROWTIME >= '2018'`, `WINDOWSTART < '2020-02-10T08:31:44.001+0000'`): the
/// string literal is turned into epoch milliseconds before type checking.
enum MagicTimestamps {
    static let columns: Set<String> = [PseudoColumn.rowtime.rawValue, "WINDOWSTART", "WINDOWEND"]

    static func isTimeColumn(_ e: Expression) -> Bool {
        if case .column(_, let name) = e.kind { return columns.contains(name.value) }
        return false
    }

    /// `other` as a BIGINT literal when it is a string literal compared with a time column.
    static func rewrite(_ other: Expression, comparedWith column: Expression) throws -> Expression {
        guard isTimeColumn(column), case .literal(.string(let text)) = other.kind else { return other }
        do {
            return Expression(.literal(.bigint(try TemporalText.parseTimestamp(text))), at: other.location)
        } catch {
            throw EddyError.analysis("Failed to parse timestamp '\(text)': \(error.eddyMessage)", at: other.location)
        }
    }
}
