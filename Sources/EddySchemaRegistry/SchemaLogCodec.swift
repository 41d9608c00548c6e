import Foundation

/// Reads and writes `SchemaLogRecord`s as the Confluent registry lays them out in its `_schemas`
/// topic: a JSON key naming the record (`{"keytype":"SCHEMA","subject":…,"version":…,"magic":1}`)
/// and a JSON value, so a dev-mode registry can persist to, and replay from, a real topic.
public enum SchemaLogCodec {
    public static func encode(_ record: SchemaLogRecord) -> (key: [UInt8], value: [UInt8]?) {
        switch record {
        case .schema(let v, let deleted):
            var value: [String: Any] = ["subject": v.subject, "version": v.version, "id": v.id,
                                        "schema": v.schema.schema, "deleted": deleted]
            if v.schema.schemaType != RegisteredSchema.avro { value["schemaType"] = v.schema.schemaType }
            if !v.schema.references.isEmpty {
                value["references"] = v.schema.references.map { ["name": $0.name, "subject": $0.subject, "version": $0.version] as [String: Any] }
            }
            return (json(["keytype": "SCHEMA", "subject": v.subject, "version": v.version, "magic": 1]), json(value))
        case .config(let subject, let level):
            return (json(["keytype": "CONFIG", "subject": subject ?? NSNull(), "magic": 0]),
                    json(["compatibilityLevel": level.rawValue]))
        case .deleteSubject(let subject):
            return (json(["keytype": "DELETE_SUBJECT", "subject": subject, "magic": 0]), json(["subject": subject]))
        }
    }

    /// The record for a `_schemas` key and value; nil for record types Eddy does not use (NOOP, MODE…).
    public static func decode(key: [UInt8], value: [UInt8]?) throws -> SchemaLogRecord? {
        guard let k = try JSONSerialization.jsonObject(with: Data(key)) as? [String: Any], let type = k["keytype"] as? String else {
            throw SchemaRegistryError.backend("Invalid _schemas key")
        }
        let v = try value.flatMap { try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] }
        switch type {
        case "SCHEMA":
            guard let v, let subject = v["subject"] as? String, let version = v["version"] as? Int, let id = v["id"] as? Int,
                  let text = v["schema"] as? String else { return nil }
            let refs = (v["references"] as? [[String: Any]] ?? []).compactMap { r -> SchemaReference? in
                guard let n = r["name"] as? String, let s = r["subject"] as? String, let ver = r["version"] as? Int else { return nil }
                return SchemaReference(name: n, subject: s, version: ver)
            }
            let schema = RegisteredSchema(schemaType: v["schemaType"] as? String ?? RegisteredSchema.avro, schema: text, references: refs)
            return .schema(SubjectVersion(subject: subject, version: version, id: id, schema: schema),
                           deleted: v["deleted"] as? Bool ?? false)
        case "CONFIG":
            guard let text = v?["compatibilityLevel"] as? String, let level = CompatibilityLevel(text: text) else { return nil }
            return .config(subject: k["subject"] as? String, level: level)
        case "DELETE_SUBJECT":
            guard let subject = k["subject"] as? String else { return nil }
            return .deleteSubject(subject)
        default:
            return nil
        }
    }

    private static func json(_ object: [String: Any]) -> [UInt8] {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { [UInt8]($0) } ?? []
    }
}
