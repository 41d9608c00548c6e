import ArgumentParser
import EddyCore
import EddyEngine
import EddyTesting
import Foundation

@main
struct Eddy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eddy",
        abstract: "Eddy: streaming SQL over Kafka, in ksqlDB's dialect.",
        subcommands: [RunCommand.self, TestCommand.self, DocsCommand.self])
}

/// `eddy test`: runs ksqlDB conformance (QTT) files.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run QTT conformance files or directories.")

    @Argument(help: "QTT .json files or directories.") var paths: [String]
    @Option(help: "Only cases whose name or file contains this text.") var filter: String?
    @Option(help: "Write a JSON report to this file.") var report: String?
    @Flag(help: "Print the pass rate per file.") var summary = false
    @Flag(help: "Print only failures (and the totals).") var quiet = false

    func run() throws {
        let suite = ConformanceSuite(filter: filter)
        let outcomes = suite.run(paths: paths) { o in
            switch o.status {
            case .pass: if !quiet && !summary { print("PASS \(o.file) :: \(o.name)") }
            case .skip: if !quiet && !summary { print("SKIP \(o.file) :: \(o.name) (\(o.message))") }
            case .fail:
                if !summary {
                    print("FAIL \(o.file) :: \(o.name)")
                    print(o.message.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
                }
            }
        }
        if let report {
            let url = URL(fileURLWithPath: report)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ConformanceSuite.report(outcomes).write(to: url)
        }
        if summary { print(ConformanceSuite.perFileSummary(outcomes)) }
        let passed = outcomes.filter { $0.status == .pass }.count
        let failed = outcomes.filter { $0.status == .fail }.count
        let skipped = outcomes.filter { $0.status == .skip }.count
        print("\(passed) passed, \(failed) failed, \(skipped) skipped")
        if failed > 0 { throw ExitCode(1) }
    }
}

/// `eddy run FILE.sql`: executes a script on the in-memory engine and prints query output.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Execute a .sql script.")

    @Argument(help: "The script to run.") var file: String

    func run() throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let runner = ScriptRunner()
        do {
            try runner.run(text) { print($0) }
        } catch let error as EddyError {
            FileHandle.standardError.write(Data((error.renderedWithCaret + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
