import EddyCore

/// How an overload treats NULL arguments, for DESCRIBE FUNCTION and the reference docs.
public enum NullPolicy: String, Sendable {
    /// Any NULL argument gives NULL without calling the body (most ksqlDB functions).
    case nullOnNullInput = "Returns NULL if any argument is NULL."
    /// The function handles NULLs itself (COALESCE, IFNULL, CONCAT, aggregates, ...).
    case custom = ""
}

/// One overload of a scalar function: its parameters, return type and a factory that builds the
/// per-record closure once the argument types are known.
public struct Signature: Sendable {
    public var parameters: [ParamType]
    public var parameterNames: [String]
    /// The position of the variadic parameter (declared by its element type), if any.
    public var variadicIndex: Int?
    public var returns: ParamType
    public var description: String?
    public var nullPolicy: NullPolicy = .custom
    /// Computes the return type from the value arguments' cast types; nil when `returns` suffices.
    var returnTypeResolver: (@Sendable ([SQLType]) throws -> SQLType)?
    /// Builds the invocation from the value arguments' cast types and the return type.
    var make: @Sendable ([SQLType], SQLType) -> ScalarInvoke

    public var isVariadic: Bool { variadicIndex != nil }

    /// An overload whose body does not depend on the argument types.
    public init(_ parameters: [ParamType], names: [String] = [], variadic: Bool = false, variadicAt: Int? = nil,
                returns: ParamType, description: String? = nil, _ body: @escaping ScalarInvoke) {
        self.init(parameters, names: names, variadic: variadic, variadicAt: variadicAt, returns: returns,
                  description: description, returnType: nil, make: { _, _ in body })
    }

    /// An overload whose return type or body depends on the argument types (decimals, generics).
    public init(_ parameters: [ParamType], names: [String] = [], variadic: Bool = false, variadicAt: Int? = nil,
                returns: ParamType, description: String? = nil,
                returnType: (@Sendable ([SQLType]) throws -> SQLType)?,
                make: @escaping @Sendable ([SQLType], SQLType) -> ScalarInvoke) {
        self.parameters = parameters
        self.parameterNames = names
        self.variadicIndex = variadicAt ?? (variadic ? parameters.count - 1 : nil)
        self.returns = returns
        self.description = description
        self.returnTypeResolver = returnType
        self.make = make
    }

    var genericCount: Int { parameters.filter(\.hasGenerics).count }

    /// ksqlDB's rendering in error messages and DESCRIBE FUNCTION, e.g. `least(INT, INT...)`.
    public func render(name: String) -> String {
        var parts: [String] = []
        for (i, p) in parameters.enumerated() {
            var s = p.description + (i == variadicIndex ? "..." : "")
            if i < parameterNames.count, !parameterNames[i].isEmpty { s += " " + parameterNames[i] }
            parts.append(s)
        }
        return name + "(" + parts.joined(separator: ", ") + ")"
    }

    /// The parameter each of `count` arguments binds to, or nil if the count does not fit.
    func expanded(toArgumentCount count: Int) -> [ParamType]? {
        guard let vi = variadicIndex else { return count == parameters.count ? parameters : nil }
        let fixed = parameters.count - 1
        guard count >= fixed else { return nil }
        return Array(parameters[..<vi]) + Array(repeating: parameters[vi], count: count - fixed)
            + Array(parameters[(vi + 1)...])
    }
}
