import EddySchemaRegistry
import Foundation
import Hummingbird

/// Confluent's JSON bodies and error shape (`{"error_code": 40401, "message": "…"}`).
enum RegistryResponses {
    static let contentType = "application/vnd.schemaregistry.v1+json"

    static func json(_ object: Any, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.fragmentsAllowed, .sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: contentType],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ e: SchemaRegistryError) -> Response {
        json(["error_code": e.errorCode, "message": e.message], status: HTTPResponse.Status(code: e.httpStatus))
    }

    /// `GET /subjects/{s}/versions/{v}` and the lookup reply.
    static func version(_ v: SubjectVersion) -> [String: Any] {
        var out = schema(v.schema)
        out["subject"] = v.subject
        out["version"] = v.version
        out["id"] = v.id
        return out
    }

    /// `{"schema": …}` plus `schemaType` (left out for AVRO, as the registry does) and references.
    static func schema(_ s: RegisteredSchema) -> [String: Any] {
        var out: [String: Any] = ["schema": s.schema]
        if s.schemaType != RegisteredSchema.avro { out["schemaType"] = s.schemaType }
        if !s.references.isEmpty {
            out["references"] = s.references.map { ["name": $0.name, "subject": $0.subject, "version": $0.version] as [String: Any] }
        }
        return out
    }

    /// A registration or lookup body: the schema, its type (AVRO when absent), references and an
    /// optional fixed id.
    static func parseSchemaBody(_ bytes: ByteBuffer) throws -> (RegisteredSchema, Int?) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer: bytes))) as? [String: Any] else {
            throw SchemaRegistryError(httpStatus: 400, errorCode: 400, message: "Unrecognized request body")
        }
        guard let text = object["schema"] as? String else {
            throw SchemaRegistryError.invalidSchema("Empty schema")
        }
        let refs = (object["references"] as? [[String: Any]] ?? []).compactMap { r -> SchemaReference? in
            guard let n = r["name"] as? String, let s = r["subject"] as? String, let v = r["version"] as? Int else { return nil }
            return SchemaReference(name: n, subject: s, version: v)
        }
        let type = (object["schemaType"] as? String ?? RegisteredSchema.avro).uppercased()
        guard [RegisteredSchema.avro, RegisteredSchema.protobuf, RegisteredSchema.json].contains(type) else {
            throw SchemaRegistryError(httpStatus: 422, errorCode: 42201, message: "Invalid schema type \(type)")
        }
        return (RegisteredSchema(schemaType: type, schema: text, references: refs), object["id"] as? Int)
    }

    /// `"latest"`, `-1` or a positive version number; else 42202.
    static func parseVersion(_ text: String, latest: () throws -> Int) throws -> Int {
        if text == "latest" || text == "-1" { return try latest() }
        guard let v = Int(text), v > 0 else { throw SchemaRegistryError.invalidVersion(text) }
        return v
    }
}

extension Data {
    init(buffer: ByteBuffer) {
        self = buffer.getData(at: buffer.readerIndex, length: buffer.readableBytes) ?? Data()
    }
}
