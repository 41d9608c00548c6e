import EddyCore
import EddySQL

extension ExpressionCompiler {
    func compileUnary(_ op: UnaryOperator, _ operand: Expression, whole: Expression) throws -> CompiledExpression {
        let c = try compile(operand)
        if op == .plus { return c }
        guard let t = c.type else { return CompiledExpression(type: nil, constant: .null) }
        let f = c.evaluate
        switch t {
        case .int: return CompiledExpression(type: t) { if case .int(let v) = f($0) { .int(0 &- v) } else { .null } }
        case .bigint: return CompiledExpression(type: t) { if case .bigint(let v) = f($0) { .bigint(0 &- v) } else { .null } }
        case .double: return CompiledExpression(type: t) { if case .double(let v) = f($0) { .double(-v) } else { .null } }
        case .decimal:
            return CompiledExpression(type: t) {
                if case .decimal(let d) = f($0) { .decimal(SQLDecimal(unscaled: -d.unscaled, scale: d.scale)) } else { .null }
            }
        default:
            throw EddyError.analysis("Error processing expression: \(SQLFormatter.format(whole)). Unsupported type for negation: \(t)", at: whole.location)
        }
    }

    func compileNot(_ operand: Expression) throws -> CompiledExpression {
        let c = try compile(operand)
        if let t = c.type, t != .boolean {
            throw EddyError.analysis("Type error in NOT expression: Should evaluate to boolean but is \(SQLFormatter.format(operand)) (\(t)) instead.", at: operand.location)
        }
        let f = c.evaluate
        return CompiledExpression(type: .boolean) { if case .bool(let b) = f($0) { .bool(!b) } else { .null } }
    }

    func compileLogical(_ op: LogicalOperator, _ l: Expression, _ r: Expression) throws -> CompiledExpression {
        let lc = try compile(l), rc = try compile(r)
        for (c, e) in [(lc, l), (rc, r)] {
            if let t = c.type, t != .boolean {
                throw EddyError.analysis("Type error in \(op.rawValue) expression: Should evaluate to boolean but is \(SQLFormatter.format(e)) (\(t)) instead.", at: e.location)
            }
        }
        let lf = lc.evaluate, rf = rc.evaluate
        switch op {
        case .and:
            // Three-valued logic: FALSE wins over NULL.
            return CompiledExpression(type: .boolean) { row in
                let a = lf(row)
                if case .bool(false) = a { return .bool(false) }
                let b = rf(row)
                if case .bool(false) = b { return .bool(false) }
                if a.isNull || b.isNull { return .null }
                return .bool(true)
            }
        case .or:
            return CompiledExpression(type: .boolean) { row in
                let a = lf(row)
                if case .bool(true) = a { return .bool(true) }
                let b = rf(row)
                if case .bool(true) = b { return .bool(true) }
                if a.isNull || b.isNull { return .null }
                return .bool(false)
            }
        }
    }

    func compileArithmetic(_ op: ArithmeticOperator, _ l: Expression, _ r: Expression, whole: Expression) throws -> CompiledExpression {
        let lc = try compile(l), rc = try compile(r)
        let compiled: (resultType: SQLType, evaluate: Arithmetic.Binary)
        do {
            // An untyped NULL operand is an error, as in ksqlDB ("Arithmetic on types … and null").
            guard let lt = lc.type, let rt = rc.type else {
                _ = try SQLType.arithmeticResultType(op, lc.type, rc.type)
                throw EddyError.analysis("Arithmetic on an untyped NULL")
            }
            compiled = try Arithmetic.compile(op, lt, rt)
        } catch {
            throw EddyError.analysis("Error processing expression: \(SQLFormatter.format(whole)). \(error.eddyMessage)", at: whole.location)
        }
        let lf = lc.evaluate, rf = rc.evaluate, eval = compiled.evaluate, sink = errors
        if inLambda {
            return CompiledExpression(type: compiled.resultType) { row in
                let a = lf(row), b = rf(row)
                if a.isNull || b.isNull {
                    LambdaFailure.raise()
                    return .null
                }
                do { return try eval(a, b) } catch {
                    sink.report(error.eddyMessage)
                    LambdaFailure.raise()
                    return .null
                }
            }
        }
        return CompiledExpression(type: compiled.resultType) { row in
            do { return try eval(lf(row), rf(row)) } catch {
                sink.report(error.eddyMessage)
                return .null
            }
        }
    }

    /// ksqlDB names the clause and the offending comparison.
    private func comparisonError(_ error: any Error, _ op: ComparisonOperator, _ l: Expression, _ r: Expression,
                                 whole: Expression) -> EddyError {
        EddyError.analysis("Error in \(scope.clause) expression: \(error.eddyMessage)\nStatement: (\(scope.display(l)) \(op.symbol) \(scope.display(r)))",
                           at: whole.location)
    }

