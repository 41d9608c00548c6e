import Foundation

/// The Confluent REST API's JSON bodies, read and written with Foundation (registry calls are
/// rare and cached, so this is off the hot path).
enum RegistryJSON {
    static func encode(_ object: Any) -> [UInt8] {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])).map { [UInt8]($0) } ?? []
    }

    static func decode(_ bytes: [UInt8]) throws -> Any {
        do { return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) } catch {
            throw SchemaRegistryError.backend("Invalid JSON from the Schema Registry: \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// `{"schema": …, "schemaType": …, "references": […]}`; AVRO leaves `schemaType` out, as clients do.
    static func schemaBody(_ schema: RegisteredSchema) -> [String: Any] {
        var body: [String: Any] = ["schema": schema.schema]
        if schema.schemaType != RegisteredSchema.avro { body["schemaType"] = schema.schemaType }
        if !schema.references.isEmpty {
            body["references"] = schema.references.map { ["name": $0.name, "subject": $0.subject, "version": $0.version] }
        }
        return body
    }

    static func schema(from object: [String: Any]) throws -> RegisteredSchema {
        guard let text = object["schema"] as? String else { throw SchemaRegistryError.backend("Response has no schema") }
        let refs = (object["references"] as? [[String: Any]] ?? []).compactMap { r -> SchemaReference? in
            guard let n = r["name"] as? String, let s = r["subject"] as? String, let v = r["version"] as? Int else { return nil }
            return SchemaReference(name: n, subject: s, version: v)
        }
        return RegisteredSchema(schemaType: object["schemaType"] as? String ?? RegisteredSchema.avro, schema: text, references: refs)
    }

    static func subjectVersion(from object: [String: Any]) throws -> SubjectVersion {
        guard let subject = object["subject"] as? String, let version = object["version"] as? Int, let id = object["id"] as? Int else {
            throw SchemaRegistryError.backend("Response is not a subject version")
        }
        return SubjectVersion(subject: subject, version: version, id: id, schema: try schema(from: object))
    }

    /// Percent-encodes a subject for a URL path segment.
    static func pathSegment(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }
}
