import ArgumentParser
import EddyEngine

/// `eddy bench-inmemory`: windowed COUNT throughput on the in-memory broker (use a release build
/// for real numbers).
struct BenchInMemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-inmemory",
                                                    abstract: "Measure windowed COUNT throughput from the in-memory source.")

    @Option(help: "Number of input records.") var records = 200_000
    @Option(help: "Number of distinct keys.") var keys = 1000
    @Flag(help: "Do not write state changelogs.") var noChangelog = false

    func run() throws {
        print(try WindowedCountBenchmark.run(records: records, keys: keys, changelog: !noChangelog))
    }
}
