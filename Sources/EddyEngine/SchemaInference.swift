import EddyCore
import EddyFormats
import EddyPlanner
import EddySchemaRegistry
import EddySQL

/// Reads source columns from the Schema Registry for CREATE STREAM/TABLE without columns, as
/// ksqlDB's DefaultSchemaInjector does: the latest `<topic>-key`/`<topic>-value` schema, or the
/// one named by KEY_SCHEMA_ID/VALUE_SCHEMA_ID.
struct SchemaInference {
    let engine: Engine

    /// The format a CREATE uses for its key or value, by name, before SourceBuilder resolves it.
    func formatName(_ props: Properties, isKey: Bool) -> String? {
        let both = props.string("FORMAT")
        if isKey {
            return props.string("KEY_FORMAT") ?? both ?? engine.properties["ksql.persistence.default.format.key"] ?? "KAFKA"
        }
        return props.string("VALUE_FORMAT") ?? both ?? engine.properties["ksql.persistence.default.format.value"]
    }

    /// Inferred columns for the key (`isKey`) or value, or nil when nothing is to be inferred.
    func infer(_ create: CreateSource, topic: String, isKey: Bool, hasElements: Bool) throws -> [Column]? {
        let props = create.properties
        let idProperty = isKey ? "KEY_SCHEMA_ID" : "VALUE_SCHEMA_ID"
        let schemaID = props[idProperty]?.integerValue.map(Int.init)
        try SourceBuilder.validateWithClause(props)
        guard let name = formatName(props, isKey: isKey) else { return nil }
        let format = try engine.formats.format(named: name)
        let formatProperty = isKey ? "KEY_FORMAT" : "VALUE_FORMAT"
        guard let inferring = format as? any SchemaRegistryFormat, format.supportsFeature(.schemaInference) else {
            if schemaID != nil {
                throw EddyError.execution("\(formatProperty) should support schema inference when \(idProperty) is provided. "
                    + "Current format is \(format.name).")
            }
            return nil
        }
        if let schemaID, hasElements {
            _ = schemaID
            throw EddyError.execution("Table elements and \(idProperty) cannot both exist for create statement.")
        }
        if hasElements { return nil }
        var unwrapRequested = false
        if !isKey, let w = props["WRAP_SINGLE_VALUE"] {
            if case .boolean(let b) = w { unwrapRequested = !b } else { unwrapRequested = w.text?.lowercased() == "false" }
        }
        let strategy = try SubjectNaming.strategy(props, isKey: isKey, engine: engine)
        let recordName = schemaID == nil ? try SubjectNaming.requireFullName(props, isKey: isKey, strategy: strategy) : nil
        let subject = strategy.subject(topic: topic, isKey: isKey, recordName: recordName)
        let (schema, _) = try fetch(topic: topic, schemaID: schemaID, isKey: isKey, subject: subject)
        let expectedType = Self.schemaType(ofFormat: format.name)
        guard schema.schemaType == expectedType else {
            let actual = Self.formatName(ofSchemaType: schema.schemaType)
            throw EddyError.execution("\(isKey ? "Key" : "Value") schema is not in the expected format. You may want to set "
                + "\(formatProperty) to '\(actual)'.\n\(Self.sourceMessage(topic, schemaID))\nexpected format: \(format.name)\n"
                + "actual format from Schema Registry: \(actual)")
        }
        var info = FormatInfo(format.name, properties: SourceBuilder.registryProperties(props, prefix: isKey ? "KEY_" : "VALUE_"))
        info.properties[ProtobufProperties.nullableRepresentation] = nil
        var columns: [(name: String, type: SQLType)]
        do {
            let inferred = try inferring.inferColumns(from: schema, info: info, isKey: isKey, keepFieldNames: schemaID != nil)
            columns = inferred.columns
            if isKey || unwrapRequested {
                // Keys, and values read with WRAP_SINGLE_VALUE=false, are one column holding the whole schema.
                if !inferred.unwrapped, format.supportsFeature(.unwrapSingles) {
                    columns = [(isKey ? "ROWKEY" : "ROWVAL", .struct(columns.map { .init($0.name, $0.type) }))]
                }
            } else if inferred.unwrapped {
                throw EddyError.execution("Schema returned from schema registry is anonymous type. To use this schema with "
                    + "ksqlDB, set 'WRAP_SINGLE_VALUE=false' in the WITH clause properties.")
            }
        } catch let e as EddyError where e.message.hasPrefix("Schema returned from schema registry is anonymous") {
            throw e
        } catch {
            throw EddyError.execution("Unable to verify if the \(isKey ? "key" : "value") schema for \(Self.sourceMessage(topic, schemaID)) "
                + "is compatible with ksqlDB.\nReason: \(error.eddyMessage)\n\nPlease see https://github.com/confluentinc/ksql/issues/ "
                + "to see if this particular reason is already known.\nIf not, please log a new issue, including this full error "
                + "message.\nSchema:\(schema.schema)")
        }
        if isKey, columns.count > 1 {
            throw EddyError.execution("The key schema for \(Self.sourceMessage(topic, schemaID)) contains multiple columns, "
                + "which is not supported by ksqlDB at this time.\nSchema:\(schema.schema)")
        }
        return columns.map { Column($0.name, $0.type, isKey ? .key : .value) }
    }

