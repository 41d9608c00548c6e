import EddyCore
import EddyFormats
import EddyPlanner
import EddySQL

/// Turns CREATE STREAM/TABLE statements and CSAS sinks into catalog entries, applying ksqlDB's
/// WITH-clause rules, defaults and validation messages.
struct SourceBuilder {
    let engine: Engine

    func build(_ create: CreateSource, sql: String) throws -> DataSource {
        let props = create.properties
        try Self.validateWithClause(props)
        guard let topic = props.string("KAFKA_TOPIC") else {
            throw EddyError(.analysis, "Missing required property \"KAFKA_TOPIC\" which has no default value.")
        }
        var columns: [Column] = []
        for element in create.elements {
            let name = element.name.value
            if PseudoColumn(rawValue: name) != nil {
                throw EddyError.analysis("'\(name)' is a reserved column name. You cannot use it as a name for a column.", at: element.location)
            }
            guard let type = element.type.resolve({ engine.catalog.type($0) }) else {
                throw EddyError.analysis("Unknown type: \(element.type.firstCustomName ?? element.type.description)", at: element.location)
            }
            switch element.constraint {
            case .primaryKey where create.kind == .stream:
                throw EddyError.analysis("Column `\(name)` is a 'PRIMARY KEY' column: please use 'KEY' for streams.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.", at: element.location)
            case .key where create.kind == .table:
                throw EddyError.analysis("Column `\(name)` is a 'KEY' column: please use 'PRIMARY KEY' for tables.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.", at: element.location)
            default: break
            }
            if columns.contains(where: { $0.name == name }) {
                throw EddyError.analysis("Duplicate column names: \(name)", at: element.location)
            }
            try Self.checkHeaderType(element.constraint, type)
            columns.append(Column(name, type, element.constraint.namespace))
        }
        // Columns the statement leaves out come from the Schema Registry, when the format keeps its schemas there.
        let inference = SchemaInference(engine: engine)
        let hasValueElements = columns.contains { $0.namespace == .value }
        if let inferred = try inference.infer(create, topic: topic, isKey: true, hasElements: columns.contains(where: \.isKey)) {
            columns.insert(contentsOf: inferred, at: 0)
        }
        if let inferred = try inference.infer(create, topic: topic, isKey: false, hasElements: hasValueElements) {
            columns.append(contentsOf: inferred)
        }
        if create.kind == .table, !columns.isEmpty, !columns.contains(where: \.isKey) {
            throw EddyError.analysis("Tables require a PRIMARY KEY. Please define the PRIMARY KEY.")
        }
        if columns.isEmpty {
            // ksqlDB checks the formats' configs while deciding whether to infer a schema, and only
            // then finds that a format without inference was given no columns.
            _ = try resolveFormats(name: create.name.value, kind: create.kind, keyColumns: [], properties: props, inheritFrom: nil)
            throw EddyError.analysis("No columns supplied.")
        }
        // Key columns first, as ksqlDB orders a source's schema.
        let schema = LogicalSchema(columns.filter(\.isKey) + columns.filter { !$0.isKey })
        var source = try formatsAndTime(name: create.name.value, kind: create.kind, schema: schema, topic: topic,
                                        properties: props, inheritFrom: nil)
        source.isReadOnly = create.isSource
        source.window = try WindowedSourceProperties.window(props, schema: schema)
        source.sql = sql
        return source
    }

    /// The sink of a CSAS/CTAS: formats default to the input's, the topic to the sink's name.
    func sinkSource(name: String, kind: SourceKind, schema: LogicalSchema, properties: Properties,
                    input: DataSource, sql: String) throws -> DataSource {
        try Self.validateWithClause(properties)
        // Without KAFKA_TOPIC the topic is the sink's name, after ksqlDB's configurable prefix.
        let topic = properties.string("KAFKA_TOPIC") ?? (engine.properties["ksql.output.topic.name.prefix"] ?? "") + name
        var source = try formatsAndTime(name: name, kind: kind, schema: schema, topic: topic,
                                        properties: properties, inheritFrom: input)
        source.sql = sql
        return source
    }

