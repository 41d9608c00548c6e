import EddyCore

/// Every function Eddy knows, by upper-cased name. Built once; immutable and shareable.
public final class FunctionRegistry: Sendable {
    let scalars: [String: ScalarDefinition]
    let aggregates: [String: AggregateDefinition]
    let tableFunctions: [String: TableFunctionDefinition]

    /// Engine properties that configurable functions read (`ksql.functions.<name>.<setting>`).
    public let configuration: [String: String]

    public init(scalars: [ScalarDefinition], aggregates: [AggregateDefinition], tableFunctions: [TableFunctionDefinition],
                configuration: [String: String] = [:]) {
        self.configuration = configuration
        var s: [String: ScalarDefinition] = [:]
        for d in scalars {
            let key = d.name.uppercased()
            if let existing = s[key] {
                // Families may be declared in several types; their overloads pool under one name.
                s[key] = ScalarDefinition(name: existing.name, category: existing.category,
                                          description: existing.description,
                                          signatures: existing.signatures + d.signatures)
            } else {
                s[key] = d
            }
        }
        self.scalars = s
        self.aggregates = Dictionary(aggregates.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        self.tableFunctions = Dictionary(tableFunctions.map { ($0.name.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
    }

    public static let builtin = FunctionRegistry(
        scalars: BuiltinFunctions.scalars, aggregates: BuiltinFunctions.aggregates,
        tableFunctions: BuiltinFunctions.tableFunctions)

    /// A registry with extra functions; later definitions add overloads to same-named scalars.
    public func adding(scalars: [ScalarDefinition] = [], aggregates: [AggregateDefinition] = [],
                       tableFunctions: [TableFunctionDefinition] = []) -> FunctionRegistry {
        FunctionRegistry(scalars: Array(self.scalars.values) + scalars,
                         aggregates: Array(self.aggregates.values) + aggregates,
                         tableFunctions: Array(self.tableFunctions.values) + tableFunctions,
                         configuration: configuration)
    }

    /// The same functions, reading `properties` (only the `ksql.functions.` ones matter). Returns self
    /// when nothing function-related is set, so the common case costs nothing.
    public func configured(_ properties: [String: String]) -> FunctionRegistry {
        let relevant = properties.filter { $0.key.hasPrefix("ksql.functions.") }
        if relevant == configuration { return self }
        return FunctionRegistry(scalars: Array(scalars.values), aggregates: Array(aggregates.values),
                                tableFunctions: Array(tableFunctions.values), configuration: relevant)
    }

    public func scalar(named name: String) -> ScalarDefinition? { scalars[name.uppercased()] }
    public func aggregate(named name: String) -> AggregateDefinition? { aggregates[name.uppercased()] }
    public func tableFunction(named name: String) -> TableFunctionDefinition? { tableFunctions[name.uppercased()] }

    public func isAggregate(_ name: String) -> Bool { aggregates[name.uppercased()] != nil }
    public func isTableFunction(_ name: String) -> Bool { tableFunctions[name.uppercased()] != nil }
    public func exists(_ name: String) -> Bool {
        let key = name.uppercased()
        return scalars[key] != nil || aggregates[key] != nil || tableFunctions[key] != nil
    }

    static func notFound(_ name: String) -> EddyError {
        .analysis("Can't find any functions with the name '\(name)'")
    }

    public func resolveScalar(name: String, argumentTypes: [ArgumentType]) throws -> ResolvedScalar {
        guard let def = scalar(named: name) else { throw Self.notFound(name) }
        let resolver = OverloadResolver(name: def.name, signatures: def.signatures)
        let match = try resolver.resolve(argumentTypes)
        let valueTypes = OverloadResolver.valueArgumentTypes(match, argumentTypes)
        let returnType = try Self.returnType(of: match, valueTypes: valueTypes, function: def.name)
        return ResolvedScalar(name: def.name, returnType: returnType, argumentTypes: valueTypes,
                              invoke: match.signature.make(valueTypes, returnType))
    }

    /// The parameter types of the lambda at `lambdaIndex` (counting lambdas only), bound from the
    /// other arguments. Lambda arguments may still have a nil return type.
    public func lambdaParameterTypes(function name: String, argumentTypes: [ArgumentType], lambdaIndex: Int) throws -> [SQLType] {
        guard let def = scalar(named: name) ?? tableFunction(named: name).map({
            ScalarDefinition(name: $0.name, category: .table, description: $0.description, signatures: $0.signatures)
        }) else { throw Self.notFound(name) }
        let match = try OverloadResolver(name: def.name, signatures: def.signatures).resolve(argumentTypes)
        var seen = 0
        for (param, argument) in zip(match.expanded, argumentTypes) {
            guard case .lambda = argument, case .lambda(let inputs, _) = param else { continue }
            if seen == lambdaIndex {
                return try inputs.map {
                    guard let t = match.bindings.resolve($0) else {
                        throw EddyError.analysis("Cannot infer the lambda parameter types of '\(def.name)'.")
                    }
                    return t
                }
            }
            seen += 1
        }
        throw EddyError.analysis("Function '\(def.name)' has no lambda argument at position \(lambdaIndex + 1).")
    }

    static func returnType(of match: OverloadResolver.Match, valueTypes: [SQLType], function: String) throws -> SQLType {
        if let resolver = match.signature.returnTypeResolver { return try resolver(valueTypes) }
        if let t = match.bindings.resolve(match.signature.returns) { return t }
        if case .anyStruct = match.signature.returns, let t = valueTypes.first(where: { $0.base == .struct }) { return t }
        throw EddyError.analysis("Cannot infer the return type of '\(function)' from its arguments.")
    }

    /// Resolves an aggregate. `argumentTypes` covers every argument; `literalArguments` holds the value of
    /// each argument that is a literal (nil otherwise), so trailing initialisation arguments can be read.
    public func resolveAggregate(name: String, argumentTypes: [ArgumentType], literalArguments: [Value?] = [],
                                 argumentTexts: [String] = []) throws -> ResolvedAggregate {
        guard let def = aggregate(named: name) else { throw Self.notFound(name) }
        let resolver = OverloadResolver(name: def.name, signatures: def.signatures.map(\.matchingSignature))
        let match = try resolver.resolve(argumentTypes)
        let sig = def.signatures[match.index]
        let types = OverloadResolver.valueArgumentTypes(match, argumentTypes)
        let columnCount = sig.columnCount(argumentCount: argumentTypes.count)
        var literals: [Value] = []
        for i in columnCount..<argumentTypes.count {
            guard i < literalArguments.count, let literal = literalArguments[i] else {
                let text = i < argumentTexts.count ? argumentTexts[i] : "?"
                throw EddyError.analysis("Parameter \(i + 1) passed to function \(def.name.uppercased()) must be a literal constant, but was expression: '\(text)'")
            }
            literals.append(ValueCasting.widen(literal, to: types[i]))
        }
        let columnTypes = Array(types.prefix(columnCount))
        let implementation = try sig.make(columnTypes, literals, configuration)
        return ResolvedAggregate(name: def.name, argumentTypes: columnTypes, literalArguments: literals,
                                 implementation: implementation)
    }

    public func resolveTableFunction(name: String, argumentTypes: [ArgumentType]) throws -> ResolvedTableFunction {
        guard let def = tableFunction(named: name) else { throw Self.notFound(name) }
        let match = try OverloadResolver(name: def.name, signatures: def.signatures).resolve(argumentTypes)
        let valueTypes = OverloadResolver.valueArgumentTypes(match, argumentTypes)
        let returnType = try Self.returnType(of: match, valueTypes: valueTypes, function: def.name)
        let body = match.signature.make(valueTypes, returnType)
        return ResolvedTableFunction(name: def.name, returnType: returnType, argumentTypes: valueTypes) { args in
            guard case .array(let rows) = try body(&args) else { return [] }
            return rows
        }
    }
}
