import EddyCore
import Testing
@testable import EddySQL

@Suite struct ParserTests {
    private func expr(_ text: String) throws -> Expression { try SQLParser.parseExpression(text) }
    private func col(_ name: String) -> Expression { Expression(.column(qualifier: nil, name: Identifier(name))) }
    private func int(_ v: Int32) -> Expression { Expression(.literal(.integer(v))) }

    @Test func precedenceFollowsKsqlGrammar() throws {
        #expect(try expr("a + b * c") == Expression(.arithmetic(.add, col("A"), Expression(.arithmetic(.multiply, col("B"), col("C"))))))
        #expect(try expr("a OR b AND c") == Expression(.logical(.or, col("A"), Expression(.logical(.and, col("B"), col("C"))))))
        #expect(try expr("NOT a AND b") == Expression(.logical(.and, Expression(.not(col("A"))), col("B"))))
        // `||` binds looser than `+`.
        let concat = try expr("a || b + c")
        guard case .functionCall(let name, let args, false) = concat.kind else { Issue.record("not a call"); return }
        #expect(name.value == "CONCAT")
        #expect(args.last == Expression(.arithmetic(.add, col("B"), col("C"))))
    }

    @Test func integerLiteralsPickTheirType() throws {
        #expect(try expr("2147483647").kind == .literal(.integer(Int32.max)))
        #expect(try expr("2147483648").kind == .literal(.bigint(2_147_483_648)))
        #expect(try expr("-9223372036854775808").kind == .literal(.bigint(Int64.min)))
        #expect(try expr("1.50").kind == .literal(.decimal(SQLDecimal(unscaled: 150, scale: 2))))
        #expect(try expr("1.5E0").kind == .literal(.double(1.5)))
        #expect(throws: EddyError.self) { try expr("9223372036854775808") }
    }

    @Test func minusBeforeANonLiteralIsUnary() throws {
        #expect(try expr("-a").kind == .unary(.minus, col("A")))
        #expect(try expr("a - 1").kind == .arithmetic(.subtract, col("A"), int(1)))
        #expect(try expr("-(1)").kind == .unary(.minus, int(1)))
    }

    @Test func negatedPredicatesWrapInNot() throws {
        #expect(try expr("a NOT IN (1)").kind == .not(Expression(.inList(col("A"), [int(1)]))))
        #expect(try expr("a IS NOT DISTINCT FROM b").kind == .not(Expression(.comparison(.isDistinctFrom, col("A"), col("B")))))
        #expect(try expr("a IS NOT NULL").kind == .isNull(col("A"), negated: true))
    }

    @Test func lambdaParametersBecomeLambdaVariables() throws {
        let e = try expr("TRANSFORM(arr, x => x + y)")
        guard case .functionCall(_, let args, _) = e.kind, case .lambda(let params, let body) = args[1].kind else {
            Issue.record("no lambda")
            return
        }
        #expect(params == [Identifier("X")])
        #expect(body.kind == .arithmetic(.add, Expression(.lambdaVariable(Identifier("X"))), col("Y")))
    }

    @Test func qualifiedColumnsAndDereference() throws {
        #expect(try expr("s.a->b").kind == .dereference(Expression(.column(qualifier: Identifier("S"), name: Identifier("A"))), field: Identifier("B")))
        #expect(try expr("`s`.`a`").kind == .column(qualifier: Identifier("s"), name: Identifier("a")))
    }

    @Test func expressionLocationsPointAtTheirStart() throws {
        let e = try expr("  a +\n b")
        guard case .arithmetic(_, let l, let r) = e.kind else { Issue.record("not arithmetic"); return }
        #expect(l.location.line == 1 && l.location.column == 3)
        #expect(r.location.line == 2 && r.location.column == 2)
        #expect(e.location.column == 5)
    }

