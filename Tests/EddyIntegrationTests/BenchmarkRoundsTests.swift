@testable import EddyKafkaRuntime
import Logging
import Synchronization
import Testing

/// `eddy bench --rounds`: every round must measure all N records again (its queries and floor
/// reading the source from the start, not from an earlier round's committed offsets), and the
/// summary takes medians. Counts only: figures belong in `eddy bench`, never in tests.
@Suite struct BenchmarkRoundsTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(Benchmark.median([]) == nil)
        #expect(Benchmark.median([3, 1, 2]) == 2)
        #expect(Benchmark.median([4, 1, 3, 2]) == 2.5)
    }

    @Test func everyRoundProcessesEveryRecord() async throws {
        var options = Benchmark.Options()
        options.messages = 2_000
        options.partitions = 2
        options.phases = ["a", "b"]
        options.rounds = 2
        options.timeout = .seconds(120)
        let lines = LineCollector()
        let bench = try Benchmark(options: options, logger: Logger(label: "test.bench"), report: { lines.append($0) })
        let phases = try await bench.run()
        // The produce phase, then (a) and (b) twice.
        #expect(phases.map(\.name.first) == ["p", "(", "(", "(", "("])
        #expect(phases.dropFirst().allSatisfy { $0.messages == 2_000 })
        let summary = try #require(lines.all.last)
        #expect(summary.hasPrefix("median of 2 rounds: (a) "))
        #expect(summary.contains("ratio (b)/(a) "))
        withExtendedLifetime(bench) {}
    }
}

private final class LineCollector: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
