import EddyCore
import EddyFormats
import EddyPlanner
import EddySchemaRegistry
import EddySQL

/// What ksqlDB does with the Schema Registry at statement time, for any format that keeps its
/// schemas there (`SchemaRegistryFormat`): infer missing key/value columns from the registered
/// schemas (DefaultSchemaInjector), and register the schemas of sources declared with columns and
/// of CSAS/CTAS sinks (SchemaRegisterInjector).
extension SourceBuilder {
    /// Format properties that come from the WITH clause for registry formats.
    static func registryProperties(_ props: Properties, prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        if let id = props[prefix + "SCHEMA_ID"] { out[FormatInfo.schemaIdProperty] = id.text ?? "\(id)" }
        if let name = props.string(prefix + "SCHEMA_FULL_NAME") { out[FormatInfo.fullSchemaNameProperty] = name }
        if let n = props.string(prefix + "PROTOBUF_NULLABLE_REPRESENTATION") {
            out[ProtobufProperties.nullableRepresentation] = n.lowercased()
        }
        return out
    }

    private func formatName(_ props: Properties, key: Bool) -> String? {
        let explicit = props.string(key ? "KEY_FORMAT" : "VALUE_FORMAT") ?? props.string("FORMAT")
        return explicit ?? engine.properties[key ? "ksql.persistence.default.format.key" : "ksql.persistence.default.format.value"]
    }

    private func registryFormat(_ name: String?) -> (any SchemaRegistryFormat)? {
        guard let name else { return nil }
        return (try? engine.formats.format(named: name)) as? any SchemaRegistryFormat
    }

    /// Adds the key and value columns a CREATE statement leaves out, read from the registry.
    func inferMissingColumns(_ columns: [Column], props: Properties, topic: String) throws -> [Column] {
        for (key, side) in [(true, "KEY"), (false, "VALUE")] where props.contains(side + "_SCHEMA_ID") {
            let name = (formatName(props, key: key) ?? (key ? "KAFKA" : "")).uppercased()
            let format = try? engine.formats.format(named: name)
            if format?.supportsFeature(.schemaInference) != true {
                throw EddyError(.execution, "\(side)_FORMAT should support schema inference when \(side)_SCHEMA_ID is provided. Current format is \(name).")
            }
            if columns.contains(where: { $0.isKey == key }) {
                throw EddyError(.execution, "Table elements and \(side)_SCHEMA_ID cannot both exist for create statement.")
            }
        }
        var result = columns
        if !columns.contains(where: { !$0.isKey }), let format = registryFormat(formatName(props, key: false)) {
            guard let inferred = try infer(format, props: props, topic: topic, isKey: false, required: true) else { return result }
            result += zip(inferred.names, inferred.types).map { Column($0, $1, .value) }
        }
        if !columns.contains(where: \.isKey), let format = registryFormat(formatName(props, key: true)) {
            if let inferred = try infer(format, props: props, topic: topic, isKey: true, required: props.contains("KEY_SCHEMA_ID")) {
                result = zip(inferred.names, inferred.types).map { Column($0, $1, .key) } + result
            }
        }
        return result
    }

    private func infer(_ format: any SchemaRegistryFormat, props: Properties, topic: String, isKey: Bool,
                       required: Bool) throws -> InferredColumns? {
        let prefix = isKey ? "KEY_" : "VALUE_"
        var info = FormatInfo(format.name, properties: Self.registryProperties(props, prefix: prefix))
        info.properties[ProtobufProperties.nullableRepresentation] = nil
        let subject = SchemaSubjects.subject(topic: topic, isKey: isKey)
        let registered: RegisteredSchema
        do {
            if let id = info.schemaId {
                registered = try format.registry.schema(byID: id)
            } else if let latest = try format.registry.latestIfPresent(subject: subject) {
                registered = latest.schema
            } else {
                guard required else { return nil }
                throw EddyError(.execution, "Schema for message \(isKey ? "keys" : "values") on topic '\(topic)' does not exist in the Schema Registry.\nSubject: \(subject)\n\nPossible causes include:\n- The topic itself does not exist\n\t-> Use SHOW TOPICS; to check\n- Messages on the topic are not serialized using a format Schema Registry supports\n\t-> Use PRINT '\(topic)' FROM BEGINNING; to verify\n- Messages on the topic have not been serialized using a Confluent Schema Registry supported serializer\n\t-> See https://docs.confluent.io/current/schema-registry/docs/serializer-formatter.html\n- The schema is registered on a different instance of the Schema Registry\n\t-> Use the REST API to list available subjects\thttps://docs.confluent.io/current/schema-registry/docs/api.html#get--subjects\n- You do not have permissions to access the Schema Registry.Subject: \(subject)\n\t-> See https://docs.confluent.io/current/schema-registry/docs/security.html")
            }
        } catch let e as SchemaRegistryError {
            throw EddyError(.execution, "\(e)")
        }
        let inferred = try format.inferColumns(from: registered, info: info, isKey: isKey, keepFieldNames: info.schemaId != nil)
        // Keys of formats that can unwrap are inferred as one column holding the whole schema.
        if isKey, !inferred.unwrapped, format.supportsFeature(.unwrapSingles) {
            let type = SQLType.struct(zip(inferred.names, inferred.types).map { .init($0, $1) })
            return InferredColumns(names: ["ROWKEY"], types: [type], unwrapped: true)
        }
        return inferred
    }

    /// Registers the key and value schemas of a new source, unless a schema id pins them.
    func registerSchemas(of source: DataSource, key: Bool, value: Bool) throws {
        var columns: [([Column], FormatInfo, SerdeFeatures, Bool)] = []
        if key { columns.append((source.schema.keyColumns, source.keyFormat, source.keyFeatures, true)) }
        if value { columns.append((source.schema.columns.filter { $0.namespace == .value }, source.valueFormat, source.valueFeatures, false)) }
        for (cols, info, features, isKey) in columns where !cols.isEmpty && info.schemaId == nil {
            guard let format = registryFormat(info.format) else { continue }
            let schema = try format.schemaToRegister(columns: cols, info: info, features: features, isKey: isKey)
            do {
                _ = try format.registry.register(subject: SchemaSubjects.subject(topic: source.topic, isKey: isKey), schema: schema)
            } catch let e as SchemaRegistryError {
                throw EddyError(.execution, "Could not register schema for topic: \(e)")
            }
        }
    }
}
