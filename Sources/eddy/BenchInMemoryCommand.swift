import ArgumentParser
import EddyEngine
import EddyKafkaRuntime

/// `eddy bench-inmemory`: engine throughput from the in-memory broker (use a release build for
/// real numbers; it also runs under `valgrind --tool=callgrind`).
struct BenchInMemoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-inmemory",
                                                    abstract: "Measure query throughput from the in-memory source.")

    @Option(help: "Number of input records.") var records = 200_000
    @Option(help: "Number of distinct keys (windowed query only).") var keys = 1000
    @Flag(help: "Do not write state changelogs (windowed query only).") var noChangelog = false
    @Option(help: "cache.max.bytes.buffering for csas/count (0: every update is output; eddy bench on Kafka uses 10000000).")
    var cacheBytes = 0
    @Option(help: "windowed (small records, 1 s windows, many keys), or eddy bench's csas or count over TPC-C orders.")
    var query = "windowed"

    func run() throws {
        if let q = InMemoryBenchmark.Query(rawValue: query) {
            print(try InMemoryBenchmark.run(q, records: records, cacheBytes: cacheBytes))
        } else {
            print(try WindowedCountBenchmark.run(records: records, keys: keys, changelog: !noChangelog))
        }
    }
}
