import EddyCore
import EddySQL

extension ExpressionCompiler {
    func compileSearchedCase(_ whens: [WhenClause], _ otherwise: Expression?, whole: Expression) throws -> CompiledExpression {
        let conditions = try whens.map { try compilePredicate($0.condition, clause: "WHEN") }
        let (type, results, fallback) = try compileBranches(whens.map(\.result), otherwise, whole: whole)
        let cs = conditions.map(\.evaluate)
        return CompiledExpression(type: type) { row in
            for i in cs.indices {
                if case .bool(true) = cs[i](row) { return results[i](row) }
            }
            return fallback(row)
        }
    }

    func compileSimpleCase(_ operand: Expression, _ whens: [WhenClause], _ otherwise: Expression?, whole: Expression) throws -> CompiledExpression {
        let op = try compile(operand)
        let keys = try whens.map { try compile($0.condition) }
        let (type, results, fallback) = try compileBranches(whens.map(\.result), otherwise, whole: whole)
        let of = op.evaluate, ks = keys.map(\.evaluate)
        return CompiledExpression(type: type) { row in
            let v = of(row)
            for i in ks.indices where Value.sqlCompare(v, ks[i](row)) == 0 {
                return results[i](row)
            }
            return fallback(row)
        }
    }

    private func compileBranches(_ results: [Expression], _ otherwise: Expression?, whole: Expression)
        throws -> (SQLType?, [@Sendable ([Value]) -> Value], @Sendable ([Value]) -> Value) {
        let rs = try results.map { try compile($0) }
        let els = try otherwise.map { try compile($0) }
        let type: SQLType?
        do { type = try SQLType.commonSuperType(rs.map(\.type) + [els?.type]) } catch {
            throw EddyError.analysis("Invalid Case expression. \(error.eddyMessage)", at: whole.location)
        }
        if type == nil {
            throw EddyError.analysis("Invalid Case expression. All case branches have NULL type", at: whole.location)
        }
        let fs = try rs.map { try coerce($0, to: type) }
        var fallback: @Sendable ([Value]) -> Value = { _ in .null }
        if let els { fallback = try coerce(els, to: type) }
        return (type, fs, fallback)
    }

    func compileCast(_ operand: Expression, _ syntax: TypeSyntax, whole: Expression) throws -> CompiledExpression {
        let c = try compile(operand)
        let target = try resolveType(syntax, at: whole.location)
        guard let from = c.type else { return CompiledExpression(type: target, constant: .null) }
        if from == target { return CompiledExpression(type: target, evaluate: c.evaluate) }
        let cast: @Sendable (Value) throws -> Value
        do { cast = try Cast.compile(from: from, to: target) } catch {
            throw codegenFailure(Cast.unsupported(from, target).message, at: whole.location)
        }
        let f = c.evaluate, sink = errors
        return CompiledExpression(type: target) { row in
            do { return try cast(f(row)) } catch {
                sink.report("\(error)")
                return .null
            }
        }
    }
}
