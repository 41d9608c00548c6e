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
            throw EddyError.analysis("The statement does not define any columns.")
        }
        // Key columns first, as ksqlDB orders a source's schema.
        let schema = LogicalSchema(columns.filter(\.isKey) + columns.filter { !$0.isKey })
        var source = try formatsAndTime(name: create.name.value, kind: create.kind, schema: schema, topic: topic,
                                        properties: props, inheritFrom: nil)
        source.isReadOnly = create.isSource
        source.sql = sql
        return source
    }

    /// The sink of a CSAS/CTAS: formats default to the input's, the topic to the sink's name.
    func sinkSource(name: String, kind: SourceKind, schema: LogicalSchema, properties: Properties,
                    input: DataSource, sql: String) throws -> DataSource {
        let topic = properties.string("KAFKA_TOPIC") ?? name
        var source = try formatsAndTime(name: name, kind: kind, schema: schema, topic: topic,
                                        properties: properties, inheritFrom: input)
        source.sql = sql
        return source
    }

    private func formatsAndTime(name: String, kind: SourceKind, schema: LogicalSchema, topic: String,
                                properties props: Properties, inheritFrom input: DataSource?) throws -> DataSource {
        let registry = engine.formats
        let both = props.string("FORMAT")
        try Self.checkFormatProperties(props)
        var keyName = props.string("KEY_FORMAT") ?? both ?? input?.keyFormat.format
            ?? engine.properties["ksql.persistence.default.format.key"] ?? "KAFKA"
        guard let valueName = props.string("VALUE_FORMAT") ?? both ?? input?.valueFormat.format
            ?? engine.properties["ksql.persistence.default.format.value"] else {
            throw EddyError.analysis("Statement is missing the 'VALUE_FORMAT' property from the WITH clause. Either provide one or set a default via the 'ksql.persistence.default.format.value' config.")
        }
        let keyColumns = schema.keyColumns
        let valueColumns = schema.columns.filter { $0.namespace == .value }
        // Every key serde refuses maps (ksqlDB #6621): their serialization is not deterministic.
        for column in keyColumns where Self.containsMap(column.type) {
            throw EddyError.execution("Map keys, including types that contain maps, are not supported as they may lead to "
                + "unexpected behavior due to inconsistent serialization. Key column name: `\(column.name)`. Column type: "
                + "\(FormatMessages.typeText(column.type)). See https://github.com/confluentinc/ksql/issues/6621 for more.")
        }
        if keyColumns.isEmpty, props.string("KEY_FORMAT") == nil, both == nil { keyName = "NONE" }
        else if !keyColumns.isEmpty, keyName.uppercased() == "NONE", input != nil {
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
        // AVRO's properties (schema id, full name) are never inherited from the input.
        if keyInfo.format == AvroFormat.name { keyInfo.properties = [:] }
        if valueInfo.format == AvroFormat.name { valueInfo.properties = [:] }
        if let id = props["KEY_SCHEMA_ID"]?.integerValue { keyInfo.properties[FormatInfo.schemaIdProperty] = String(id) }
        if let id = props["VALUE_SCHEMA_ID"]?.integerValue { valueInfo.properties[FormatInfo.schemaIdProperty] = String(id) }
        if let n = props.string("KEY_SCHEMA_FULL_NAME") {
            keyInfo.properties[FormatInfo.fullSchemaNameProperty] = n
        } else if keyInfo.format == AvroFormat.name {
            keyInfo.properties[FormatInfo.fullSchemaNameProperty] = AvroSchemaGenerator.keySchemaFullName(sourceName: name)
        }
        if let n = props.string("VALUE_SCHEMA_FULL_NAME") ?? props.string("VALUE_AVRO_SCHEMA_FULL_NAME") {
            valueInfo.properties[FormatInfo.fullSchemaNameProperty] = n
        }
        if let d = props.string("VALUE_DELIMITER") { valueInfo.properties[FormatInfo.delimiterProperty] = d }
        if let d = props.string("KEY_DELIMITER") { keyInfo.properties[FormatInfo.delimiterProperty] = d }
        let keyFormat = try registry.format(for: keyInfo)
        let valueFormat = try registry.format(for: valueInfo)
        do {
            try keyFormat.validateProperties(keyInfo.properties)
            try valueFormat.validateProperties(valueInfo.properties)
        } catch {
            throw EddyError(.execution, "Failed to prepare statement: \(error.eddyMessage)")
        }
        let keyFeatures = SerdeFeaturesPolicy.keyFeatures(format: keyFormat, keyColumnCount: keyColumns.count)
        var wrap: Bool?
        if let w = props["WRAP_SINGLE_VALUE"] {
            if case .boolean(let b) = w { wrap = b } else { wrap = w.text?.lowercased() == "true" }
        }
        let valueFeatures = try SerdeFeaturesPolicy.valueFeatures(
            format: valueFormat, valueColumnCount: valueColumns.count, wrapSingleValue: wrap,
            defaultWrapSingleValues: engine.properties["ksql.persistence.wrap.single.values"].map { $0.lowercased() == "true" })
        try keyFormat.validate(columns: keyColumns, isKey: true, features: keyFeatures)
        try valueFormat.validate(columns: valueColumns, isKey: false, features: valueFeatures)

        var timestampColumn: String?
        let timestampFormat = props.string("TIMESTAMP_FORMAT")
        if let ts = props.string("TIMESTAMP") {
            let colName = ts.uppercased() == ts || !ts.contains("`") ? ts.uppercased() : ts
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

    static func containsMap(_ type: SQLType) -> Bool {
        switch type {
        case .map: true
        case .array(let e): containsMap(e)
        case .struct(let fields): fields.contains { containsMap($0.type) }
        default: false
        }
    }

    /// ksqlDB rejects FORMAT together with KEY_FORMAT or VALUE_FORMAT.
    static func checkFormatProperties(_ props: Properties) throws {
        guard props.contains("FORMAT") else { return }
        for side in ["KEY_FORMAT", "VALUE_FORMAT"] where props.contains(side) {
            throw EddyError.analysis("Cannot supply both '\(side)' and 'FORMAT' properties, as 'FORMAT' sets both key and value "
                + "formats. Either use just 'FORMAT', or use 'KEY_FORMAT' and 'VALUE_FORMAT'.")
        }
    }
}