    @Test func statementsKeepTheirTextAndLocation() throws {
        let script = "SHOW STREAMS;\n  SELECT * FROM s\n  EMIT CHANGES;  -- done\n"
        let parsed = try SQLParser.parse(script)
        #expect(parsed.count == 2)
        #expect(parsed[0].text == "SHOW STREAMS;")
        #expect(parsed[1].text == "SELECT * FROM s\n  EMIT CHANGES;")
        #expect(parsed[1].location.line == 2 && parsed[1].location.column == 3)
    }

    @Test func splitIgnoresSemicolonsInStringsAndComments() {
        let parts = SQLParser.split("SELECT ';' FROM s; -- x;\nSHOW TABLES; trailing")
        #expect(parts.map(\.text) == ["SELECT ';' FROM s;", "SHOW TABLES;", "trailing"])
    }

    @Test func typesResolveBuiltinsAndKeepCustomNames() throws {
        #expect(try SQLParser.parseType("ARRAY<MAP<VARCHAR, INT>>") == .builtin(.array(.map(key: .string, value: .int))))
        #expect(try SQLParser.parseType("STRUCT<a ADDRESS>") == .struct([TypeSyntax.Field("A", .custom("ADDRESS"))]))
        #expect(try SQLParser.parseType("STRUCT<a ADDRESS>").resolve { $0 == "ADDRESS" ? .string : nil } == .struct([SQLType.StructField("A", .string)]))
        #expect(try SQLParser.parseType("DECIMAL(10, 2)") == .builtin(.decimal(precision: 10, scale: 2)))
    }

    @Test func schemaStringsParse() throws {
        let elements = try SQLParser.parseTableElements("`K` STRING KEY, `V` INTEGER, `H` BYTES HEADER('h')")
        #expect(elements.map(\.name.value) == ["K", "V", "H"])
        #expect(elements.map(\.constraint) == [.key, .none, .header("h")])
    }

    @Test func propertiesAreOrderedAndCaseInsensitive() throws {
        let p = try SQLParser.parseStatement("CREATE STREAM s WITH (kafka_topic='t', 'Mixed.Case'=1, kafka_topic='u')")
        guard case .createSource(let c) = p.statement else { Issue.record("wrong statement"); return }
        #expect(c.properties.entries.map(\.name) == ["KAFKA_TOPIC", "Mixed.Case", "KAFKA_TOPIC"])
        #expect(c.properties.string("Kafka_Topic") == "u")
        #expect(c.properties["mixed.case"] == .integer(1))
        #expect(c.properties.duplicateKeys == ["KAFKA_TOPIC"])
    }

    @Test func errorsCarryLocationAndCaret() {
        do {
            _ = try SQLParser.parse("SELECT *\nFROM s WHERE;")
            Issue.record("should fail")
        } catch let e as EddyError {
            #expect(e.kind == .parse)
            #expect(e.location?.line == 2 && e.location?.column == 13)
            #expect(e.renderedWithCaret.hasSuffix("FROM s WHERE;\n            ^"))
        } catch {
            Issue.record("wrong error type")
        }
    }

    @Test func deepNestingIsRefusedNotCrashed() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(throws: EddyError.self) { try SQLParser.parseExpression(deep) }
        let deepNot = String(repeating: "NOT ", count: 5000) + "a"
        #expect(throws: EddyError.self) { try SQLParser.parseExpression(deepNot) }
        let deepType = String(repeating: "ARRAY<", count: 5000) + "INT" + String(repeating: ">", count: 5000)
        #expect(throws: EddyError.self) { try SQLParser.parseType(deepType) }
        let ok = String(repeating: "(", count: 150) + "1" + String(repeating: ")", count: 150)
        #expect((try? SQLParser.parseExpression(ok)) != nil)
    }

    @Test func longFlatChainsAreNotLimited() throws {
        let chain = (0..<5000).map { "a = \($0)" }.joined(separator: " OR ")
        _ = try SQLParser.parseExpression(chain)
    }
}
