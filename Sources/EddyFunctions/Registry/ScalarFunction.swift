import EddyCore

/// ksqlDB's function categories, as SHOW FUNCTIONS prints them.
public enum FunctionCategory: String, Sendable, CaseIterable {
    case mathematical = "MATHEMATICAL"
    case string = "STRING"
    case regex = "REGULAR EXPRESSION"
    case conversions = "CONVERSIONS"
    case dateTime = "DATE / TIME"
    case json = "JSON"
    case array = "ARRAY"
    case map = "MAP"
    case nulls = "NULL"
    case lambda = "LAMBDA"
    case url = "URL"
    case other = "OTHER"
    case aggregate = "AGGREGATE"
    case table = "TABLE"
}

/// One SQL scalar function (or a small family sharing a name): self-describing, so the registry can
/// drive SHOW FUNCTIONS, DESCRIBE FUNCTION and the generated docs from it.
public protocol ScalarFunction: Sendable {
    /// The name as ksqlDB declares it; error messages quote it verbatim (e.g. `'least'`).
    static var name: String { get }
    static var category: FunctionCategory { get }
    static var description: String { get }
    static var signatures: [Signature] { get }
}

/// A registered scalar function: the registry's view of a `ScalarFunction` type.
public struct ScalarDefinition: Sendable {
    public let name: String
    public let category: FunctionCategory
    public let description: String
    public let signatures: [Signature]

    public init(name: String, category: FunctionCategory, description: String, signatures: [Signature]) {
        self.name = name
        self.category = category
        self.description = description
        self.signatures = signatures
    }

    public init<F: ScalarFunction>(_ type: F.Type) {
        self.init(name: F.name, category: F.category, description: F.description, signatures: F.signatures)
    }
}

/// A scalar call resolved at plan time.
public struct ResolvedScalar: Sendable {
    public let name: String
    public let returnType: SQLType
    /// The type each value argument must be cast to before the call.
    public let argumentTypes: [SQLType]
    public let invoke: ScalarInvoke
}
