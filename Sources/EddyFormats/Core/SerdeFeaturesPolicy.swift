/// Chooses the wrapping features for a source's key and value, as ksqlDB's planner does.
public enum SerdeFeaturesPolicy {
    /// Single-column keys of formats that can do both are explicitly unwrapped; otherwise none.
    public static func keyFeatures(format: any Format, keyColumnCount: Int) -> SerdeFeatures {
        if keyColumnCount == 1, format.supportsFeature(.unwrapSingles), format.supportsFeature(.wrapSingles) {
            return SerdeFeatures(.unwrapSingles)
        }
        return .none
    }

    /// Value wrapping from an explicit `WRAP_SINGLE_VALUE` (if given), else from the
    /// `ksql.persistence.wrap.single.values` default (if set). Throws ksqlDB's messages for an
    /// explicit setting the format can't honour or a multi-column value.
    public static func valueFeatures(
        format: any Format,
        valueColumnCount: Int,
        wrapSingleValue explicit: Bool?,
        defaultWrapSingleValues: Bool? = nil
    ) throws -> SerdeFeatures {
        let single = valueColumnCount == 1
        if let explicit {
            let feature: SerdeFeature = explicit ? .wrapSingles : .unwrapSingles
            guard format.supportsFeature(feature) else {
                throw EddyErrorFactory.execution(
                    "Format '\(format.name)' does not support 'WRAP_SINGLE_VALUE' set to '\(explicit)'.")
            }
            guard single else {
                throw EddyErrorFactory.execution("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas")
            }
            return SerdeFeatures(feature)
        }
        guard single, let wrap = defaultWrapSingleValues else { return .none }
        let feature: SerdeFeature = wrap ? .wrapSingles : .unwrapSingles
        return format.supportsFeature(feature) ? SerdeFeatures(feature) : .none
    }
}
