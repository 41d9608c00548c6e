import EddyCore
import EddyFormats
import EddySchemaRegistry
import EddySQL

/// Which registry subject a source's key and value schemas live under. ksqlDB always uses
/// TopicName (#8825); Eddy lets a statement choose with `KEY_/VALUE_SUBJECT_NAME_STRATEGY`, or the
/// server with `ksql.schema.registry.key/value.subject.name.strategy` (the serializer configs'
/// names). The choice is resolved once, at CREATE/CSAS/CTAS time, and stored in the source's
/// format properties, so a later change of the server default does not move existing sources.
enum SubjectNaming {
    static func withProperty(isKey: Bool) -> String { isKey ? "KEY_SUBJECT_NAME_STRATEGY" : "VALUE_SUBJECT_NAME_STRATEGY" }

    static func serverConfig(isKey: Bool) -> String {
        "ksql.schema.registry.\(isKey ? "key" : "value").subject.name.strategy"
    }

    /// The strategy a statement asks for: its WITH clause, else the server default, else TopicName.
    static func strategy(_ props: Properties, isKey: Bool, engine: Engine) throws -> SubjectNameStrategy {
        let property = withProperty(isKey: isKey)
        if let text = props.string(property) {
            guard let strategy = SubjectNameStrategy(configValue: text) else {
                let at = props.location(of: property)
                let prefix = at.map { "Line: \($0.line), Col: \($0.column): " } ?? ""
                throw EddyError.analysis(prefix + invalidValue(text, name: property), at: at)
            }
            return strategy
        }
        if let text = engine.properties[serverConfig(isKey: isKey)] {
            guard let strategy = SubjectNameStrategy(configValue: text) else {
                throw EddyError.execution(invalidValue(text, name: serverConfig(isKey: isKey)))
            }
            return strategy
        }
        return .topicName
    }

    /// Kafka's ConfigException wording.
    static func invalidValue(_ text: String, name: String) -> String {
        "Invalid value \(text) for configuration \(name): String must be one of: "
            + SubjectNameStrategy.allCases.map(\.rawValue).joined(separator: ", ")
            + " (or their \(SubjectNameStrategy.javaPackage)* class names, in any case)"
    }

    /// Stores a non-default strategy in a key's or value's format properties (TopicName is left
    /// out, so such sources stay exactly as before). Not inherited from a CSAS/CTAS's input: the
    /// sink follows its own WITH clause or the server default. An explicit WITH property on a format
    /// without a registry is an error; a server default just doesn't apply there.
    static func apply(_ props: Properties, isKey: Bool, engine: Engine, to info: inout FormatInfo, usesRegistry: Bool) throws {
        info.properties[FormatInfo.subjectNameStrategyProperty] = nil
        let property = withProperty(isKey: isKey)
        if !usesRegistry {
            // A keyless source's key is NONE even under FORMAT='AVRO'; a strategy for it is moot.
            guard props.contains(property), info.format != "NONE" else { return }
            let at = props.location(of: property)
            let prefix = at.map { "Line: \($0.line), Col: \($0.column): " } ?? ""
            throw EddyError.analysis(prefix + "\(property) is only valid with a Schema Registry format (AVRO, PROTOBUF, "
                + "JSON_SR), but \(isKey ? "KEY_FORMAT" : "VALUE_FORMAT") is \(info.format).", at: at)
        }
        let strategy = try strategy(props, isKey: isKey, engine: engine)
        if strategy != .topicName { info.properties[FormatInfo.subjectNameStrategyProperty] = strategy.rawValue }
    }

    /// The record name a CREATE without columns must name for a record strategy (no schema id).
    static func requireFullName(_ props: Properties, isKey: Bool, strategy: SubjectNameStrategy) throws -> String? {
        guard strategy.needsRecordName else { return nil }
        let prefix = isKey ? "KEY_" : "VALUE_"
        if let name = props.string(prefix + "SCHEMA_FULL_NAME") { return name }
        if !isKey, let legacy = props.string("VALUE_AVRO_SCHEMA_FULL_NAME") { return legacy }
        throw EddyError.execution("Schema inference with \(withProperty(isKey: isKey))='\(strategy.rawValue)' needs the "
            + "schema's full name to find its subject: set \(prefix)SCHEMA_FULL_NAME, or \(prefix)SCHEMA_ID.")
    }
}
