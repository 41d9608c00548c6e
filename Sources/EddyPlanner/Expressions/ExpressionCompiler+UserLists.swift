import EddyCore
import EddySQL

extension ExpressionCompiler {
    /// `x IN (a, b, …)` as ksqlDB's `InListEvaluator`: NULL literals are dropped, the value and the list
    /// are coerced to one common type (literals converted, other expressions cast), and a NULL value
    /// matches nothing, so the predicate is FALSE rather than NULL.
    func compileIn(_ v: Expression, _ list: [Expression], whole: Expression) throws -> CompiledExpression {
        let members = [v] + list.filter { if case .literal(.null) = $0.kind { false } else { true } }
        let fns: [@Sendable ([Value]) -> Value]
        do { (_, fns) = try coerceUserList(members) } catch let error as EddyError {
            throw error.location == nil ? codegenFailure(error.message, at: whole.location) : error
        }
        let vf = fns[0], items = Array(fns.dropFirst())
        return CompiledExpression(type: .boolean) { row in
            let x = vf(row)
            if x.isNull { return .bool(false) }
            for f in items where InMatching.matches(x, f(row), nested: false) { return .bool(true) }
            return .bool(false)
        }
    }

    /// ksqlDB's `CoercionUtil.coerceUserList`, for IN lists and ARRAY/MAP constructors: the first typed
    /// member fixes the kind of the common type, later ones may widen it; every member is converted to it.
    /// Errors carry no location, so callers can word them for their clause.
    func coerceUserList(_ members: [Expression]) throws -> (SQLType?, [@Sendable ([Value]) -> Value]) {
        let compiled = try members.map { try compile($0) }
        let common: SQLType?
        do {
            common = try TypeCoercion.commonType(try zip(members, compiled).map { try coercionItem($0, $1) })
        } catch let error as EddyError {
            throw EddyError.analysis(error.message)
        }
        var fns: [@Sendable ([Value]) -> Value] = []
        for (e, c) in zip(members, compiled) {
            fns.append(try convert(e, c, to: common))
        }
        return (common, fns)
    }

    /// How ksqlDB's list coercion sees an expression: literals and constructors are lenient.
    func coercionItem(_ e: Expression, _ c: CompiledExpression) throws -> CoercionItem {
        let text = SQLFormatter.format(e)
        switch e.kind {
        case .literal(.null): return CoercionItem(.null, text: text)
        case .literal(.string(let s)): return CoercionItem(.stringLiteral(s), text: text)
        case .literal: return CoercionItem(c.type.map { .literal($0) } ?? .null, text: text)
        case .array(let elements):
            return CoercionItem(.array(try elements.map { try coercionItem($0, compile($0)) }), text: text)
        case .map(let entries):
            return CoercionItem(.map(keys: try entries.map { try coercionItem($0.key, compile($0.key)) },
                                     values: try entries.map { try coercionItem($0.value, compile($0.value)) }),
                                text: text)
        case .structConstructor(let entries):
            return CoercionItem(.struct(try entries.map { ($0.name.value, try coercionItem($0.value, compile($0.value))) }),
                                text: text)
        default:
            return CoercionItem(c.type.map { .expression($0) } ?? .null, text: text)
        }
    }

    /// Converts one list member to the common type: literals by the lenient coercer, anything else by CAST.
    private func convert(_ e: Expression, _ c: CompiledExpression, to common: SQLType?) throws -> @Sendable ([Value]) -> Value {
        guard let common, let from = c.type, from != common else { return c.evaluate }
        if case .literal(let lit) = e.kind {
            guard let value = ValueCoercer.lenient.coerce(lit.value, from: from, to: common) else {
                if case .string(let s) = lit.value { throw EddyError.analysis("invalid input syntax for type \(common.base.rawValue): \"\(s)\".") }
                throw Cast.unsupported(from, common)
            }
            return { _ in value }
        }
        do {
            let cast = try Cast.compile(from: from, to: common)
            let f = c.evaluate, sink = errors
            return { row in
                do { return try cast(f(row)) } catch {
                    sink.report(error.eddyMessage)
                    return .null
                }
            }
        } catch {
            throw EddyError.analysis(error.eddyMessage)
        }
    }
}

/// Value matching for IN lists: a top-level NULL never matches, but NULL elements, map values and
/// struct fields match each other.
enum InMatching {
    static func matches(_ a: Value, _ b: Value, nested: Bool) -> Bool {
        switch (a, b) {
        case (.null, .null): return nested
        case (.null, _), (_, .null): return false
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { matches($0, $1, nested: true) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            return x.pairs.allSatisfy { k, v in
                y.pairs.contains { matches(k, $0.0, nested: true) && matches(v, $0.1, nested: true) }
            }
        case (.struct(let x), .struct(let y)):
            guard x.names == y.names, x.values.count == y.values.count else { return false }
            return zip(x.values, y.values).allSatisfy { matches($0, $1, nested: true) }
        default:
            return Value.sqlCompare(a, b) == 0
        }
    }
}
