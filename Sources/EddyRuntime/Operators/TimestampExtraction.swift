import EddyCore

/// Header columns: all headers as ARRAY<STRUCT<KEY STRING, VALUE BYTES>>, or one header's bytes.
enum HeaderColumns {
    static let names = ["KEY", "VALUE"]

    static func value(_ headers: [RecordHeader], key: String?) -> Value {
        guard let key else {
            return .array(headers.map { h in
                .struct(StructValue(names: names, values: [.string(h.key), h.value.map { .bytes($0) } ?? .null]))
            })
        }
        guard let h = headers.last(where: { $0.key == key }), let v = h.value else { return .null }
        return .bytes(v)
    }
}

/// Record time from a column: BIGINT millis, TIMESTAMP, or a STRING parsed with the source's
/// `timestamp_format` (a Java pattern, compiled once per task; zone UTC unless the text has one).
public struct TimestampExtraction: Sendable {
    private let pattern: DateTimePattern?

    /// Throws ksqlDB's error for an invalid pattern.
    public init(format: String?) throws {
        guard let format else { pattern = nil; return }
        do {
            pattern = try DateTimePattern(format)
        } catch {
            throw EddyError(.execution, "Invalid timestamp format: \(format)\n\(error.eddyMessage)")
        }
    }

    public func millis(_ value: Value) -> Int64? {
        switch value {
        case .bigint(let v): return v
        case .int(let v): return Int64(v)
        case .timestamp(let v): return v
        case .string(let s):
            guard let pattern else { return try? TemporalText.parseTimestamp(s) }
            guard let parsed = try? pattern.parse(s), let local = parsed.localDateTime() else { return nil }
            let offset = parsed.offsetSeconds ?? parsed.zone?.offset(forLocal: local) ?? 0
            return local.epochMillis(offsetSeconds: offset)
        default: return nil
        }
    }
}
