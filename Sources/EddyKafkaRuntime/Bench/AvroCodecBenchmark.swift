import EddyCore
import EddyFormats
import EddySchemaRegistry

/// `eddy bench-avro`: encodes and decodes TPC-C order rows (the 8 value columns `eddy bench`
/// produces) with each AVRO codec, through the same serdes queries use (Confluent framing,
/// registry lookups by id, ksqlDB's coercions). Not a test: it measures; it only checks that
/// both codecs agree on the bytes and the rows, so a figure never comes from a broken codec.
public enum AvroCodecBenchmark {
    public struct Result: Sendable, CustomStringConvertible {
        public var codec: AvroCodec
        public var records: Int
        public var encodeSeconds: Double
        public var decodeSeconds: Double
        public var encodedBytes: Int

        public var encodePerSecond: Double { Double(records) / max(encodeSeconds, 1e-9) }
        public var decodePerSecond: Double { Double(records) / max(decodeSeconds, 1e-9) }
        public var description: String {
            "\(codec.rawValue.padding(5)): encode \(Int(encodePerSecond)) records/s, decode \(Int(decodePerSecond)) records/s"
                + " (\(records) records, \(encodedBytes / max(records, 1)) bytes each)"
        }
    }

    /// Rows are drawn from a pool that is cycled, so the data set stays small and cache-resident,
    /// which measures the codec rather than memory bandwidth.
    public static func run(records: Int, codecs: [AvroCodec] = AvroCodec.allCases, pool: Int = 4096) throws -> [Result] {
        var orders = TPCCOrders()
        let base: Int64 = 1_700_000_000_000
        let rows = (0..<pool).map { orders.next(at: base + Int64($0) * 7).value }
        var results: [Result] = []
        var reference: (bytes: [[UInt8]], rows: [[Value]])?
        for codec in codecs {
            let registry = InMemorySchemaRegistry.withFormatSupport()
            let format = AvroFormat(registry: registry, codec: codec)
            let context = SerdeContext(info: FormatInfo("AVRO"), isKey: false, topic: "bench_orders")
            var serializer = try format.makeSerializer(columns: TPCCOrders.valueColumns, context: context)
            var deserializer = try format.makeDeserializer(columns: TPCCOrders.valueColumns, context: context)

            var buffer: [UInt8] = []
            var encodedBytes = 0
            let encodeStart = ContinuousClock.now
            for i in 0..<records {
                _ = try serializer.serialize(rows[i % pool][...], into: &buffer)
                encodedBytes &+= buffer.count
            }
            let encodeSeconds = seconds(since: encodeStart)

            var messages: [[UInt8]] = []
            for row in rows {
                _ = try serializer.serialize(row[...], into: &buffer)
                messages.append(buffer)
            }
            var row: [Value] = []
            row.reserveCapacity(TPCCOrders.valueColumns.count)
            var checksum = 0
            let decodeStart = ContinuousClock.now
            for i in 0..<records {
                row.removeAll(keepingCapacity: true)
                _ = try messages[i % pool].withUnsafeBytes { try deserializer.deserialize($0, into: &row) }
                checksum &+= row.count
            }
            let decodeSeconds = seconds(since: decodeStart)
            guard checksum == records * TPCCOrders.valueColumns.count else {
                throw EddyError(.execution, "bench-avro: \(codec.rawValue) decoded \(checksum) values")
            }

            var decoded: [[Value]] = []
            for m in messages {
                row.removeAll(keepingCapacity: true)
                _ = try m.withUnsafeBytes { try deserializer.deserialize($0, into: &row) }
                decoded.append(row)
            }
            if let reference {
                guard reference.bytes == messages else {
                    throw EddyError(.execution, "bench-avro: \(codec.rawValue) encodes differently from \(codecs[0].rawValue)")
                }
                guard reference.rows == decoded else {
                    throw EddyError(.execution, "bench-avro: \(codec.rawValue) decodes differently from \(codecs[0].rawValue)")
                }
            } else {
                guard decoded == rows else { throw EddyError(.execution, "bench-avro: \(codec.rawValue) does not round-trip") }
                reference = (messages, decoded)
            }
            results.append(Result(codec: codec, records: records, encodeSeconds: encodeSeconds,
                                  decodeSeconds: decodeSeconds, encodedBytes: encodedBytes))
        }
        return results
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}

private extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