    private func formatsAndTime(name: String, kind: SourceKind, schema: LogicalSchema, topic: String,
                                properties props: Properties, inheritFrom input: DataSource?) throws -> DataSource {
        let keyColumns = schema.keyColumns
        let valueColumns = schema.columns.filter { $0.namespace == .value }
        let (keyInfo, valueInfo, keyFormat, valueFormat) = try resolveFormats(
            name: name, kind: kind, keyColumns: keyColumns, properties: props, inheritFrom: input)
        let keyFeatures = SerdeFeaturesPolicy.keyFeatures(format: keyFormat, keyColumnCount: keyColumns.count)
        var wrap: Bool?
        if let w = props["WRAP_SINGLE_VALUE"] {
            if case .boolean(let b) = w { wrap = b } else { wrap = w.text?.lowercased() == "true" }
        }
        let valueFeatures = try SerdeFeaturesPolicy.valueFeatures(
            format: valueFormat, valueColumnCount: valueColumns.count, wrapSingleValue: wrap,
            defaultWrapSingleValues: engine.properties["ksql.persistence.wrap.single.values"].map { $0.lowercased() == "true" })
        try Self.rejectMapKeys(keyColumns)
        do {
            try keyFormat.validate(columns: keyColumns, isKey: true, features: keyFeatures)
        } catch {
            throw EddyError(.execution, FormatMessages.keyFormatDoesNotSupportSchema(
                format: keyFormat.name, columns: keyColumns, features: keyFeatures, reason: error.eddyMessage))
        }
        try valueFormat.validate(columns: valueColumns, isKey: false, features: valueFeatures)

        var timestampColumn: String?
        let timestampFormat = props.string("TIMESTAMP_FORMAT")
        if let ts = props.string("TIMESTAMP"), let colName = Self.timestampColumnName(props) {
            guard let column = schema.column(named: colName) ?? schema.column(named: ts) else {
                throw EddyError.analysis("The TIMESTAMP column set in the WITH clause does not exist in the schema: '\(colName)'")
            }
            switch column.type {
            case .bigint, .timestamp: break
            case .string where timestampFormat != nil: break
            default:
                throw EddyError.analysis("Timestamp column, `\(column.name)`, should be LONG(INT64), TIMESTAMP, or a String with a timestamp_format specified.")
            }
            timestampColumn = column.name
        }
        return DataSource(name: name, kind: kind, schema: schema, topic: topic, keyFormat: keyInfo,
                          valueFormat: valueInfo, keyFeatures: keyFeatures, valueFeatures: valueFeatures,
                          timestampColumn: timestampColumn, timestampFormat: timestampFormat)
    }

