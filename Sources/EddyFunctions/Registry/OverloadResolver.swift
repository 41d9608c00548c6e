import EddyCore

/// ksqlDB's UdfIndex rules over a list of signatures: exact matches first, then implicit widening;
/// among matches prefer non-variadic, then more declared parameters, then fewer generics; a tie is
/// ambiguous.
struct OverloadResolver {
    let name: String
    let signatures: [Signature]

    struct Match {
        let index: Int
        let signature: Signature
        let expanded: [ParamType]
        let bindings: GenericBindings

        var rank: (Int, Int, Int) {
            (signature.isVariadic ? 0 : 1, signature.parameters.count, -signature.genericCount)
        }
    }

    func resolve(_ arguments: [ArgumentType]) throws -> Match {
        for allowCasts in [false, true] {
            let matches = signatures.indices.compactMap { match($0, arguments, allowCasts: allowCasts) }
            if matches.isEmpty { continue }
            let best = matches.max { $0.rank < $1.rank }!
            if matches.filter({ $0.rank == best.rank }).count > 1 {
                throw EddyError.analysis(
                    "Function '\(name)' cannot be resolved due to ambiguous method parameters \(render(arguments))."
                        + "\nUse CAST() to explicitly cast your parameters to one of the supported function calls."
                        + "\nValid function calls are:\n\(alternatives)"
                        + "\nFor detailed information on a function run: DESCRIBE FUNCTION <Function-Name>;")
            }
            return best
        }
        throw EddyError.analysis(
            "Function '\(name)' does not accept parameters \(render(arguments))."
                + "\nValid alternatives are:\n\(alternatives)"
                + "\nFor detailed information on a function run: DESCRIBE FUNCTION <Function-Name>;")
    }

    private var alternatives: String {
        signatures.map { $0.render(name: name) }.joined(separator: "\n")
    }

    private func render(_ arguments: [ArgumentType]) -> String {
        "(" + arguments.map(\.description).joined(separator: ", ") + ")"
    }

    func match(_ index: Int, _ arguments: [ArgumentType], allowCasts: Bool) -> Match? {
        let signature = signatures[index]
        guard let params = signature.expanded(toArgumentCount: arguments.count) else { return nil }
        var bindings = GenericBindings()
        for (param, argument) in zip(params, arguments) {
            switch argument {
            case .null:
                continue
            case .intervalUnit:
                guard case .intervalUnit = param else { return nil }
            case .lambda(let arity, let returnType):
                guard case .lambda(let inputs, let output) = param, inputs.count == arity else { return nil }
                guard let returnType else { continue }
                if output.hasGenerics {
                    guard bindings.reserve(output, returnType) else { return nil }
                } else if !ParamMatching.exact(output, returnType)
                            && !(allowCasts && ParamMatching.widens(returnType, to: output)) {
                    return nil
                }
            case .type(let type):
                if param.isLambda || param == .intervalUnit { return nil }
                if param.hasGenerics {
                    guard bindings.reserve(param, type) else { return nil }
                } else if !ParamMatching.exact(param, type) && !(allowCasts && ParamMatching.widens(type, to: param)) {
                    return nil
                }
            }
        }
        return Match(index: index, signature: signature, expanded: params, bindings: bindings)
    }

    /// The cast type of each non-lambda argument under a match.
    static func valueArgumentTypes(_ match: Match, _ arguments: [ArgumentType]) -> [SQLType] {
        var result: [SQLType] = []
        for (param, argument) in zip(match.expanded, arguments) {
            if case .lambda = argument { continue }
            if param.hasGenerics {
                result.append(match.bindings.resolve(param) ?? argument.sqlType ?? .string)
            } else {
                result.append(ParamMatching.targetType(for: param, argument: argument.sqlType) ?? argument.sqlType ?? .string)
            }
        }
        return result
    }
}
