/// The imported files ksqlDB's protobuf mapping relies on, built in so schemas that import them
/// resolve without the registry holding them (Confluent's serializers treat them the same way).
enum ProtoWellKnownFiles {
    static let wrappers = "google/protobuf/wrappers.proto"
    static let timestamp = "google/protobuf/timestamp.proto"
    static let date = "google/type/date.proto"
    static let timeOfDay = "google/type/timeofday.proto"
    static let decimal = "confluent/type/decimal.proto"
    static let meta = "confluent/meta.proto"

    static let files: [String: String] = [
        wrappers: """
            syntax = "proto3"; package google.protobuf;
            message DoubleValue { double value = 1; }
            message FloatValue { float value = 1; }
            message Int64Value { int64 value = 1; }
            message UInt64Value { uint64 value = 1; }
            message Int32Value { int32 value = 1; }
            message UInt32Value { uint32 value = 1; }
            message BoolValue { bool value = 1; }
            message StringValue { string value = 1; }
            message BytesValue { bytes value = 1; }
            """,
        timestamp: #"syntax = "proto3"; package google.protobuf; message Timestamp { int64 seconds = 1; int32 nanos = 2; }"#,
        date: #"syntax = "proto3"; package google.type; message Date { int32 year = 1; int32 month = 2; int32 day = 3; }"#,
        timeOfDay: """
            syntax = "proto3"; package google.type;
            message TimeOfDay { int32 hours = 1; int32 minutes = 2; int32 seconds = 3; int32 nanos = 4; }
            """,
        decimal: #"syntax = "proto3"; package confluent.type; message Decimal { bytes value = 1; uint32 precision = 2; int32 scale = 3; }"#,
        meta: #"syntax = "proto3"; package confluent; message Meta { string doc = 1; map<string, string> params = 2; }"#,
    ]

    /// The file that defines a well-known type, for rendering imports.
    static func file(for type: ProtoWellKnownType) -> String {
        switch type {
        case .timestamp: timestamp
        case .date: date
        case .timeOfDay: timeOfDay
        case .decimal: decimal
        default: wrappers
        }
    }
}