    /// The key and value formats with their properties, checked against the formats' configs.
    private func resolveFormats(name: String, kind: SourceKind, keyColumns: [Column], properties props: Properties,
                                inheritFrom input: DataSource?) throws
        -> (FormatInfo, FormatInfo, any Format, any Format) {
        let registry = engine.formats
        let both = props.string("FORMAT")
        var keyName = props.string("KEY_FORMAT") ?? both ?? input?.keyFormat.format
            ?? engine.properties["ksql.persistence.default.format.key"] ?? "KAFKA"
        guard let valueName = props.string("VALUE_FORMAT") ?? both ?? input?.valueFormat.format
            ?? engine.properties["ksql.persistence.default.format.value"] else {
            throw EddyError.analysis("Statement is missing the 'VALUE_FORMAT' property from the WITH clause. Either provide one or set a default via the 'ksql.persistence.default.format.value' config.")
        }
        let explicitKey = props.string("KEY_FORMAT") ?? both
        if keyColumns.isEmpty, explicitKey == nil { keyName = "NONE" }
        else if keyColumns.isEmpty, input != nil, kind == .stream, let explicitKey, explicitKey.uppercased() != "NONE" {
            _ = try registry.format(for: FormatInfo(explicitKey))  // an unknown format is reported first
            if let value = props.string("VALUE_FORMAT") ?? both { _ = try registry.format(for: FormatInfo(value)) }
            throw EddyError(.execution, "Key format specified for stream without key columns.")
        } else if !keyColumns.isEmpty, keyName.uppercased() == "NONE", input != nil, explicitKey == nil {
            keyName = engine.properties["ksql.persistence.default.format.key"] ?? "KAFKA"
        }
        var keyInfo = FormatInfo(keyName)
        var valueInfo = FormatInfo(valueName)
        if let input, props.string("KEY_FORMAT") == nil, both == nil, input.keyFormat.format == keyInfo.format {
            keyInfo.properties = input.keyFormat.properties
        }
        if let input, props.string("VALUE_FORMAT") == nil, both == nil, input.valueFormat.format == valueInfo.format {
            valueInfo.properties = input.valueFormat.properties
        }
        keyInfo.properties[FormatInfo.schemaIdProperty] = nil
        valueInfo.properties[FormatInfo.schemaIdProperty] = nil
        keyInfo.properties.merge(Self.registryProperties(props, prefix: "KEY_")) { $1 }
        valueInfo.properties.merge(Self.registryProperties(props, prefix: "VALUE_")) { $1 }
        // AVRO's schema names are not inherited: a key is named after its source unless told otherwise.
        if keyInfo.format == AvroFormat.name, props.string("KEY_SCHEMA_FULL_NAME") == nil {
            keyInfo.properties[FormatInfo.fullSchemaNameProperty] = AvroSchemaGenerator.keySchemaFullName(sourceName: name)
        }
        // The legacy VALUE_AVRO_SCHEMA_FULL_NAME names the value schema of any format, so a format
        // without schema names rejects it when its properties are validated below.
        if valueInfo.format != AvroFormat.name, let legacy = props.string("VALUE_AVRO_SCHEMA_FULL_NAME") {
            valueInfo.properties[FormatInfo.fullSchemaNameProperty] = legacy
        }
        if valueInfo.format == AvroFormat.name, props.string("VALUE_SCHEMA_FULL_NAME") == nil {
            valueInfo.properties[FormatInfo.fullSchemaNameProperty] = props.string("VALUE_AVRO_SCHEMA_FULL_NAME")
        }
        if let d = props.string("VALUE_DELIMITER") { valueInfo.properties[FormatInfo.delimiterProperty] = d }
        if let d = props.string("KEY_DELIMITER") { keyInfo.properties[FormatInfo.delimiterProperty] = d }
        let keyFormat = try registry.format(for: keyInfo)
        let valueFormat = try registry.format(for: valueInfo)
        try SubjectNaming.apply(props, isKey: true, engine: engine, to: &keyInfo, usesRegistry: keyFormat is any SchemaRegistryFormat)
        try SubjectNaming.apply(props, isKey: false, engine: engine, to: &valueInfo, usesRegistry: valueFormat is any SchemaRegistryFormat)
        do {
            try keyFormat.validateProperties(keyInfo.properties)
            try valueFormat.validateProperties(valueInfo.properties)
        } catch {
            throw EddyError(.execution, "Failed to prepare statement: \(error.eddyMessage)")
        }
        return (keyInfo, valueInfo, keyFormat, valueFormat)
    }

    /// WITH-clause checks ksqlDB makes while preparing the statement, before looking at columns.
    /// The `TIMESTAMP` property as a column name: upper-cased unless back-quoted with lower case.
    static func timestampColumnName(_ props: Properties) -> String? {
        guard let ts = props.string("TIMESTAMP") else { return nil }
        return ts.uppercased() == ts || !ts.contains("`") ? ts.uppercased() : ts
    }

    static func validateWithClause(_ props: Properties) throws {
        if props.contains("FORMAT") {
            for other in ["KEY_FORMAT", "VALUE_FORMAT"] where props.contains(other) {
                throw EddyError(.execution, "Cannot supply both '\(other)' and 'FORMAT' properties, as 'FORMAT' sets both key and value formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.")
            }
        }
        for name in ["VALUE_DELIMITER", "KEY_DELIMITER"] {
            guard let text = props.string(name) else { continue }
            do {
                _ = try Delimiter(parsing: text)
            } catch {
                throw EddyError(.execution, "Failed to prepare statement: Configuration \(name) is invalid: \(error.eddyMessage)")
            }
        }
    }

    /// Maps serialize their entries in no stable order, so equal keys could land on different
    /// partitions: ksqlDB refuses key columns that are or contain maps.
    static func rejectMapKeys(_ keys: [Column]) throws {
        for column in keys where column.type.containsMap {
            throw EddyError.mapKeyColumn(column.name, column.type)
        }
    }
}

extension SourceBuilder {
    static let headersType = SQLType.array(.struct([SQLType.StructField("KEY", .string), SQLType.StructField("VALUE", .bytes)]))

    /// HEADERS columns hold every header; HEADER('k') columns one header's bytes.
    static func checkHeaderType(_ constraint: ColumnConstraint, _ type: SQLType) throws {
        switch constraint {
        case .headers where type != headersType:
            throw EddyError(.execution, "Invalid type for HEADERS column: expected \(headersType.ksqlText), got \(type.ksqlText)")
        case .header(let key) where type != .bytes:
            throw EddyError(.execution, "Invalid type for HEADER('\(key)') column: expected BYTES, got \(type.ksqlText)")
        default:
            break
        }
    }
}
