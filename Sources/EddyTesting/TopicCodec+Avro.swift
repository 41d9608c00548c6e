import EddyCore
import EddyFormats
import EddySchemaRegistry
import Foundation

extension TopicCodec {
    /// Test data is written with the latest schema of the topic's subject, as ksqlDB's test
    /// serializer does; if none is registered yet, with the schema the source's columns generate.
    func encodeAvro(_ spec: JSONValue, info: FormatInfo, columns: [Column], features: SerdeFeatures, isKey: Bool) throws -> [UInt8] {
        let topic = self.topic ?? ""
        let subject = topic + (isKey ? "-key" : "-value")
        let schemaText: String, id: Int
        if let latest = try schemaRegistry.latestIfPresent(subject: subject) {
            schemaText = latest.schema.schema
            id = latest.id
        } else {
            let format = try formats.format(named: AvroFormat.name)
            guard let avro = format as? AvroFormat else { throw EddyError(.execution, "AVRO format is not available") }
            let generated = try avro.generatedSchema(columns: columns, context: SerdeContext(info: info, features: features, isKey: isKey, topic: topic))
            id = try schemaRegistry.register(subject: subject, schema: generated.registered)
            schemaText = generated.json.jsonText
        }
        let schema = try AvroSchema.parse(schemaText)
        var out: [UInt8] = []
        ConfluentWireFormat.writeHeader(schemaID: id, to: &out)
        do { try AvroJSONCodec.encode(spec, schema: schema, to: &out) } catch {
            throw EddyError(.execution, "Failed to encode test record for \(subject) as Avro: \(error)")
        }
        return out
    }

    /// Records are read with their writer schema (by the id in the record), as ksqlDB's test
    /// deserializer does.
    func decodeAvro(_ bytes: [UInt8]) throws -> ActualValue {
        try bytes.withUnsafeBytes { buf in
            let id = try ConfluentWireFormat.schemaID(of: buf)
            let schema = try AvroSchema.parse(try schemaRegistry.schema(byID: id).schema)
            let datum = try AvroJSONCodec.decode(UnsafeRawBufferPointer(rebasing: buf[ConfluentWireFormat.headerSize...]), schema: schema)
            return ActualValue(avro: datum)
        }
    }
}

extension ActualValue {
    init(avro: AvroDatum) {
        switch avro {
        case .null: self = .null
        case .boolean(let b): self = .bool(b)
        case .integer(let i): self = .integer(i)
        case .double(let d): self = .double(d)
        case .decimal(let d): self = .decimal(d)
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .string(Data(b).base64EncodedString())
        case .array(let a): self = .list(a.map(ActualValue.init(avro:)))
        case .object(let keys, let values): self = .map(zip(keys, values).map { ($0, ActualValue(avro: $1)) })
        }
    }
}
