/// Optional serde behaviours, named as ksqlDB names them.
public enum SerdeFeature: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Single columns are written inside an object/record (`WRAP_SINGLE_VALUE=true`).
    case wrapSingles = "WRAP_SINGLES"
    /// A single column is written as a bare value (`WRAP_SINGLE_VALUE=false`).
    case unwrapSingles = "UNWRAP_SINGLES"
    /// The format can derive columns from a registered schema.
    case schemaInference = "SCHEMA_INFERENCE"

    public static func < (lhs: SerdeFeature, rhs: SerdeFeature) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The set of features a key or value serde was built with. Rendered as ksqlDB does: `[UNWRAP_SINGLES]`.
public struct SerdeFeatures: Hashable, Sendable, Codable, CustomStringConvertible {
    public var all: Set<SerdeFeature>

    public init(_ features: Set<SerdeFeature> = []) { all = features }
    public init(_ features: SerdeFeature...) { all = Set(features) }

    public static let none = SerdeFeatures()

    public func contains(_ feature: SerdeFeature) -> Bool { all.contains(feature) }

    /// True when a single column must be written as a bare value.
    public var unwrapSingles: Bool { all.contains(.unwrapSingles) }

    /// The wrapping feature, if one was chosen.
    public var wrapping: SerdeFeature? {
        if all.contains(.wrapSingles) { return .wrapSingles }
        if all.contains(.unwrapSingles) { return .unwrapSingles }
        return nil
    }

    public var description: String { "[" + all.sorted().map(\.rawValue).joined(separator: ", ") + "]" }
}
