import ArgumentParser
import EddyFunctions
import Foundation

/// `eddy docs functions`: writes the function reference generated from the registry, so
/// docs/functions.md never drifts from what DESCRIBE FUNCTION prints.
struct DocsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Generate reference documentation.", subcommands: [Functions.self])

    struct Functions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "functions", abstract: "Print (or write) the function reference in Markdown.")

        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() throws {
            let markdown = FunctionRegistry.builtin.markdownDocumentation()
            if let output {
                try markdown.write(toFile: output, atomically: true, encoding: .utf8)
            } else {
                print(markdown, terminator: "")
            }
        }
    }
}
