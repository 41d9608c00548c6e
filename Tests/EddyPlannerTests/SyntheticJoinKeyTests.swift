@testable import EddyPlanner
import Testing

@Suite struct SyntheticJoinKeyTests {
    @Test func takesTheLowestFreeSuffix() {
        #expect(QueryAnalyzer.syntheticKeyName(["ID", "NAME"]) == "ROWKEY")
        #expect(QueryAnalyzer.syntheticKeyName(["ROWKEY", "ROWKEY_1", "ROWKEY_2", "ROWKEY_3", "ROWKEY_5"]) == "ROWKEY_4")
        #expect(QueryAnalyzer.syntheticKeyName(["ROWKEY_1"]) == "ROWKEY")
        // Not numbered ROWKEY columns.
        #expect(QueryAnalyzer.syntheticKeyName(["ROWKEY", "ROWKEY_X", "ROWKEYS", "ROWKEY_+1"]) == "ROWKEY_1")
    }
}
