import EddyCore
import EddyFunctions
import EddySQL

extension ExpressionCompiler {
    func compileFunctionCall(name: Identifier, args: [Expression], star: Bool, at location: SourceLocation,
                             whole: Expression) throws -> CompiledExpression {
        let fname = name.value.uppercased()
        if functions.isAggregate(fname) {
            // ksqlDB types the arguments first, so an unknown column inside the call wins.
            for arg in args {
                var lambdaNames: Set<String> = []
                arg.forEach { if case .lambda(let params, _) = $0.kind { lambdaNames.formUnion(params.map(\.value)) } }
                for ref in arg.columnReferences
                where !(ref.qualifier == nil && lambdaNames.contains(ref.name.value))
                    && (try? scope.resolve(qualifier: ref.qualifier, name: ref.name, at: ref.location)) == nil {
                    let shown = ref.qualifier.map { "\($0.value).\(ref.name.value)" } ?? ref.name.value
                    throw EddyError.analysis("Error in \(scope.clause) expression: Unknown column \(shown).", at: ref.location)
                }
            }
            throw EddyError.analysis("Aggregate functions can not be used in this context: \(SQLFormatter.format(whole))", at: location)
        }
        if functions.isTableFunction(fname) {
            throw EddyError.analysis("Table functions can only be used in the SELECT clause: \(SQLFormatter.format(whole))", at: location)
        }
        // First pass: type the non-lambda arguments, so lambda parameters can be typed from them.
        var compiledValues: [CompiledExpression] = []
        var argTypes: [ArgumentType] = []
        for arg in args {
            if case .lambda(let params, _) = arg.kind {
                argTypes.append(.lambda(arity: params.count, returnType: nil))
            } else if case .intervalUnit(let unit) = arg.kind {
                // Time-unit keywords only match INTERVALUNIT parameters; they reach the function as text.
                compiledValues.append(CompiledExpression(type: .string, constant: .string(unit.rawValue)))
                argTypes.append(.intervalUnit)
            } else {
                let c = try compile(arg)
                compiledValues.append(c)
                argTypes.append(c.type.map { .type($0) } ?? .null)
            }
        }
        var lambdas: [(arity: Int, base: Int, body: @Sendable ([Value]) -> Value)] = []
        var lambdaIndex = 0
        for (position, arg) in args.enumerated() {
            guard case .lambda(let params, let body) = arg.kind else { continue }
            let paramTypes = try withAnalysisLocation(location) {
                try functions.lambdaParameterTypes(function: fname, argumentTypes: argTypes, lambdaIndex: lambdaIndex)
            }
            var inner = self
            inner.inLambda = true
            let base = scope.rowWidth
            for (i, p) in params.enumerated() {
                let t = i < paramTypes.count ? paramTypes[i] : .string
                inner.scope.lambdaVariables.append((p.value, t, base + i))
            }
            let compiledBody = try inner.compile(body)
            argTypes[position] = .lambda(arity: params.count, returnType: compiledBody.type)
            lambdas.append((params.count, base, compiledBody.evaluate))
            lambdaIndex += 1
        }
        let resolved = try withAnalysisLocation(location) {
            try functions.resolveScalar(name: fname, argumentTypes: argTypes)
        }
        // Implicit casts to the parameter types the overload expects.
        let argFns: [@Sendable ([Value]) -> Value] = try compiledValues.enumerated().map { i, c in
            try coerce(c, to: i < resolved.argumentTypes.count ? resolved.argumentTypes[i] : c.type)
        }
        let invoke = resolved.invoke
        let sink = errors
        let context = FunctionContext(logError: { sink.report($0) })
        let lambdaSpecs = lambdas
        // Inside a lambda body a failed call fails the lambda too, as the Java exception would.
        let propagate = inLambda
        if lambdaSpecs.isEmpty {
            return CompiledExpression(type: resolved.returnType) { row in
                var a = FunctionArguments(values: argFns.map { $0(row) }, context: context)
                do { return try invoke(&a) } catch {
                    sink.report("Error computing expression \(fname): \(error)")
                    if propagate { LambdaFailure.raise() }
                    return .null
                }
            }
        }
        return CompiledExpression(type: resolved.returnType) { row in
            let ls = lambdaSpecs.map { spec in
                Lambda(arity: spec.arity) { params in
                    var r = Array(row.prefix(spec.base))
                    while r.count < spec.base { r.append(.null) }
                    r.append(contentsOf: params)
                    let result = spec.body(r)
                    if LambdaFailure.take() { throw LambdaEvaluationError() }
                    return result
                }
            }
            var a = FunctionArguments(values: argFns.map { $0(row) }, lambdas: ls, context: context)
            do { return try invoke(&a) } catch {
                sink.report("Error computing expression \(fname): \(error)")
                if propagate { LambdaFailure.raise() }
                return .null
            }
        }
    }

    /// Wraps an expression with an implicit cast when its type differs from `target`.
    func coerce(_ c: CompiledExpression, to target: SQLType?) throws -> @Sendable ([Value]) -> Value {
        guard let target, let from = c.type, from != target else { return c.evaluate }
        let cast = try Cast.compile(from: from, to: target)
        let f = c.evaluate, sink = errors
        return { row in
            do { return try cast(f(row)) } catch {
                sink.report("\(error)")
                return .null
            }
        }
    }

    /// Attaches a source position to analysis errors thrown by layers that do not know it.
    func withAnalysisLocation<T>(_ location: SourceLocation, _ body: () throws -> T) throws -> T {
        do { return try body() } catch var error as EddyError {
            if error.location == nil { error.location = location }
            throw error
        }
    }
}
