import ArgumentParser
import Dispatch
import EddyFormats
import EddyKafkaRuntime
import Foundation
import Logging

/// `eddy bench`: throughput on the embedded broker, against the raw librdkafka floor.
/// A benchmark, not a test: build in release (`swift build -c release --product eddy`) to measure.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Kafka-to-Kafka throughput on the embedded broker: raw floor, CSAS, windowed COUNT.")

    @Option(help: "TPC-C order rows to produce.") var messages = 1_000_000
    @Option(help: "Partitions of the source topic (the mock keeps ~5 MiB each).") var partitions: Int32 = 12
    @Option(name: .customLong("value-format"), help: "JSON (AVRO once it is registered).") var valueFormat = "JSON"
    @Option(name: .customLong("avro-codec"), help: "AVRO codec: swift or avroc.") var avroCodec = AvroCodec.default.rawValue
    @Option(help: "Phases to run, from a (raw floor), b (CSAS) and c (windowed COUNT).") var phases = "abc"
    @Option(name: .customLong("stream-threads"), help: "ksql.streams.num.stream.threads for the queries ((c) runs its upstream half on each).")
    var streamThreads = 1
    @Option(help: "Passes over the phases, interleaved, summarized by their medians.") var rounds = 1
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.") var logLevel = "warning"
    @Option(name: .customLong("kafka-debug"), help: "librdkafka debug contexts for the queries' consumers (e.g. cgrp,consumer); shown with --log-level debug.")
    var kafkaDebug: String?

    func run() throws {
        bootstrapLogging(level: logLevel, fallback: .warning)
        var options = Benchmark.Options()
        options.messages = messages
        options.partitions = partitions
        options.valueFormat = valueFormat.uppercased()
        options.phases = Set(phases.lowercased())
        options.streamThreads = max(1, streamThreads)
        options.kafkaDebug = kafkaDebug
        options.rounds = max(1, rounds)
        guard !options.phases.isEmpty, options.phases.isSubset(of: ["a", "b", "c"]) else {
            throw ValidationError("--phases takes letters from abc")
        }
        do { options.avroCodec = try AvroCodec(name: avroCodec) } catch { throw ValidationError("\(error)") }
        #if DEBUG
        printLine("note: a debug build; measure with `swift build -c release --product eddy`")
        #endif
        let bench = try Benchmark(options: options, logger: Logger(label: "eddy.bench"), report: { printLine($0) })
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        // The main thread waits; the benchmark's own blocking work runs on dedicated threads.
        Task {
            do { _ = try await bench.run() } catch { outcome.set("\(error)") }
            done.signal()
        }
        done.wait()
        if let failure = outcome.failure {
            FileHandle.standardError.write(Data("bench failed: \(failure)\n".utf8))
            Foundation.exit(1)
        }
        // While `bench` (and its broker) is still alive: see `Benchmark.cluster`.
        withExtendedLifetime(bench) { Foundation.exit(0) }
    }
}

private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    func set(_ text: String) { lock.withLock { message = text } }
    var failure: String? { lock.withLock { message } }
}
