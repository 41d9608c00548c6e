import EddyCore
import EddyFormats

extension QueryAnalyzer {
    /// Which sides of a join go through a repartition topic, following ksqlDB's pre-join
    /// repartition rules: a side is re-keyed when the join expression is not its key, and also
    /// when its key bytes might not match the other side's for equal keys — the join key format
    /// is a Schema Registry format (the schema id is part of the bytes, and the two sources'
    /// schemas may differ), or the side's key format is not the join's. The join key format is
    /// the left source's when the left is keyed by the join expression, else the right's.
    ///
    /// Foreign-key joins need no co-partitioning (but see below). `left` is nil when the left side is an earlier
    /// join's result: it is re-keyed only when the join expression is not one of that join's
    /// equivalent keys (`leftKeyed`), its key format being the earlier join's.
    func joinRepartitions(strategy: JoinStrategy, left: QueryInput?, leftKeyed: Bool, right: QueryInput,
                          rightKeyed: Bool) -> (left: Bool, right: Bool) {
        let rightFormat = right.layout.source.keyFormat
        if case .foreignKey = strategy {
            // Except a Schema Registry STRUCT key on the right: its registered schema may not be the
            // one Eddy would derive, so the bytes the left side computes might not match (ksqlDB #8528).
            let structKey = right.layout.source.schema.keyColumns.contains { if case .struct = $0.type { true } else { false } }
            return (false, structKey && Self.schemaRegistryFormats.contains(rightFormat.format))
        }
        guard let left else {
            return (!leftKeyed, !rightKeyed || Self.schemaRegistryFormats.contains(rightFormat.format))
        }
        let leftFormat = left.layout.source.keyFormat
        let joinFormat: FormatInfo? = leftKeyed ? leftFormat : rightKeyed ? rightFormat : nil
        let inferred = joinFormat.map { Self.schemaRegistryFormats.contains($0.format) } ?? false
        func forced(_ format: FormatInfo) -> Bool { inferred || (joinFormat.map { $0 != format } ?? false) }
        return (!leftKeyed || forced(leftFormat), !rightKeyed || forced(rightFormat))
    }

    /// Key formats whose serialized keys carry a schema id (ksqlDB's SCHEMA_INFERENCE feature).
    static let schemaRegistryFormats: Set<String> = ["AVRO", "PROTOBUF", "JSON_SR"]
}
