/// Format properties of PROTOBUF and PROTOBUF_NOSR, spelled as ksqlDB stores them.
public enum ProtobufProperties {
    /// `KEY_/VALUE_PROTOBUF_NULLABLE_REPRESENTATION`: "optional" or "wrapper" (any case).
    public static let nullableRepresentation = "nullableRepresentation"
    /// Whether a bare primitive is written as a google.protobuf wrapper (ksqlDB sets it on new sources).
    public static let unwrapPrimitives = "unwrapPrimitives"
    /// The registry subject to take the schema from (`KEY_/VALUE_SCHEMA_SUBJECT_NAME`… in later ksqlDB).
    public static let subjectName = "subjectName"

    static let withRegistry: Set<String> = [
        FormatInfo.fullSchemaNameProperty, FormatInfo.schemaIdProperty, unwrapPrimitives, nullableRepresentation, subjectName,
        FormatInfo.subjectNameStrategyProperty,
    ]
    static let withoutRegistry: Set<String> = [unwrapPrimitives, nullableRepresentation]
}

/// The Confluent framing of a protobuf record: magic byte 0, the 4-byte big-endian schema id, the
/// message-index path (zigzag varints: the count then each index; a lone 0 means `[0]`), then the
/// message itself.
public enum ConfluentProtobufFraming {
    public static func prefix(schemaID: Int, path: [Int]) -> [UInt8] {
        var out: [UInt8] = [0]
        let id = UInt32(truncatingIfNeeded: schemaID)
        out += [UInt8(id >> 24), UInt8(id >> 16 & 0xFF), UInt8(id >> 8 & 0xFF), UInt8(id & 0xFF)]
        if path == [0] {
            out.append(0)
        } else {
            ProtoWriter.varint(ProtoWriter.zigzag64(Int64(path.count)), to: &out)
            for i in path { ProtoWriter.varint(ProtoWriter.zigzag64(Int64(i)), to: &out) }
        }
        return out
    }

    /// Reads the framing; returns the schema id, the message path and where the message starts.
    public static func read(_ bytes: UnsafeRawBufferPointer) throws -> (id: Int, path: [Int], start: Int) {
        guard bytes.count >= 5, bytes[0] == 0 else { throw ProtoSchemaError("Unknown magic byte!") }
        let id = Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4])
        var reader = ProtoReader(bytes, from: 5)
        let count = ProtoZigZag.decode64(try reader.varint())
        guard count >= 0, count < 256 else { throw ProtoSchemaError("invalid message indexes") }
        if count == 0 { return (id, [0], reader.position) }
        var path: [Int] = []
        for _ in 0 ..< count { path.append(Int(ProtoZigZag.decode64(try reader.varint()))) }
        return (id, path, reader.position)
    }
}
