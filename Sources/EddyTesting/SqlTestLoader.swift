import EddyCore
import Foundation

/// Reads ksqlDB's SQL test files (`run-ksql-test`): each `--@test: name` header starts a case that
/// runs the statements up to the next header; `--@expected.error:` and `--@expected.message:`
/// lines make the case expect a failure, and `--@disabled` skips it.
public enum SqlTestLoader {
    public static func load(path: String) throws -> [ConformanceCase] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return parse(text, file: (path as NSString).lastPathComponent)
    }

    public static func parse(_ text: String, file: String) -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        var current: ConformanceCase?
        var lines: [Substring] = []
        func finish() {
            guard var c = current else { return }
            c.script = lines.joined(separator: "\n")
            cases.append(c)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if let name = directive(trimmed, "test") {
                finish()
                current = ConformanceCase(file: file, name: name, statements: [], properties: [:], topics: [],
                                          inputs: [], outputs: [], expectedError: nil, postSources: [], skipReason: nil)
                lines = []
            } else if let type = directive(trimmed, "expected.error") {
                let message = current?.expectedError?.message
                current?.expectedError = .init(type: type, message: message)
            } else if let message = directive(trimmed, "expected.message") {
                let type = current?.expectedError?.type ?? ""
                current?.expectedError = .init(type: type, message: message)
            } else if directive(trimmed, "disabled") != nil || trimmed == "--@disabled" {
                current?.skipReason = "disabled"
            }
            // Every line stays in the script (directives are comments), so positions in error
            // messages match the file's lines relative to the case.
            lines.append(line)
        }
        finish()
        return cases
    }

    static func directive(_ line: Substring, _ name: String) -> String? {
        let prefix = "--@\(name):"
        guard line.hasPrefix(prefix) else { return nil }
        return String(line.dropFirst(prefix.count).drop { $0 == " " }).trimmingCharacters(in: .whitespaces)
    }
}
