import EddyCore

/// ksqlDB's wording for format errors, kept in one place so every format renders columns alike.
public enum FormatMessages {
    /// `[`K` STRING KEY, `V` INTEGER]`: ksqlDB's rendering of a persistence schema's columns.
    public static func columnList(_ columns: [Column]) -> String {
        "[" + columns.map(column).joined(separator: ", ") + "]"
    }

    /// `` `K` STRUCT<`F` DOUBLE> KEY `` — struct field names are always back-quoted here.
    public static func column(_ column: Column) -> String {
        "`\(column.name)` \(column.type.ksqlText)" + (column.isKey ? " KEY" : "")
    }

    /// `Persistence{columns=[…], features=[…]}`.
    public static func persistence(_ columns: [Column], features: SerdeFeatures) -> String {
        "Persistence{columns=\(columnList(columns)), features=\(features)}"
    }

    /// The planner's wrapper around a key-format rejection, e.g.
    /// "Key format does not support schema.\nformat: KAFKA\nschema: Persistence{…}\nreason: …".
    public static func keyFormatDoesNotSupportSchema(
        format: String, columns: [Column], features: SerdeFeatures, reason: String
    ) -> String {
        "Key format does not support schema.\nformat: \(format)\nschema: \(persistence(columns, features: features))"
            + "\nreason: \(reason)"
    }

    /// The value-side counterpart of `keyFormatDoesNotSupportSchema`.
    public static func valueFormatDoesNotSupportSchema(
        format: String, columns: [Column], features: SerdeFeatures, reason: String
    ) -> String {
        "Value format does not support schema.\nformat: \(format)\nschema: \(persistence(columns, features: features))"
            + "\nreason: \(reason)"
    }

    static func unsupportedType(format: String, _ type: SQLType) -> String {
        "The '\(format)' format does not support type '\(type.base.rawValue)'"
    }
}

/// Builds the `EddyError`s the formats throw.
enum EddyErrorFactory {
    static func execution(_ message: String) -> EddyError { EddyError(.execution, message) }

    /// "Failed to deserialize value from topic: t. <reason>", as ksqlDB's deserializers word it.
    static func deserialization(_ context: SerdeContext, _ reason: String) -> EddyError {
        EddyError(.execution, "Failed to deserialize \(context.target) from topic: \(context.topic). \(reason)")
    }

    static func serialization(_ context: SerdeContext, _ reason: String) -> EddyError {
        EddyError(.execution, "Error serializing message to topic: \(context.topic). \(reason)")
    }
}
