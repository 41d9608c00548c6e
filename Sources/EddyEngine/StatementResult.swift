import EddyCore
import EddyPlanner

/// What executing one statement produced, shaped after ksqlDB's REST entities.
public enum StatementResult: Sendable {
    /// DDL and persistent queries: a status message, plus the query id when one started.
    case status(message: String, queryID: String?)
    /// Push or pull query rows, with the output schema.
    case rows(schema: LogicalSchema, rows: [[Value]])
    /// SHOW / DESCRIBE / EXPLAIN output as a text table.
    case listing(title: String, columns: [String], rows: [[String]])
    case none
}
