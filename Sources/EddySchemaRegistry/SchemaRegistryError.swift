/// A registry failure with the Confluent REST API's HTTP status and error code, so the embedded
/// server can answer exactly what the real registry answers and the HTTP client can rebuild it.
public struct SchemaRegistryError: Error, Hashable, Sendable, CustomStringConvertible {
    public var httpStatus: Int
    public var errorCode: Int
    public var message: String

    public init(httpStatus: Int, errorCode: Int, message: String) {
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.message = message
    }

    public var description: String { "\(message); error code: \(errorCode)" }

    /// 40401: the subject has no (live) versions.
    public static func subjectNotFound(_ subject: String) -> SchemaRegistryError {
        .init(httpStatus: 404, errorCode: 40401, message: "Subject '\(subject)' not found.")
    }

    /// 40402: the subject exists but not this version.
    public static func versionNotFound(_ version: Int) -> SchemaRegistryError {
        .init(httpStatus: 404, errorCode: 40402, message: "Version \(version) not found.")
    }

    /// 40403: no schema with this id (or, for a lookup, no such schema under the subject).
    public static func schemaNotFound(id: Int? = nil) -> SchemaRegistryError {
        .init(httpStatus: 404, errorCode: 40403, message: id.map { "Schema \($0) not found" } ?? "Schema not found")
    }

    /// 409: the schema breaks the subject's compatibility level.
    public static func incompatible(_ details: [String]) -> SchemaRegistryError {
        let detail = details.isEmpty ? "" : " " + details.joined(separator: "; ")
        return .init(httpStatus: 409, errorCode: 409,
                     message: "Schema being registered is incompatible with an earlier schema for subject" + detail)
    }

    /// 42201: the schema text does not parse.
    public static func invalidSchema(_ reason: String) -> SchemaRegistryError {
        .init(httpStatus: 422, errorCode: 42201, message: "Invalid schema: \(reason)")
    }

    /// 42202: a version that is neither a positive number nor "latest".
    public static func invalidVersion(_ text: String) -> SchemaRegistryError {
        .init(httpStatus: 422, errorCode: 42202,
              message: "The specified version '\(text)' is not a valid version id. "
                + "Allowed values are between [1, 2^31-1] and the string \"latest\"")
    }

    /// 42203: an unknown compatibility level.
    public static func invalidCompatibilityLevel(_ text: String) -> SchemaRegistryError {
        .init(httpStatus: 422, errorCode: 42203, message: "Invalid compatibility level. Valid values are none, "
            + "backward, forward, full, backward_transitive, forward_transitive, and full_transitive")
    }

    /// 40408: a subject without its own compatibility level.
    public static func subjectLevelNotConfigured(_ subject: String) -> SchemaRegistryError {
        .init(httpStatus: 404, errorCode: 40408,
              message: "Subject '\(subject)' does not have subject-level compatibility configured")
    }

    /// 50001 and friends: the registry or the connection to it failed.
    public static func backend(_ message: String) -> SchemaRegistryError {
        .init(httpStatus: 500, errorCode: 50001, message: message)
    }
}
