import EddyCore

/// A table function turns one row into zero or more; its signatures' bodies return `.array(rows)`
/// and `returns` is the type of one produced value.
public protocol TableFunction: Sendable {
    static var name: String { get }
    static var description: String { get }
    static var signatures: [Signature] { get }
}

public struct TableFunctionDefinition: Sendable {
    public let name: String
    public let description: String
    public let signatures: [Signature]

    public init(name: String, description: String, signatures: [Signature]) {
        self.name = name
        self.description = description
        self.signatures = signatures
    }

    public init<F: TableFunction>(_ type: F.Type) {
        self.init(name: F.name, description: F.description, signatures: F.signatures)
    }
}

public struct ResolvedTableFunction: Sendable {
    public let name: String
    /// The type of each produced value.
    public let returnType: SQLType
    public let argumentTypes: [SQLType]
    public let invoke: @Sendable (inout FunctionArguments) throws -> [Value]
}
