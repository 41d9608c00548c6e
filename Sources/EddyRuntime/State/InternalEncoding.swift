import EddyCore

/// The version marker at the front of every record Eddy writes to its internal topics
/// (changelog keys and values, repartition values): one byte, the high bit set and the version
/// in the low seven bits. It costs one byte per record and one comparison per read, and lets an
/// upgraded Eddy recognise what an older one left in a changelog or repartition topic.
///
/// Records written before the marker existed (version 0) still read: their first byte is the
/// top byte of a big-endian count or timestamp (0x00, or 0xFF for a negative time), or a
/// repartition flag set (0…7), none of which is a marker of a version in use.
public enum InternalEncoding {
    public static let currentVersion: UInt8 = 1
    static let marker: UInt8 = 0x80 | currentVersion

    /// Partial aggregates a combiner writes to a GroupBy repartition topic (`PartialAggregate`):
    /// bit 6 set on top of the version marker. An older Eddy reads it as an unknown newer version
    /// and logs the record rather than mistaking it for a row.
    static let partialAggregateMarker: UInt8 = 0xC0 | currentVersion

    static func writeMarker(_ out: inout [UInt8]) { out.append(marker) }

    /// Whether a repartition value is a partial aggregate rather than a row change.
    @inline(__always)
    static func isPartialAggregate(_ value: [UInt8]?) -> Bool { value?.first == partialAggregateMarker }

    /// Reads the marker if there is one; returns the version (0 for unmarked, older records).
    /// Throws for a version newer than this build, rather than misreading its layout.
    static func readVersion(_ reader: inout ValueCodec.Reader, what: String) throws -> UInt8 {
        guard reader.offset < reader.bytes.count else { throw EddyError(.execution, "Truncated \(what) record") }
        let first = reader.bytes[reader.offset]
        if first == 0xFF || first & 0x80 == 0 { return 0 }
        reader.offset += 1
        let version = first & 0x7F
        guard version <= currentVersion else {
            throw EddyError(.execution, "The \(what) record was written with Eddy's internal encoding version \(version); "
                + "this version of Eddy reads versions up to \(currentVersion)")
        }
        return version
    }
}
