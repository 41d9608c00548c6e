import ArgumentParser
import EddyCore
import EddyEngine
import EddyFormats
import EddyTesting
import Foundation

@main
struct Eddy: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eddy",
        abstract: "Eddy: streaming SQL over Kafka, in ksqlDB's dialect.",
        subcommands: [RunCommand.self, TestCommand.self, ServerCommand.self, BenchCommand.self, BenchInMemoryCommand.self, BenchAvroCommand.self, DocsCommand.self])
}

/// `eddy test`: runs ksqlDB conformance (QTT) files.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "test", abstract: "Run QTT conformance files or directories.")

    @Argument(help: "QTT .json files, --@test .sql files, or directories (searched recursively; a directory with statements.sql, input.json and output.json is one ksql-test-runner case).")
    var paths: [String] = []
    @Option(name: [.customShort("s"), .long], help: "ksql-test-runner statements file (with --input and --output).") var statements: String?
    @Option(name: [.customShort("i"), .long], help: "ksql-test-runner input records file.") var input: String?
    @Option(name: [.customShort("o"), .long], help: "ksql-test-runner expected output file.") var output: String?
    @Option(help: "Only cases whose name or file contains this text.") var filter: String?
    @Option(help: "Write a JSON report to this file.") var report: String?
    @Flag(help: "Print the pass rate per file.") var summary = false
    @Flag(help: "Print only failures (and the totals).") var quiet = false
    @Option(help: "AVRO codec: swift or avroc (default: $EDDY_AVRO_CODEC, else swift).") var avroCodec: String?

    func validate() throws {
        let triple = [statements, input, output].compactMap { $0 }.count
        if triple != 0 && triple != 3 {
            throw ValidationError("--statements, --input and --output go together.")
        }
        if triple == 0 && paths.isEmpty { throw ValidationError("Give test files or directories, or --statements/--input/--output.") }
    }

    func run() throws {
        var suite = ConformanceSuite(filter: filter)
        if let name = avroCodec ?? ProcessInfo.processInfo.environment[AvroCodec.environmentVariable] {
            do { suite.runner.avroCodec = try AvroCodec(name: name) } catch { throw ValidationError("\(error)") }
        }
        let report: (CaseOutcome) -> Void = { o in
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
        var outcomes = suite.run(paths: paths, onCase: report)
        if let statements, let input, let output {
            let c = try TripleLoader.load(statements: statements, input: input, output: output,
                                          name: (statements as NSString).lastPathComponent)
            let o = suite.runner.run(c)
            report(o)
            outcomes.append(o)
        }
        if let report = self.report {
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
