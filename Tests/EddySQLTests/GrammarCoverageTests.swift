import EddyCore
import Foundation
import Testing
@testable import EddySQL

/// Every production and every keyword/symbol named in grammar/eddy.ebnf is exercised by at least
/// one golden input, so the grammar and the parser cannot drift apart silently.
@Suite struct GrammarCoverageTests {
    static let grammarURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("grammar/eddy.ebnf")

    /// The grammar text without `(* … *)` comments.
    static func grammar() throws -> String {
        var text = try String(contentsOf: grammarURL, encoding: .utf8)
        while let open = text.range(of: "(*"), let close = text.range(of: "*)", range: open.upperBound..<text.endIndex) {
            text.removeSubrange(open.lowerBound..<close.upperBound)
        }
        return text
    }

    /// Names on the left of `=` at the start of a line.
    static func productions(_ grammar: String) -> Set<String> {
        var names = Set<String>()
        for line in grammar.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let first = line.first, first.isLetter else { continue }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            if name.allSatisfy({ $0.isLetter || $0.isNumber }) { names.insert(name) }
        }
        return names
    }

    /// Single-quoted terminals.
    static func terminals(_ grammar: String) -> Set<String> {
        var result = Set<String>()
        var rest = Substring(grammar)
        while let open = rest.firstIndex(of: "'") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "'") else { break }
            result.insert(String(after[..<close]))
            rest = after[after.index(after: close)...]
        }
        return result
    }

    static func goldenInputs() -> [(String, Bool)] {
        GoldenTests.inputFiles().flatMap { file in
            GoldenTests.cases(in: file).map { ($0, !file.lastPathComponent.hasPrefix("errors")) }
        }
    }

    @Test func everyProductionIsExercised() throws {
        let names = Self.productions(try Self.grammar())
        #expect(names.count > 60, "grammar parse found only \(names.count) productions")
        var covered: Set<String>? = []
        for (input, testMode) in Self.goldenInputs() {
            _ = try? SQLParser.parse(input, requireSemicolon: true, testStatements: testMode, coverage: &covered)
        }
        let missing = names.subtracting(covered ?? []).sorted()
        #expect(missing.isEmpty, "productions never exercised: \(missing)")
        let unknown = (covered ?? []).subtracting(names).sorted()
        #expect(unknown.isEmpty, "parser reports productions the grammar lacks: \(unknown)")
    }

    @Test func everyTerminalIsExercised() throws {
        let terminals = Self.terminals(try Self.grammar())
        var seen = Set<String>()
        for (input, _) in Self.goldenInputs() {
            for t in Lexer.tokenize(input) {
                switch t.kind {
                case .word, .symbol: seen.insert(t.text)
                case .variable: seen.insert("${")
                default: break
                }
            }
        }
        let missing = terminals.subtracting(seen).sorted()
        #expect(missing.isEmpty, "terminals never used by a golden input: \(missing)")
    }

    /// The keyword lists in the grammar and in the lexer agree.
    @Test func nonReservedListMatchesLexer() throws {
        let grammar = try Self.grammar()
        guard let start = grammar.range(of: "nonReserved       ="),
              let end = grammar.range(of: ";", range: start.upperBound..<grammar.endIndex) else {
            Issue.record("nonReserved production not found")
            return
        }
        let listed = Self.terminals(String(grammar[start.upperBound..<end.lowerBound]))
        #expect(listed == Keywords.nonReserved)
    }
}
