import EddyCore
import Foundation
import Testing
@testable import EddySQL

/// Deterministic mutation fuzzing over conformance statements: the parser must never trap, must
/// only throw `EddyError`, and whatever it accepts must survive a format/reparse round trip.
@Suite struct FuzzTests {
    static func seeds() -> [String] {
        let corpus = ConformanceCorpus.load().map(\.text)
        if !corpus.isEmpty {
            // Every 7th case keeps the run within a few seconds on a shared machine.
            return stride(from: 0, to: corpus.count, by: 7).map { corpus[$0] }
        }
        return GoldenTests.inputFiles().flatMap { GoldenTests.cases(in: $0) }
    }

    /// Token spans of `text` (UTF-8 offsets).
    static func spans(_ text: String) -> [Range<Int>] {
        Lexer.tokenize(text).dropLast().map { $0.location.offset..<$0.end }
    }

    static func mutations(of text: String, random: inout SplitMix64) -> [String] {
        let bytes = Array(text.utf8)
        let spans = Self.spans(text)
        guard !spans.isEmpty else { return [] }
        func string(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
        var out: [String] = []
        // Truncate after every token.
        for s in spans { out.append(string(Array(bytes[..<s.upperBound]))) }
        for _ in 0..<6 {
            let i = random.below(spans.count)
            let s = spans[i]
            // Drop a token.
            out.append(string(Array(bytes[..<s.lowerBound]) + Array(bytes[s.upperBound...])))
            // Duplicate it.
            out.append(string(Array(bytes[..<s.upperBound]) + [0x20] + Array(bytes[s])))
            // Swap with the next token.
            if i + 1 < spans.count {
                let t = spans[i + 1]
                out.append(string(Array(bytes[..<s.lowerBound]) + Array(bytes[t]) + Array(bytes[s.upperBound..<t.lowerBound])
                    + Array(bytes[s]) + Array(bytes[t.upperBound...])))
            }
            // Overwrite a random byte with a random printable or control byte.
            var b = bytes
            b[random.below(b.count)] = UInt8(truncatingIfNeeded: random.below(128))
            out.append(string(b))
            // Insert a random punctuation token.
            let junk = ["(", ")", "[", "]", ",", "'", "`", "\"", "->", "=>", ":=", "-", "NOT", "AS", "${x}", "/*", "*/", ";"]
            let insertAt = spans[random.below(spans.count)].lowerBound
            out.append(string(Array(bytes[..<insertAt]) + Array(junk[random.below(junk.count)].utf8) + [0x20] + Array(bytes[insertAt...])))
        }
        return out
    }

    @Test func mutatedStatementsNeverCrash() throws {
        var random = SplitMix64(state: 0xEDD1)
        var accepted = 0
        var rejected = 0
        var problems: [String] = []
        for seed in Self.seeds() {
            for text in Self.mutations(of: seed, random: &random) {
                do {
                    let parsed = try SQLParser.parse(text, testStatements: true)
                    accepted += 1
                    for p in parsed {
                        let formatted = SQLFormatter.formatStatement(p.statement)
                        guard let again = try? SQLParser.parse(formatted, testStatements: true),
                              again.map(\.statement) == [p.statement] else {
                            problems.append("round trip: \(text)\n  -> \(formatted)")
                            continue
                        }
                    }
                } catch let e as EddyError {
                    rejected += 1
                    if e.location == nil { problems.append("no location: \(e.message) for \(text)") }
                } catch {
                    problems.append("non-EddyError \(error) for \(text)")
                }
                if problems.count > 20 { break }
            }
        }
        for p in problems.prefix(20) { print(p) }
        #expect(problems.isEmpty)
        #expect(accepted + rejected > 1000)
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(state: 42)
        for _ in 0..<3000 {
            let length = random.below(60)
            var bytes: [UInt8] = []
            for _ in 0..<length { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
            let text = String(decoding: bytes, as: UTF8.self)
            do { _ = try SQLParser.parse(text, testStatements: true) } catch is EddyError {} catch {
                Issue.record("non-EddyError for \(bytes)")
            }
            _ = try? VariableSubstitution.substitute(text, variables: ["x": "1"])
            _ = SQLParser.split(text)
        }
    }
}
