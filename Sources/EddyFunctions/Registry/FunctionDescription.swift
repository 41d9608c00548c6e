import EddyCore

/// What SHOW FUNCTIONS and DESCRIBE FUNCTION print.
public struct FunctionDescription: Sendable, Hashable {
    public enum Kind: String, Sendable { case scalar = "SCALAR", aggregate = "AGGREGATE", table = "TABLE" }

    public struct Variation: Sendable, Hashable {
        /// e.g. `LPAD(input VARCHAR, length INT, padding VARCHAR)`
        public var signature: String
        public var returnType: String
        public var description: String
    }

    public var name: String
    public var kind: Kind
    public var category: String
    public var description: String
    public var author: String = "Confluent"
    public var variations: [Variation]
}

extension FunctionRegistry {
    /// Every function, sorted by name.
    public var allFunctions: [FunctionDescription] {
        var out: [FunctionDescription] = []
        for d in scalars.values {
            out.append(FunctionDescription(name: d.name.uppercased(), kind: .scalar, category: d.category.rawValue,
                                           description: d.description,
                                           variations: d.signatures.map { variation($0.render(name: d.name.uppercased()), $0.returns, $0.description, d.description) }))
        }
        for d in aggregates.values {
            out.append(FunctionDescription(name: d.name.uppercased(), kind: .aggregate, category: FunctionCategory.aggregate.rawValue,
                                           description: d.description,
                                           variations: d.signatures.map { variation($0.matchingSignature.render(name: d.name.uppercased()), $0.returns, $0.description, d.description) }))
        }
        for d in tableFunctions.values {
            out.append(FunctionDescription(name: d.name.uppercased(), kind: .table, category: FunctionCategory.table.rawValue,
                                           description: d.description,
                                           variations: d.signatures.map { variation($0.render(name: d.name.uppercased()), $0.returns, $0.description, d.description) }))
        }
        return out.sorted { $0.name < $1.name }
    }

    private func variation(_ sig: String, _ returns: ParamType, _ description: String?, _ fallback: String) -> FunctionDescription.Variation {
        .init(signature: sig, returnType: returns.description, description: description ?? fallback)
    }

    public func describe(_ name: String) throws -> FunctionDescription {
        guard let d = allFunctions.first(where: { $0.name == name.uppercased() }) else { throw Self.notFound(name) }
        return d
    }

    /// The reference page written to docs/functions.md.
    public func markdownDocumentation() -> String {
        var md = "# Function reference\n\nGenerated from Eddy's function registry by `eddy docs functions`; do not edit.\n"
        let all = allFunctions
        let groups = Dictionary(grouping: all, by: \.category)
        for category in groups.keys.sorted() {
            md += "\n## \(category)\n"
            for f in groups[category]! {
                md += "\n### \(f.name)\n\n\(f.description)\n\n"
                for v in f.variations {
                    md += "- `\(v.signature)` → `\(v.returnType)`"
                    if v.description != f.description { md += ": \(v.description)" }
                    md += "\n"
                }
            }
        }
        return md
    }
}