    /// The schema by id, or the latest under the topic's subject, with ksqlDB's not-found message.
    func fetch(topic: String, schemaID: Int?, isKey: Bool, subject: String? = nil) throws -> (RegisteredSchema, Int) {
        let subject = subject ?? topic + (isKey ? "-key" : "-value")
        do {
            if let schemaID { return (try engine.schemaRegistry.schema(byID: schemaID), schemaID) }
            let latest = try engine.schemaRegistry.latest(subject: subject)
            return (latest.schema, latest.id)
        } catch let e as SchemaRegistryError where e.httpStatus == 404 || e.httpStatus == 401 || e.httpStatus == 403 {
            throw EddyError.execution(Self.notFound(topic: topic, subject: subject, schemaID: schemaID, isKey: isKey))
        } catch let e as SchemaRegistryError {
            throw EddyError.execution("Schema registry fetch for topic \(isKey ? "key" : "value") request failed for "
                + "\(Self.sourceMessage(topic, schemaID)): \(e.message)")
        }
    }

    static func sourceMessage(_ topic: String?, _ schemaID: Int?) -> String {
        var msg = topic.map { "topic: \($0)" } ?? ""
        if let schemaID { msg += (msg.isEmpty ? "" : " ") + "schema id: \(schemaID)" }
        return msg
    }

    static func schemaType(ofFormat format: String) -> String {
        switch format {
        case "PROTOBUF": RegisteredSchema.protobuf
        case "JSON_SR": RegisteredSchema.json
        default: RegisteredSchema.avro
        }
    }

    static func formatName(ofSchemaType type: String) -> String {
        switch type {
        case RegisteredSchema.json: "JSON_SR"
        default: type
        }
    }

    static func notFound(topic: String, subject: String, schemaID: Int?, isKey: Bool) -> String {
        let suffix = "- Messages on the topic have not been serialized using a Confluent Schema Registry supported serializer\n"
            + "\t-> See https://docs.confluent.io/current/schema-registry/docs/serializer-formatter.html\n"
            + "- The schema is registered on a different instance of the Schema Registry\n"
            + "\t-> Use the REST API to list available subjects\thttps://docs.confluent.io/current/schema-registry/docs/api.html#get--subjects\n"
            + "- You do not have permissions to access the Schema Registry.\n"
            + "\t-> See https://docs.confluent.io/current/schema-registry/docs/security.html"
        let idMessage = schemaID.map { "Schema Id: \($0)\n" } ?? ""
        return "Schema for message \(isKey ? "keys" : "values") on topic '\(topic)' does not exist in the Schema Registry.\n"
            + "Subject: \(subject)\n\(idMessage)Possible causes include:\n- The topic itself does not exist\n"
            + "\t-> Use SHOW TOPICS; to check\n- Messages on the topic are not serialized using a format Schema Registry supports\n"
            + "\t-> Use PRINT '\(topic)' FROM BEGINNING; to verify\n\(suffix)"
    }
}

/// Registers the key and value schemas of a new source, as ksqlDB's SchemaRegisterInjector does:
/// for CREATE with columns only when the subject is new, for CSAS/CTAS always.
struct SchemaRegistration {
    let engine: Engine

    func register(_ source: DataSource, always: Bool) throws {
        if always {
            try checkSchemaIDColumns(source, isKey: true)
            try checkSchemaIDColumns(source, isKey: false)
        }
        try register(source, isKey: true, always: always)
        try register(source, isKey: false, always: always)
    }