    func compileComparison(_ op: ComparisonOperator, _ l0: Expression, _ r0: Expression, whole: Expression) throws -> CompiledExpression {
        let l = try MagicTimestamps.rewrite(l0, comparedWith: r0), r = try MagicTimestamps.rewrite(r0, comparedWith: l0)
        let lc = try compile(l), rc = try compile(r)
        let lf = lc.evaluate, rf = rc.evaluate
        guard let lt = lc.type, let rt = rc.type else {
            // ksqlDB's ComparisonUtil rejects an untyped NULL on either side, whatever the operator.
            do {
                try SQLType.checkComparison(lc.type, op, rc.type, lhsText: scope.display(l), rhsText: scope.display(r))
            } catch {
                throw comparisonError(error, op, l0, r0, whole: whole)
            }
            return CompiledExpression(type: .boolean, constant: .null)
        }
        let compare: Comparison.Binary
        do {
            compare = try Comparison.compile(op, lt, rt, lhsText: scope.display(l), rhsText: scope.display(r))
        } catch {
            throw comparisonError(error, op, l0, r0, whole: whole)
        }
        let sink = errors
        let general: @Sendable ([Value]) -> Value = { row in
            do { return try compare(lf(row), rf(row)) } catch {
                sink.report(error.eddyMessage)
                return .null
            }
        }
        // Not `compile(…) ?? general`: the generic `??` re-abstracts the closure, and every call then
        // goes through a pair of reabstraction thunks (~200 instructions per record for a filter).
        if let direct = SlotIntegerComparison.compile(op, lc, rc, general: general) {
            return CompiledExpression(type: .boolean, evaluate: direct)
        }
        return CompiledExpression(type: .boolean, evaluate: general)
    }

    func compileBetween(_ v: Expression, _ low0: Expression, _ high0: Expression, whole: Expression) throws -> CompiledExpression {
        let low = try MagicTimestamps.rewrite(low0, comparedWith: v), high = try MagicTimestamps.rewrite(high0, comparedWith: v)
        let vc = try compile(v), lc = try compile(low), hc = try compile(high)
        for (c, e) in [(lc, low), (hc, high)] {
            if let vt = vc.type, let t = c.type {
                do { try SQLType.checkComparison(vt, .greaterThanOrEqual, t, lhsText: SQLFormatter.format(v), rhsText: SQLFormatter.format(e)) } catch {
                    throw EddyError.analysis("Error in \(scope.clause) expression: Cannot compare \(SQLFormatter.format(v)) (\(vt)) to \(SQLFormatter.format(e)) (\(t)) with BETWEEN.", at: whole.location)
                }
            }
        }
        let vf = vc.evaluate, lf = lc.evaluate, hf = hc.evaluate
        // ksqlDB generates `(x >= low && x <= high)` from its comparison code, so a NULL anywhere makes
        // BETWEEN false (and NOT BETWEEN true), never NULL.
        if let vt = vc.type, let lt = lc.type, let ht = hc.type,
           let low = try? Comparison.compile(.greaterThanOrEqual, vt, lt),
           let high = try? Comparison.compile(.lessThanOrEqual, vt, ht) {
            let sink = errors
            return CompiledExpression(type: .boolean) { row in
                let x = vf(row)
                do {
                    guard case .bool(true) = try low(x, lf(row)) else { return .bool(false) }
                    return try high(x, hf(row))
                } catch {
                    sink.report(error.eddyMessage)
                    return .null
                }
            }
        }
        return CompiledExpression(type: .boolean) { row in
            let x = vf(row)
            guard let a = Value.sqlCompare(x, lf(row)), let b = Value.sqlCompare(x, hf(row)) else { return .bool(false) }
            return .bool(a >= 0 && b <= 0)
        }
    }

    func compileLike(_ v: Expression, pattern: Expression, escape: Character?, whole: Expression) throws -> CompiledExpression {
        let vc = try compile(v), pc = try compile(pattern)
        for (c, e) in [(vc, v), (pc, pattern)] {
            if let t = c.type, t != .string {
                throw EddyError.analysis("Unsupported type for LIKE: \(SQLFormatter.format(e)) (\(t)).", at: e.location)
            }
        }
        let vf = vc.evaluate
        if let constant = pc.constant {
            guard case .string(let p) = constant else { return CompiledExpression(type: .boolean, constant: .null) }
            let matcher = LikePattern(p, escape: escape)
            return CompiledExpression(type: .boolean) { row in
                guard case .string(let s) = vf(row) else { return .null }
                return .bool(matcher.matches(s))
            }
        }
        let pf = pc.evaluate
        return CompiledExpression(type: .boolean) { row in
            guard case .string(let s) = vf(row), case .string(let p) = pf(row) else { return .null }
            return .bool(LikePattern(p, escape: escape).matches(s))
        }
    }
}

