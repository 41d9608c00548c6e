import EddyCore
import Foundation
import Testing
@testable import EddyFunctions

/// DESCRIBE FUNCTION / SHOW FUNCTIONS output, in ksqlDB's CLI shape.
@Suite struct DescribeFunctionTests {
    let reg = FunctionRegistry.builtin

    @Test func describeFollowsKsqlLayout() throws {
        let text = try reg.describe("lpad").cliText
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Name        : LPAD")
        #expect(lines[1] == "Author      : Confluent")
        #expect(lines[2].hasPrefix("Overview    : Pads the input string"))
        #expect(lines.contains("Type        : SCALAR"))
        #expect(lines.contains("Jar         : internal"))
        #expect(lines.contains("\tVariation   : LPAD(input VARCHAR, length INT, padding VARCHAR)"))
        #expect(lines.contains("\tReturns     : VARCHAR"))
        #expect(text.contains("Returns NULL if any argument is NULL."))
    }

    @Test func variadicArgumentsPrintAsArrays() throws {
        let d = try reg.describe("GREATEST")
        #expect(d.signature(of: d.variations[0]) == "GREATEST(val INT, vals INT[])")
        let topk = try reg.describe("topk")
        #expect(topk.kind == .aggregate && topk.cliText.contains("Type        : AGGREGATE"))
        #expect(try reg.describe("explode").kind == .table)
        #expect(throws: EddyError.self) { try reg.describe("no_such_function") }
    }

    @Test func everyFunctionHasADescriptionBlock() throws {
        for f in reg.allFunctions {
            let text = f.cliText
            #expect(text.contains("Variation   : \(f.name)("), "\(f.name)")
            #expect(!f.description.isEmpty, "\(f.name)")
        }
    }

    @Test func showFunctionsGroupsByCategory() {
        let rows = reg.functionListingRows
        #expect(rows.first == ["ATTR", "AGGREGATE"])
        // Categories are contiguous and separated by one blank row.
        var seen: Set<String> = []
        var previous = ""
        for row in rows where row[0] != " " {
            if row[1] != previous {
                #expect(!seen.contains(row[1]), "category \(row[1]) split")
                seen.insert(row[1])
                previous = row[1]
            }
        }
        #expect(rows.filter { $0[0] == " " }.count == seen.count - 1)
    }

    @Test func variadicAggregatesSplitColumnsFromLiterals() throws {
        // A middle variadic column parameter: VAR(BIGINT, STRING..., INT literal).
        let def = AggregateDefinition(name: "VAR_TEST", description: "test", signatures: [
            AggregateSignature([.bigint, .string], literals: [.int], returns: .bigint, variadicAt: 1) { types, literals in
                #expect(literals == [.int(7)])
                return AggregateImplementation(
                    returnType: .bigint, intermediateType: .bigint, initialize: { .bigint(Int64(types.count)) },
                    aggregate: { _, _ in }, undo: nil, merge: { a, _ in a })
            },
        ])
        let registry = reg.adding(aggregates: [def])
        let three = try registry.resolveAggregate(
            name: "var_test", argumentTypes: [.type(.bigint), .type(.string), .type(.string), .type(.int)],
            literalArguments: [nil, nil, nil, .int(7)])
        #expect(three.argumentTypes == [.bigint, .string, .string])
        let none = try registry.resolveAggregate(name: "VAR_TEST", argumentTypes: [.type(.bigint), .type(.int)],
                                                 literalArguments: [nil, .int(7)])
        #expect(none.argumentTypes == [.bigint])
        #expect(throws: EddyError.self) {
            _ = try registry.resolveAggregate(name: "VAR_TEST", argumentTypes: [.type(.string), .type(.int)],
                                              literalArguments: [nil, .int(7)])
        }
    }
}

extension DescribeFunctionTests {
    /// ksqlDB's approved CLI output wraps long descriptions at 80 columns under the value column.
    @Test func longDescriptionsWrapLikeKsqlCli() {
        let d = FunctionDescription(
            name: "FOO", kind: .scalar, category: "OTHER",
            description: String(repeating: "very, ", count: 20) + "long",
            variations: [.init(arguments: [.init(name: "arg1", type: "INT", isVariadic: true)], returnType: "BIGINT",
                               description: "", nullPolicy: .custom)])
        let lines = d.cliText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[2] == "Overview    : " + String(repeating: "very, ", count: 11))
        #expect(lines[3] == String(repeating: " ", count: 14) + String(repeating: "very, ", count: 9) + "long")
        #expect(lines.contains("\tVariation   : FOO(arg1 INT[])"))
        #expect(!d.cliText.contains("Description"))
        #expect(lines.allSatisfy { $0.replacingOccurrences(of: "\t", with: "  ").count <= 80 })
    }
}
