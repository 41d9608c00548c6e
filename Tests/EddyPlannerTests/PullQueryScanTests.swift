import EddyCore
@testable import EddyPlanner
import EddySQL
import Testing

/// With table scans disabled, pull-query WHERE clauses that ksqlDB can only serve by scanning fail.
@Suite struct PullQueryScanTests {
    let schema = LogicalSchema([Column("ID", .string, .key), Column("V", .string, .value)])
    let noScans = PullQueryValidator(properties: ["ksql.query.pull.table.scan.enabled": "false"])

    func query(_ sql: String) throws -> Query {
        let parsed = try #require(SQLParser.parse(sql).first)
        guard case .query(let q) = parsed.statement else { throw EddyError(.execution, "not a query") }
        return q
    }

    func message(_ sql: String) throws -> String? {
        do {
            try noScans.validateWhere(try query(sql), schema: schema, windowed: false)
            return nil
        } catch {
            return error.eddyMessage
        }
    }

    @Test func likeBetweenLiteralsNeedsAScan() throws {
        #expect(try message("SELECT * FROM T WHERE '12' LIKE '12';")?.hasPrefix("Like condition must be between strings") == true)
        let scans = PullQueryValidator(properties: [:])
        try scans.validateWhere(try query("SELECT * FROM T WHERE '12' LIKE '12';"), schema: schema, windowed: false)
    }

    @Test func oneRangeIsServedButRangesInSeveralDisjunctsAreNot() throws {
        #expect(try message("SELECT * FROM T WHERE ID >= 'a';") == nil)
        #expect(try message("SELECT * FROM T WHERE ID = 'a' OR ID = 'b';") == nil)
        #expect(try message("SELECT * FROM T WHERE ID <= 'a' OR ID >= 'c';")?.hasPrefix("Query requires table scan to be enabled") == true)
    }
}
