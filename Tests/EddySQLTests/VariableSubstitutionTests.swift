import EddyCore
import Testing
@testable import EddySQL

@Suite struct VariableSubstitutionTests {
    @Test func replacesTokensAndStringContents() throws {
        let out = try VariableSubstitution.substitute(
            "CREATE STREAM ${name} WITH (kafka_topic='${topic}-v1', partitions=${n}) -- ${ignored}",
            variables: ["name": "S1", "topic": "it's", "n": "3"])
        #expect(out == "CREATE STREAM S1 WITH (kafka_topic='it''s-v1', partitions=3) -- ${ignored}")
    }

    @Test func undefinedTokenVariableFails() {
        do {
            _ = try VariableSubstitution.substitute("SELECT * FROM ${missing};", variables: [:])
            Issue.record("should fail")
        } catch let e as EddyError {
            #expect(e.kind == .parse)
            #expect(e.message.contains("Illegal argument at Line: 1, Col: 15"))
            #expect(e.location?.column == 15)
        } catch {
            Issue.record("wrong error")
        }
    }

    @Test func undefinedInsideStringIsKept() throws {
        #expect(try VariableSubstitution.substitute("SELECT '${x}' FROM s;", variables: [:]) == "SELECT '${x}' FROM s;")
    }

    @Test func valuesThatAreNotOneTokenAreRejected() {
        #expect(throws: EddyError.self) {
            try VariableSubstitution.substitute("SELECT * FROM ${v};", variables: ["v": "s; DROP STREAM x"])
        }
        #expect(throws: EddyError.self) {
            try VariableSubstitution.substitute("SELECT * FROM ${v};", variables: ["v": "@bad"])
        }
    }

    @Test func acceptedValueShapes() throws {
        for v in ["abc", "`Quoted Name`", "'a string'", "true", "-12", "1.5", "1E3"] {
            _ = try VariableSubstitution.substitute("SELECT ${v} FROM s;", variables: ["v": v])
        }
    }

    @Test func referencesAreListed() {
        #expect(VariableSubstitution.references(in: "SELECT ${a}, '${b}' FROM s") == ["a", "b"])
    }
}
