import EddyCore

/// Which implementation turns Avro binary into `Value`s and back. Both run the same read and
/// write plans (`AvroReadPlan`, `AvroWritePlan`), so ksqlDB's coercions, field matching and
/// messages are shared; only the binary layer differs. See docs/design/avro.md for the figures
/// behind the default.
public enum AvroCodec: String, Sendable, CaseIterable {
    /// Eddy's own binary reader and writer over the message buffer.
    case swift
    /// Apache Avro C (libavro): generic values read from and written to memory buffers.
    case avroc

    /// The configuration property that selects the codec (`swift` or `avroc`).
    public static let property = "eddy.avro.codec"
    /// The environment variable the CLI reads when the property is not set.
    public static let environmentVariable = "EDDY_AVRO_CODEC"
    public static let `default`: AvroCodec = .swift

    /// The codec named by `properties[property]`; unknown names are an error, so a typo does not
    /// silently benchmark the wrong codec.
    public init(properties: [String: String]) throws {
        guard let raw = properties[Self.property] else {
            self = .default
            return
        }
        try self.init(name: raw)
    }

    public init(name: String) throws {
        let trimmed = name.trimmingCharacters(in: " ").lowercased()
        guard let codec = AvroCodec(rawValue: trimmed) else {
            throw AvroCodecNameError(name: name)
        }
        self = codec
    }
}

public struct AvroCodecNameError: Error, CustomStringConvertible {
    public var name: String
    public var description: String {
        "Invalid value '\(name)' for \(AvroCodec.property): expected one of \(AvroCodec.allCases.map(\.rawValue).joined(separator: ", "))"
    }
}