    /// A CSAS/CTAS writing with a schema chosen by id must produce the schema's leading columns,
    /// same names, types and positions (ksqlDB's DefaultSchemaInjector check).
    private func checkSchemaIDColumns(_ source: DataSource, isKey: Bool) throws {
        let info = isKey ? source.keyFormat : source.valueFormat
        guard let id = info.schemaId,
              let format = try? engine.formats.format(named: info.format) as? any SchemaRegistryFormat else { return }
        let columns = isKey ? source.schema.keyColumns : source.schema.columns.filter { $0.namespace == .value }
        if columns.isEmpty { return }
        let schema: RegisteredSchema
        do { schema = try engine.schemaRegistry.schema(byID: id) } catch {
            throw EddyError.execution(SchemaInference.notFound(topic: source.topic, subject: source.topic + (isKey ? "-key" : "-value"),
                                                               schemaID: id, isKey: isKey))
        }
        let unwrapped = isKey ? source.keyFeatures.unwrapSingles || columns.count == 1 : source.valueFeatures.unwrapSingles
        let found = try format.inferColumns(from: schema, info: info, isKey: isKey, keepFieldNames: true)
        var inferred = found.columns
        if unwrapped, !found.unwrapped, format.supportsFeature(.unwrapSingles) {
            inferred = [(isKey ? "ROWKEY" : "ROWVAL", .struct(inferred.map { .init($0.name, $0.type) }))]
        }
        func text(_ name: String, _ type: SQLType) -> String { "`\(name)` \(type.ksqlText)" }
        let changed = columns.enumerated().filter { i, c in
            !(i < inferred.count && inferred[i].name == c.name && inferred[i].type == c.type)
        }.map { text($0.element.name, $0.element.type) }
        if !changed.isEmpty {
            throw EddyError.execution("The following \(isKey ? "key" : "value") columns are changed, missing or reordered: "
                + "[\(changed.joined(separator: ", "))]. Schema from schema registry is "
                + "[\(inferred.map { text($0.name, $0.type) }.joined(separator: ", "))]")
        }
    }

    private func register(_ source: DataSource, isKey: Bool, always: Bool) throws {
        let info = isKey ? source.keyFormat : source.valueFormat
        guard let format = try? engine.formats.format(named: info.format) as? any SchemaRegistryFormat else { return }
        var subject = source.topic + (isKey ? "-key" : "-value")
        let registry = engine.schemaRegistry
        do {
            if let id = info.schemaId {
                // A schema chosen by id is registered under the source's subject as it is.
                let schema = try registry.schema(byID: id)
                subject = SchemaSubjects.subject(topic: source.topic, isKey: isKey, info: info,
                                                 recordName: SchemaRecordName.of(schema, info: info))
                let registered = try registry.register(subject: subject, schema: schema)
                if registered != id {
                    throw EddyError.execution("Schema id registered is \(registered) which is different from provided "
                        + "\(isKey ? "KEY_SCHEMA_ID" : "VALUE_SCHEMA_ID") \(id).\nTopic: \(source.topic)\nSubject: \(subject)\n"
                        + "Schema: \(schema.schema)")
                }
                return
            }
            let columns = isKey ? source.schema.keyColumns : source.schema.columns.filter { $0.namespace == .value }
            let schema: RegisteredSchema
            if info.subjectNameStrategy.needsRecordName {
                // The subject depends on the schema's name, so the schema comes first.
                if isKey, columns.isEmpty { return }
                schema = try format.schemaToRegister(columns: columns, info: info,
                                                     features: isKey ? source.keyFeatures : source.valueFeatures, isKey: isKey)
                subject = SchemaSubjects.subject(topic: source.topic, isKey: isKey, info: info,
                                                 recordName: SchemaRecordName.of(schema, info: info))
                if !always, try registry.latestIfPresent(subject: subject) != nil { return }
            } else {
                if !always, try registry.latestIfPresent(subject: subject) != nil { return }
                if isKey, columns.isEmpty { return }
                schema = try format.schemaToRegister(columns: columns, info: info,
                                                     features: isKey ? source.keyFeatures : source.valueFeatures, isKey: isKey)
            }
            _ = try registry.register(subject: subject, schema: schema)
        } catch let e as SchemaRegistryError {
            throw EddyError.execution("Could not register schema for topic: \(e.message)")
        }
    }
}
