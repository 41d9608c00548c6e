import EddyCore
import EddyFormats

/// One runnable conformance case, after `{FORMAT}` expansion.
public struct ConformanceCase: Sendable {
    public var file: String
    public var name: String
    public var statements: [String]
    public var properties: [String: String]
    public var topics: [TopicSpec]
    public var inputs: [RecordSpec]
    public var outputs: [RecordSpec]
    public var expectedError: ExpectedError?
    public var postSources: [PostSource]
    /// `post.topics.topics`: registered key/value schemas to compare.
    public var postTopicSchemas: [PostTopicSchema] = []
    public var skipReason: String?
    /// REST test files: the expected response per statement (`admin`, `query` …).
    public var responses: [JSONValue] = []
    /// A REST API case (`responses`/`expectedError`): each statement is its own request.
    public var isRest = false
    /// For `--@test` .sql files: the case's script, run statement by statement with its ASSERTs.
    public var script: String?

    public struct TopicSpec: Sendable {
        public var name: String
        public var partitions: Int
        public var keyFormat: String?
        public var valueFormat: String?
        public var keySchema: JSONValue?
        public var valueSchema: JSONValue?
        /// Ids the schemas must be registered with (`keySchemaId`, `valueSchemaId`).
        public var keySchemaId: Int? = nil
        public var valueSchemaId: Int? = nil
        /// The whole topic entry, for fields only some formats use (schema ids and references).
        public var raw: JSONValue? = nil
    }

    public struct RecordSpec: Sendable {
        public var topic: String
        public var key: JSONValue?
        public var value: JSONValue
        public var timestamp: Int64?
        public var partition: Int32?
        public var headers: [(String, [UInt8]?)]?
        public var window: WindowSpec?
    }

    public struct WindowSpec: Sendable, Equatable {
        public var start: Int64
        public var end: Int64
        public var type: String
    }

    public struct ExpectedError: Sendable {
        public var type: String
        public var message: String?
    }

    public struct PostSource: Sendable {
        public var name: String
        public var type: String?
        public var schema: String?
        public var keyFormat: JSONValue?
        public var valueFormat: String?
        public var isWindowed: Bool?
    }

    public struct PostTopicSchema: Sendable {
        public var topic: String
        public var keySchema: JSONValue?
        public var valueSchema: JSONValue?
    }
}
