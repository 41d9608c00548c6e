import EddyCore

/// The incremental implementation of an aggregate, in ksqlDB's UDAF shape. State is a `Value` of
/// `intermediateType`, so windows, table aggregations and state stores can keep, serialize and
/// restore one per group without knowing the function.
public struct AggregateImplementation: Sendable {
    public let returnType: SQLType
    public let intermediateType: SQLType
    public let initialize: @Sendable () -> Value
    /// Folds one row's column arguments into the state.
    public let aggregate: @Sendable (_ arguments: [Value], _ state: inout Value) -> Void
    /// Retracts one row (table aggregations); nil when the function cannot undo (MIN, MAX, ...).
    public let undo: (@Sendable (_ arguments: [Value], _ state: inout Value) -> Void)?
    /// Combines two states (session windows merging).
    public let merge: @Sendable (_ a: Value, _ b: Value) -> Value
    /// Turns a state into the function's result.
    public let map: @Sendable (_ state: Value) -> Value
    /// Whether `merge` continues a fold exactly: `merge(fold(s, xs), fold(initialize(), ys))` is
    /// bit for bit `fold(s, xs ++ ys)` for every state and inputs. Only then may a combiner
    /// pre-aggregate rows upstream of a repartition (docs/design/combiner.md argues each case).
    public var exactMerge = false

    public init(returnType: SQLType, intermediateType: SQLType,
                initialize: @escaping @Sendable () -> Value,
                aggregate: @escaping @Sendable ([Value], inout Value) -> Void,
                undo: (@Sendable ([Value], inout Value) -> Void)?,
                merge: @escaping @Sendable (Value, Value) -> Value,
                map: @escaping @Sendable (Value) -> Value = { $0 }) {
        self.returnType = returnType
        self.intermediateType = intermediateType
        self.initialize = initialize
        self.aggregate = aggregate
        self.undo = undo
        self.merge = merge
        self.map = map
    }

    /// This implementation with `exactMerge` set.
    public func exactMerge(_ exact: Bool) -> AggregateImplementation {
        var copy = self
        copy.exactMerge = exact
        return copy
    }
}

/// One overload of an aggregate. Trailing `literalParameters` are initialisation arguments that must be
/// literals, such as the 3 in `TOPK(col, 3)`.
public struct AggregateSignature: Sendable {
    public var parameters: [ParamType]
    public var literalParameters: [ParamType]
    public var parameterNames: [String]
    public var returns: ParamType
    public var description: String?
    /// The position, in `parameters + literalParameters`, of a variadic parameter: a column one such as
    /// `VAR_ARG(BIGINT, STRING...)`, or a trailing literal one such as `MULTI_ARG(..., INT, STRING...)`.
    public var variadicIndex: Int?
    var make: @Sendable (_ columnTypes: [SQLType], _ literals: [Value], _ configuration: [String: String]) throws -> AggregateImplementation

    public init(_ parameters: [ParamType], literals: [ParamType] = [], names: [String] = [], returns: ParamType,
                description: String? = nil, variadicAt: Int? = nil,
                make: @escaping @Sendable ([SQLType], [Value]) throws -> AggregateImplementation) {
        self.init(parameters, literals: literals, names: names, returns: returns, description: description,
                  variadicAt: variadicAt, configured: { types, literals, _ in try make(types, literals) })
    }

    /// An overload whose implementation reads engine properties (ksqlDB's `Configurable` UDAFs, such as
    /// `ksql.functions.collect_list.limit`).
    public init(_ parameters: [ParamType], literals: [ParamType] = [], names: [String] = [], returns: ParamType,
                description: String? = nil, variadicAt: Int? = nil,
                configured make: @escaping @Sendable ([SQLType], [Value], [String: String]) throws -> AggregateImplementation) {
        self.parameters = parameters
        self.literalParameters = literals
        self.parameterNames = names
        self.returns = returns
        self.description = description
        self.variadicIndex = variadicAt
        self.make = make
    }

    var matchingSignature: Signature {
        Signature(parameters + literalParameters, names: parameterNames, variadicAt: variadicIndex, returns: returns) { _ in .null }
    }

    /// How many of `argumentCount` arguments are column arguments (the rest are literal initialisers).
    func columnCount(argumentCount: Int) -> Int {
        guard let vi = variadicIndex, vi < parameters.count else { return parameters.count }
        return parameters.count - 1 + (argumentCount - (parameters.count + literalParameters.count - 1))
    }
}

public protocol AggregateFunction: Sendable {
    static var name: String { get }
    static var description: String { get }
    static var signatures: [AggregateSignature] { get }
}

public struct AggregateDefinition: Sendable {
    public let name: String
    public let description: String
    public let signatures: [AggregateSignature]

    public init(name: String, description: String, signatures: [AggregateSignature]) {
        self.name = name
        self.description = description
        self.signatures = signatures
    }

    public init<F: AggregateFunction>(_ type: F.Type) {
        self.init(name: F.name, description: F.description, signatures: F.signatures)
    }
}

/// An aggregate call resolved at plan time.
public struct ResolvedAggregate: Sendable {
    public let name: String
    /// The cast type of each column argument (literal arguments excluded).
    public let argumentTypes: [SQLType]
    /// The literal initialisation arguments, already cast.
    public let literalArguments: [Value]
    public let implementation: AggregateImplementation

    public var returnType: SQLType { implementation.returnType }
    public var supportsUndo: Bool { implementation.undo != nil }

    /// A fresh accumulator for one group.
    public func makeAccumulator() -> Accumulator { Accumulator(implementation) }
}

/// A convenience holder of one group's state.
public struct Accumulator: Sendable {
    public let implementation: AggregateImplementation
    public var state: Value

    public init(_ implementation: AggregateImplementation, state: Value? = nil) {
        self.implementation = implementation
        self.state = state ?? implementation.initialize()
    }

    public mutating func add(_ arguments: [Value]) { implementation.aggregate(arguments, &state) }
    public mutating func undo(_ arguments: [Value]) { implementation.undo?(arguments, &state) }
    public mutating func merge(_ other: Accumulator) { state = implementation.merge(state, other.state) }
    public func result() -> Value { implementation.map(state) }
}
