import EddyCore
import EddyPlanner
import EddySQL

extension Engine {
    /// Runs a step of planning a CREATE … AS SELECT whose errors ksqlDB reports with the statement
    /// as its AST sanitizer and SqlFormatter reprint it (qualified columns, named select items,
    /// one item per line, `EMIT CHANGES`), not as the user wrote it.
    func sanitizedErrors<T>(_ create: CreateAsSelect, _ analyzer: QueryAnalyzer, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as EddyError where error.statementText == nil {
            if let query = analyzer.sanitized(create.query) {
                var sanitized = create
                sanitized.query = query
                error.statementText = SQLFormatter.format(Statement.createAsSelect(sanitized))
            }
            throw error
        }
    }
}
