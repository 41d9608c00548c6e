import EddySchemaRegistry
import Foundation
import Hummingbird

/// The Confluent Schema Registry REST subset Eddy and common clients use, served from an
/// `InMemorySchemaRegistry`.
struct RegistryRoutes: Sendable {
    let registry: InMemorySchemaRegistry
    static let maxBody = 16 << 20

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in RegistryResponses.json([String: Any]()) }
        router.get("/schemas/types") { _, _ in
            RegistryResponses.json([RegisteredSchema.avro, RegisteredSchema.json, RegisteredSchema.protobuf])
        }
        router.get("/subjects") { _, _ in handle { try registry.subjects() } }
        router.get("/subjects/:subject/versions") { _, context in
            handle { try registry.versions(subject: try context.parameters.require("subject")) }
        }
        router.post("/subjects/:subject/versions") { request, context in
            let subject = try context.parameters.require("subject")
            let body = try await collect(request)
            return handle {
                let (schema, id) = try RegistryResponses.parseSchemaBody(body)
                return ["id": try registry.register(subject: subject, schema: schema, id: id)]
            }
        }
        router.get("/subjects/:subject/versions/:version") { _, context in
            handle { RegistryResponses.version(try version(context)) }
        }
        router.get("/subjects/:subject/versions/:version/schema") { _, context in
            do {
                let text = try version(context).schema.schema
                return Response(status: .ok, headers: [.contentType: RegistryResponses.contentType],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            } catch let e as SchemaRegistryError {
                return RegistryResponses.error(e)
            }
        }
        router.post("/subjects/:subject") { request, context in
            let subject = try context.parameters.require("subject")
            let body = try await collect(request)
            return handle {
                RegistryResponses.version(try registry.lookup(subject: subject, schema: try RegistryResponses.parseSchemaBody(body).0))
            }
        }
        router.delete("/subjects/:subject") { request, context in
            let subject = try context.parameters.require("subject")
            let permanent = request.uri.queryParameters.get("permanent") == "true"
            return handle { try registry.deleteSubject(subject, permanent: permanent) }
        }
        router.get("/schemas/ids/:id") { _, context in
            handle { RegistryResponses.schema(try registry.schema(byID: try id(context))) }
        }
        router.get("/schemas/ids/:id/versions") { _, context in
            handle {
                let id = try id(context)
                _ = try registry.schema(byID: id)
                return registry.subjectVersions(usingID: id).map { ["subject": $0.subject, "version": $0.version] as [String: Any] }
            }
        }
        router.get("/config") { _, _ in
            handle { ["compatibilityLevel": try registry.compatibilityLevel(subject: nil, fallBackToGlobal: true).rawValue] }
        }
        router.put("/config") { request, _ in
            let body = try await collect(request)
            return handle { try setLevel(body, subject: nil) }
        }
        router.get("/config/:subject") { request, context in
            let subject = try context.parameters.require("subject")
            let fallBack = request.uri.queryParameters.get("defaultToGlobal") == "true"
            return handle { ["compatibilityLevel": try registry.compatibilityLevel(subject: subject, fallBackToGlobal: fallBack).rawValue] }
        }
        router.put("/config/:subject") { request, context in
            let subject = try context.parameters.require("subject")
            let body = try await collect(request)
            return handle { try setLevel(body, subject: subject) }
        }
        router.post("/compatibility/subjects/:subject/versions/:version") { request, context in
            let subject = try context.parameters.require("subject")
            let versionText = try context.parameters.require("version")
            let verbose = request.uri.queryParameters.get("verbose") == "true"
            let body = try await collect(request)
            return handle {
                let v = try RegistryResponses.parseVersion(versionText) { try registry.latest(subject: subject).version }
                return compatibility(try registry.compatibilityIssues(subject: subject, schema: try RegistryResponses.parseSchemaBody(body).0,
                                                                      version: v), verbose: verbose)
            }
        }
        router.post("/compatibility/subjects/:subject/versions") { request, context in
            let subject = try context.parameters.require("subject")
            let verbose = request.uri.queryParameters.get("verbose") == "true"
            let body = try await collect(request)
            return handle {
                compatibility(try registry.compatibilityIssues(subject: subject, schema: try RegistryResponses.parseSchemaBody(body).0,
                                                               version: nil), verbose: verbose)
            }
        }
    }

    private func version(_ context: BasicRequestContext) throws -> SubjectVersion {
        let subject = try context.parameters.require("subject")
        let v = try RegistryResponses.parseVersion(try context.parameters.require("version")) {
            try registry.latest(subject: subject).version
        }
        return try registry.version(subject: subject, version: v)
    }

    private func id(_ context: BasicRequestContext) throws -> Int {
        let text = try context.parameters.require("id")
        guard let id = Int(text) else { throw SchemaRegistryError.schemaNotFound() }
        return id
    }

    private func setLevel(_ body: ByteBuffer, subject: String?) throws -> [String: Any] {
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
        let text = object?["compatibility"] as? String ?? ""
        guard let level = CompatibilityLevel(text: text) else { throw SchemaRegistryError.invalidCompatibilityLevel(text) }
        try registry.setCompatibilityLevel(level, subject: subject)
        return ["compatibility": level.rawValue]
    }

    private func compatibility(_ issues: [String], verbose: Bool) -> [String: Any] {
        var out: [String: Any] = ["is_compatible": issues.isEmpty]
        if verbose { out["messages"] = issues }
        return out
    }

    private func collect(_ request: Request) async throws -> ByteBuffer {
        var request = request
        return try await request.collectBody(upTo: Self.maxBody)
    }

    /// Runs a registry call and renders its result or its Confluent error.
    private func handle(_ body: () throws -> Any) -> Response {
        do { return RegistryResponses.json(try body()) } catch let e as SchemaRegistryError {
            return RegistryResponses.error(e)
        } catch {
            return RegistryResponses.error(.backend("\(error)"))
        }
    }
}
