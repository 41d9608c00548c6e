import EddyCore

/// What a function may reach while it runs. ksqlDB's functions report bad input to the processing log
/// and return NULL instead of failing the query; `logError` is that log.
public struct FunctionContext: Sendable {
    public var logError: @Sendable (String) -> Void

    public init(logError: @escaping @Sendable (String) -> Void = { _ in }) {
        self.logError = logError
    }

    public static let silent = FunctionContext()
}

/// A compiled lambda argument, e.g. `(x, y) => x + y`.
public struct Lambda: Sendable {
    public let arity: Int
    public let call: @Sendable ([Value]) throws -> Value

    public init(arity: Int, call: @escaping @Sendable ([Value]) throws -> Value) {
        self.arity = arity
        self.call = call
    }
}

/// The arguments of one call. Lambdas are kept apart from values so the value array holds only data.
public struct FunctionArguments {
    /// Non-lambda arguments, in call order, already cast to `ResolvedScalar.argumentTypes`.
    public var values: [Value]
    /// Lambda arguments, in call order.
    public var lambdas: [Lambda]
    public var context: FunctionContext

    public init(values: [Value], lambdas: [Lambda] = [], context: FunctionContext = .silent) {
        self.values = values
        self.lambdas = lambdas
        self.context = context
    }

    @inlinable public subscript(_ i: Int) -> Value { values[i] }
    @inlinable public var count: Int { values.count }
}

/// The static type of one call argument, as the analyzer knows it.
public enum ArgumentType: Sendable, Hashable {
    case type(SQLType)
    /// An untyped NULL literal: it matches any parameter.
    case null
    /// A lambda; `returnType` is nil until the lambda body has been typed.
    case lambda(arity: Int, returnType: SQLType?)
    /// A time-unit keyword such as `DAYS` in `DATEADD(DAYS, 1, d)`; its value is passed as `.string("DAYS")`.
    case intervalUnit

    public var sqlType: SQLType? {
        if case .type(let t) = self { return t }
        return nil
    }
}

extension ArgumentType: CustomStringConvertible {
    /// As ksqlDB prints arguments in resolution errors: `null` for untyped NULL.
    public var description: String {
        switch self {
        case .type(let t): t.description
        case .null: "null"
        case .lambda(let arity, let ret):
            "LAMBDA<\(arity)>" + (ret.map { " => \($0)" } ?? "")
        case .intervalUnit: "INTERVALUNIT"
        }
    }
}

/// A scalar function call is compiled to one of these: no type dispatch remains per record.
public typealias ScalarInvoke = @Sendable (inout FunctionArguments) throws -> Value
