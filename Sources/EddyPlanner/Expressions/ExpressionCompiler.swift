import EddyCore
import EddyFunctions
import EddySQL

/// Type-checks an expression against a `Scope` and compiles it into a closure, in one pass.
public struct ExpressionCompiler: Sendable {
    public var scope: Scope
    public var functions: FunctionRegistry
    public var customTypes: @Sendable (String) -> SQLType?
    public var errors: EvaluationErrorSink
    /// True while compiling a lambda body, where NULL arithmetic fails the enclosing call (see `LambdaFailure`).
    var inLambda = false

    public init(scope: Scope, functions: FunctionRegistry, customTypes: @escaping @Sendable (String) -> SQLType? = { _ in nil },
                errors: EvaluationErrorSink = .ignore) {
        self.scope = scope
        self.functions = functions
        self.customTypes = customTypes
        self.errors = errors
    }

    public func compile(_ e: Expression) throws -> CompiledExpression {
        let compiled = try compileNode(e)
        // Fold constant sub-trees once, so literal arithmetic and casts cost nothing per record.
        if compiled.constant == nil, e.isConstant {
            return CompiledExpression(type: compiled.type, constant: compiled.evaluate([]))
        }
        return compiled
    }

    /// Compiles and requires a BOOLEAN (or NULL) result, with ksqlDB's wording for the clause.
    public func compilePredicate(_ e: Expression, clause: String) throws -> CompiledExpression {
        let c: CompiledExpression
        do {
            c = try compile(e)
        } catch var error as EddyError where error.message.hasPrefix("Error processing expression: ") {
            // ksqlDB's filter validation frames the type checker's errors with the clause.
            error.message = "Error in \(clause) expression: " + error.message
            throw error
        }
        if let t = c.type, t != .boolean {
            throw EddyError.analysis(
                "Type error in \(clause) expression: Should evaluate to boolean but is \(SQLFormatter.format(e)) (\(t)) instead.",
                at: e.location)
        }
        return c
    }

    func compileNode(_ e: Expression) throws -> CompiledExpression {
        switch e.kind {
        case .literal(let lit):
            return CompiledExpression(type: lit.sqlType, constant: lit.value)
        case .intervalUnit(let unit):
            return CompiledExpression(type: .string, constant: .string(unit.rawValue))
        case .column(let qualifier, let name):
            if qualifier == nil, let lv = scope.lambdaVariable(name.value) {
                let i = lv.index
                return CompiledExpression(type: lv.type) { $0[i] }
            }
            let entry = try scope.resolve(qualifier: qualifier, name: name, at: e.location)
            return CompiledExpression(type: entry.type, slot: entry.index)
        case .lambdaVariable(let name):
            guard let lv = scope.lambdaVariable(name.value) else {
                throw EddyError.analysis("Unknown lambda variable '\(name.value)'.", at: e.location)
            }
            let i = lv.index
            return CompiledExpression(type: lv.type) { $0[i] }
        case .dereference(let base, let field):
            return try compileDereference(base, field: field, at: e.location)
        case .subscript(let base, let index):
            return try compileSubscript(base, index: index, at: e.location)
        case .functionCall(let name, let args, let star):
            return try compileFunctionCall(name: name, args: args, star: star, at: e.location, whole: e)
        case .lambda:
            throw EddyError.analysis("Lambda expressions are only valid as function arguments: \(e)", at: e.location)
        case .unary(let op, let operand):
            return try compileUnary(op, operand, whole: e)
        case .not(let operand):
            return try compileNot(operand)
        case .arithmetic(let op, let l, let r):
            return try compileArithmetic(op, l, r, whole: e)
        case .comparison(let op, let l, let r):
            return try compileComparison(op, l, r, whole: e)
        case .logical(let op, let l, let r):
            return try compileLogical(op, l, r)
        case .isNull(let operand, let negated):
            let c = try compile(operand)
            let f = c.evaluate
            return CompiledExpression(type: .boolean) { .bool(f($0).isNull != negated) }
        case .between(let value, let low, let high):
            return try compileBetween(value, low, high, whole: e)
        case .inList(let value, let list):
            return try compileIn(value, list, whole: e)
        case .like(let value, let pattern, let escape):
            return try compileLike(value, pattern: pattern, escape: escape, whole: e)
        case .searchedCase(let whens, let otherwise):
            return try compileSearchedCase(whens, otherwise, whole: e)
        case .simpleCase(let operand, let whens, let otherwise):
            return try compileSimpleCase(operand, whens, otherwise, whole: e)
        case .cast(let operand, let typeSyntax):
            return try compileCast(operand, typeSyntax, whole: e)
        case .array(let elements):
            return try compileArrayConstructor(elements, whole: e)
        case .map(let entries):
            return try compileMapConstructor(entries, whole: e)
        case .structConstructor(let entries):
            return try compileStructConstructor(entries)
        }
    }

    func resolveType(_ syntax: TypeSyntax, at location: SourceLocation) throws -> SQLType {
        if let t = syntax.resolve(customTypes) { return t }
        let name = syntax.firstCustomName ?? syntax.description
        throw EddyError.analysis("Unknown type: \(name)", at: location)
    }
}

extension Literal {
    /// The SQL type of a literal; nil for NULL, which takes the type its context needs.
    var sqlType: SQLType? {
        switch self {
        case .null: nil
        case .boolean: .boolean
        case .integer: .int
        case .bigint: .bigint
        case .decimal(let d): .decimal(precision: max(d.precision, d.scale), scale: d.scale)
        case .double: .double
        case .string: .string
        }
    }
}

extension Expression {
    /// True when the expression reads no column (so it can be folded at plan time).
    /// Non-deterministic functions are never folded.
    var isConstant: Bool {
        switch kind {
        case .literal, .intervalUnit: true
        case .column, .lambdaVariable, .lambda: false
        case .functionCall(let name, let args, _):
            !Self.nonDeterministic.contains(name.value) && args.allSatisfy(\.isConstant)
        case .dereference(let b, _): b.isConstant
        case .subscript(let b, let i): b.isConstant && i.isConstant
        case .unary(_, let x), .not(let x), .isNull(let x, _), .cast(let x, _): x.isConstant
        case .arithmetic(_, let l, let r), .comparison(_, let l, let r), .logical(_, let l, let r):
            l.isConstant && r.isConstant
        case .between(let v, let l, let h): v.isConstant && l.isConstant && h.isConstant
        case .inList(let v, let list): v.isConstant && list.allSatisfy(\.isConstant)
        case .like(let v, let p, _): v.isConstant && p.isConstant
        case .searchedCase(let whens, let o):
            whens.allSatisfy { $0.condition.isConstant && $0.result.isConstant } && (o?.isConstant ?? true)
        case .simpleCase(let op, let whens, let o):
            op.isConstant && whens.allSatisfy { $0.condition.isConstant && $0.result.isConstant } && (o?.isConstant ?? true)
        case .array(let xs): xs.allSatisfy(\.isConstant)
        case .map(let es): es.allSatisfy { $0.key.isConstant && $0.value.isConstant }
        case .structConstructor(let es): es.allSatisfy { $0.value.isConstant }
        }
    }

    static let nonDeterministic: Set<String> = [
        "RANDOM", "UUID", "UNIX_TIMESTAMP", "UNIX_DATE", "NOW", "CURRENT_TIMESTAMP",
    ]
}
