import EddyCore
@testable import EddyPlanner
import EddySQL
import Testing

@Suite struct ScopeDisplayTests {
    func expression(_ text: String) throws -> Expression {
        try SQLParser.parseExpression(text)
    }

    @Test func joinColumnsAndAggregatesShowAsKsqlDBNamesThem() throws {
        var scope = Scope(entries: [])
        #expect(scope.display(try expression("I1.BAR > 1")) == "(I1.BAR > 1)")
        scope.joinNaming = true
        #expect(scope.display(try expression("I1.BAR > I2.BAR")) == "(I1_BAR > I2_BAR)")
        scope.displayExpressions["KSQL_AGG_0"] = try expression("SUM(I1.BAR)")
        #expect(scope.display(try expression("KSQL_AGG_0")) == "SUM(I1_BAR)")
    }
}
