import ArgumentParser
import EddyFormats
import EddyKafkaRuntime

/// `eddy bench-avro`: records/s of each AVRO codec encoding and decoding TPC-C orders (use a
/// release build for real numbers; it also runs under `valgrind --tool=callgrind`).
struct BenchAvroCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-avro",
                                                    abstract: "Compare the Swift and Avro C codecs on TPC-C order rows.")

    @Option(help: "Records to encode and to decode with each codec.") var records = 1_000_000
    @Option(help: "Only this codec: swift or avroc (default: both).") var codec: String?

    func run() throws {
        var codecs = AvroCodec.allCases
        if let codec {
            do { codecs = [try AvroCodec(name: codec)] } catch { throw ValidationError("\(error)") }
        }
        for result in try AvroCodecBenchmark.run(records: records, codecs: codecs) { print(result) }
    }
}
