import EddyCore
import Foundation
import Testing
@testable import EddySQL

/// Parser golden files: `Golden/*.sql` hold cases separated by lines of `----`; `Golden/*.golden`
/// hold, for each case, the input and either the formatted statements or the error with its caret.
/// Run with `RECORD_GOLDEN=1` to rewrite the expectations after an intended change.
/// `errors*.sql` files are parsed as ordinary scripts; the others also accept test-runner statements.
@Suite struct GoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func inputFiles() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted().map { directory.appendingPathComponent($0) }
    }

    static func cases(in file: URL) -> [String] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        var cases: [String] = []
        var current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "----" {
                cases.append(current.joined(separator: "\n"))
                current = []
            } else {
                current.append(line)
            }
        }
        let last = current.joined(separator: "\n")
        if !last.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { cases.append(last) }
        return cases
    }

    /// The expected text for one case: formatted statements, or the error rendered with a caret.
    static func render(_ input: String, testStatements: Bool) -> String {
        do {
            let parsed = try SQLParser.parse(input, testStatements: testStatements)
            return parsed.map { SQLFormatter.formatStatement($0.statement) }.joined(separator: "\n")
        } catch let e as EddyError {
            return "ERROR (\(e.kind.rawValue)): " + e.renderedWithCaret
        } catch {
            return "UNEXPECTED: \(error)"
        }
    }

    static func renderFile(_ file: URL) -> String {
        let strict = file.lastPathComponent.hasPrefix("errors")
        return cases(in: file).map { input in
            "==== input\n\(input)\n==== output\n\(render(input, testStatements: !strict))\n"
        }.joined(separator: "\n")
    }

    @Test(arguments: GoldenTests.inputFiles())
    func golden(_ file: URL) throws {
        let actual = Self.renderFile(file)
        let goldenURL = file.deletingPathExtension().appendingPathExtension("golden")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try actual.write(to: goldenURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try? String(contentsOf: goldenURL, encoding: .utf8)
        #expect(expected != nil, "missing \(goldenURL.lastPathComponent); run with RECORD_GOLDEN=1")
        if let expected, expected != actual {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record("\(file.lastPathComponent) differs at line \(firstDiff + 1):\n expected: \(firstDiff < e.count ? String(e[firstDiff]) : "<end>")\n   actual: \(firstDiff < a.count ? String(a[firstDiff]) : "<end>")")
        }
    }

    /// Every successful golden case reparses from its formatted form to the same tree.
    @Test(arguments: GoldenTests.inputFiles())
    func roundTrip(_ file: URL) throws {
        for input in Self.cases(in: file) {
            guard let parsed = try? SQLParser.parse(input, testStatements: true) else { continue }
            for p in parsed {
                let formatted = SQLFormatter.formatStatement(p.statement)
                let again = try SQLParser.parse(formatted, testStatements: true)
                #expect(again.map(\.statement) == [p.statement], "\(formatted)")
            }
        }
    }
}
