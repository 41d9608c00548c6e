import Synchronization

/// A client for a Confluent-compatible Schema Registry over HTTP (libcurl).
///
/// Schemas by id never change, so they are cached for the client's life; registrations are cached
/// per (subject, schema). Every call blocks its thread: call it from the runtime's own threads or
/// through `SchemaRegistryClient.onRegistryThread` from async code.
public final class HTTPSchemaRegistryClient: SchemaRegistryClient {
    public let baseURLs: [String]
    public let options: RegistryConnectionOptions

    private struct Cache {
        var byID: [Int: RegisteredSchema] = [:]
        var registered: [String: [RegisteredSchema: Int]] = [:]
    }
    private let cache = Mutex(Cache())

    /// - Parameter urls: one or more base URLs (`schema.registry.url` may list several, comma-separated);
    ///   each call tries them in order until one answers.
    public init(urls: [String], options: RegistryConnectionOptions = RegistryConnectionOptions()) {
        self.baseURLs = urls.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.options = options
    }

    public convenience init(url: String, options: RegistryConnectionOptions = RegistryConnectionOptions()) {
        self.init(urls: url.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }, options: options)
    }

    // MARK: Transport

    private func call(_ method: String, _ path: String, body: Any? = nil) throws -> Any {
        let payload = body.map(RegistryJSON.encode)
        var lastError: Error = SchemaRegistryError.backend("No Schema Registry URL configured")
        for base in baseURLs {
            let response: CurlRequest.Response
            do { response = try CurlRequest.perform(method: method, url: base + path, body: payload, options: options) } catch {
                lastError = error
                continue
            }
            if (200..<300).contains(response.status) { return try RegistryJSON.decode(response.body) }
            let object = try? RegistryJSON.decode(response.body) as? [String: Any]
            throw SchemaRegistryError(httpStatus: response.status,
                                      errorCode: object?["error_code"] as? Int ?? response.status,
                                      message: object?["message"] as? String ?? String(decoding: response.body, as: UTF8.self))
        }
        throw lastError
    }

    private func subjectPath(_ subject: String) -> String { "/subjects/" + RegistryJSON.pathSegment(subject) }

    // MARK: SchemaRegistryClient

    public func register(subject: String, schema: RegisteredSchema) throws -> Int {
        if let id = cache.withLock({ $0.registered[subject]?[schema] }) { return id }
        let reply = try call("POST", subjectPath(subject) + "/versions", body: RegistryJSON.schemaBody(schema))
        guard let id = (reply as? [String: Any])?["id"] as? Int else { throw SchemaRegistryError.backend("Register returned no id") }
        cache.withLock {
            $0.registered[subject, default: [:]][schema] = id
            $0.byID[id] = $0.byID[id] ?? schema
        }
        return id
    }

    public func lookup(subject: String, schema: RegisteredSchema) throws -> SubjectVersion {
        let reply = try call("POST", subjectPath(subject), body: RegistryJSON.schemaBody(schema))
        guard let object = reply as? [String: Any] else { throw SchemaRegistryError.backend("Unexpected lookup reply") }
        return try RegistryJSON.subjectVersion(from: object)
    }

    public func schema(byID id: Int) throws -> RegisteredSchema {
        if let s = cache.withLock({ $0.byID[id] }) { return s }
        guard let object = try call("GET", "/schemas/ids/\(id)") as? [String: Any] else {
            throw SchemaRegistryError.backend("Unexpected schema reply")
        }
        let schema = try RegistryJSON.schema(from: object)
        cache.withLock { $0.byID[id] = schema }
        return schema
    }

    public func latest(subject: String) throws -> SubjectVersion {
        try versionReply(try call("GET", subjectPath(subject) + "/versions/latest"))
    }

    public func version(subject: String, version: Int) throws -> SubjectVersion {
        try versionReply(try call("GET", subjectPath(subject) + "/versions/\(version)"))
    }

    private func versionReply(_ reply: Any) throws -> SubjectVersion {
        guard let object = reply as? [String: Any] else { throw SchemaRegistryError.backend("Unexpected version reply") }
        let v = try RegistryJSON.subjectVersion(from: object)
        cache.withLock { $0.byID[v.id] = $0.byID[v.id] ?? v.schema }
        return v
    }

    public func subjects() throws -> [String] {
        guard let list = try call("GET", "/subjects") as? [String] else { throw SchemaRegistryError.backend("Unexpected subjects reply") }
        return list.sorted()
    }

    public func versions(subject: String) throws -> [Int] {
        guard let list = try call("GET", subjectPath(subject) + "/versions") as? [Int] else {
            throw SchemaRegistryError.backend("Unexpected versions reply")
        }
        return list
    }

    public func compatibilityIssues(subject: String, schema: RegisteredSchema, version: Int?) throws -> [String] {
        let path = "/compatibility" + subjectPath(subject) + "/versions" + (version.map { "/\($0)" } ?? "") + "?verbose=true"
        let reply: Any
        do { reply = try call("POST", path, body: RegistryJSON.schemaBody(schema)) } catch let e as SchemaRegistryError
            where version == nil && e.errorCode == 40401 {
            return []  // A subject with no versions accepts anything.
        }
        guard let object = reply as? [String: Any], let ok = object["is_compatible"] as? Bool else {
            throw SchemaRegistryError.backend("Unexpected compatibility reply")
        }
        if ok { return [] }
        let messages = object["messages"] as? [String] ?? []
        return messages.isEmpty ? ["Schema is incompatible"] : messages
    }

    @discardableResult
    public func deleteSubject(_ subject: String, permanent: Bool) throws -> [Int] {
        guard let list = try call("DELETE", subjectPath(subject) + (permanent ? "?permanent=true" : "")) as? [Int] else {
            throw SchemaRegistryError.backend("Unexpected delete reply")
        }
        cache.withLock { $0.registered[subject] = nil }
        return list
    }

    public func compatibilityLevel(subject: String?, fallBackToGlobal: Bool) throws -> CompatibilityLevel {
        let path = subject.map { "/config/" + RegistryJSON.pathSegment($0) + (fallBackToGlobal ? "?defaultToGlobal=true" : "") } ?? "/config"
        guard let object = try call("GET", path) as? [String: Any],
              let text = object["compatibilityLevel"] as? String ?? object["compatibility"] as? String,
              let level = CompatibilityLevel(text: text) else {
            throw SchemaRegistryError.backend("Unexpected config reply")
        }
        return level
    }

    public func setCompatibilityLevel(_ level: CompatibilityLevel, subject: String?) throws {
        let path = subject.map { "/config/" + RegistryJSON.pathSegment($0) } ?? "/config"
        _ = try call("PUT", path, body: ["compatibility": level.rawValue])
    }
}
