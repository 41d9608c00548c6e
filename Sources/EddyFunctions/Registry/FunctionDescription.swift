import EddyCore

/// What SHOW FUNCTIONS and DESCRIBE FUNCTION report, in the shape of ksqlDB's `FunctionDescriptionList`.
public struct FunctionDescription: Sendable, Hashable {
    public enum Kind: String, Sendable { case scalar = "SCALAR", aggregate = "AGGREGATE", table = "TABLE" }

    public struct Argument: Sendable, Hashable {
        public var name: String
        public var type: String
        public var isVariadic: Bool

        /// As ksqlDB's CLI prints an argument: `name TYPE`, with `[]` after a variadic type.
        public var text: String {
            let t = type + (isVariadic ? "[]" : "")
            return name.isEmpty ? t : "\(name) \(t)"
        }
    }

    public struct Variation: Sendable, Hashable {
        public var arguments: [Argument]
        public var returnType: String
        public var description: String
        public var nullPolicy: NullPolicy
    }

    public var name: String
    public var kind: Kind
    public var category: String
    public var description: String
    public var author: String = "Confluent"
    public var version: String = ""
    /// ksqlDB prints the jar a UDF came from; builtins are `internal`.
    public var path: String = "internal"
    public var variations: [Variation]

    /// `NAME(arg TYPE, ...)`, the heading of one variation.
    public func signature(of v: Variation) -> String {
        name + "(" + v.arguments.map(\.text).joined(separator: ", ") + ")"
    }
}

extension FunctionRegistry {
    /// Every function, sorted by name.
    public var allFunctions: [FunctionDescription] {
        var out: [FunctionDescription] = []
        for d in scalars.values {
            out.append(describe(d.name, .scalar, d.category, d.description, d.signatures))
        }
        for d in aggregates.values {
            out.append(describe(d.name, .aggregate, .aggregate, d.description, d.signatures.map(\.matchingSignature)))
        }
        for d in tableFunctions.values {
            out.append(describe(d.name, .table, .table, d.description, d.signatures))
        }
        return out.sorted { $0.name < $1.name }
    }

    private func describe(_ name: String, _ kind: FunctionDescription.Kind, _ category: FunctionCategory,
                          _ description: String, _ signatures: [Signature]) -> FunctionDescription {
        let variations = signatures.map { sig in
            FunctionDescription.Variation(
                arguments: sig.parameters.enumerated().map { i, p in
                    .init(name: i < sig.parameterNames.count ? sig.parameterNames[i] : "", type: p.description,
                          isVariadic: i == sig.variadicIndex)
                },
                returnType: sig.returns.description, description: sig.description ?? "",
                nullPolicy: sig.nullPolicy)
        }
        return FunctionDescription(name: name.uppercased(), kind: kind, category: category.rawValue,
                                   description: description, variations: variations)
    }

    public func describe(_ name: String) throws -> FunctionDescription {
        guard let d = allFunctions.first(where: { $0.name == name.uppercased() }) else { throw Self.notFound(name) }
        return d
    }
}
