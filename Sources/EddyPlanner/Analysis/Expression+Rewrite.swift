import EddyCore
import EddySQL

extension Expression {
    /// Rebuilds the tree top-down: where `transform` returns an expression, it replaces that node
    /// (and its children are not visited); elsewhere the children are rewritten.
    func rewritten(_ transform: (Expression) throws -> Expression?) rethrows -> Expression {
        if let replaced = try transform(self) { return replaced }
        func r(_ e: Expression) throws -> Expression { try e.rewritten(transform) }
        var out = self
        switch kind {
        case .literal, .intervalUnit, .column, .lambdaVariable: return self
        case .dereference(let b, let f): out.kind = .dereference(try r(b), field: f)
        case .subscript(let b, let i): out.kind = .subscript(try r(b), index: try r(i))
        case .functionCall(let n, let args, let star): out.kind = .functionCall(name: n, args: try args.map(r), star: star)
        case .lambda(let p, let body): out.kind = .lambda(params: p, body: try r(body))
        case .unary(let op, let e): out.kind = .unary(op, try r(e))
        case .not(let e): out.kind = .not(try r(e))
        case .arithmetic(let op, let a, let b): out.kind = .arithmetic(op, try r(a), try r(b))
        case .comparison(let op, let a, let b): out.kind = .comparison(op, try r(a), try r(b))
        case .logical(let op, let a, let b): out.kind = .logical(op, try r(a), try r(b))
        case .isNull(let e, let n): out.kind = .isNull(try r(e), negated: n)
        case .between(let v, let lo, let hi): out.kind = .between(try r(v), low: try r(lo), high: try r(hi))
        case .inList(let v, let list): out.kind = .inList(try r(v), try list.map(r))
        case .like(let v, let p, let esc): out.kind = .like(try r(v), pattern: try r(p), escape: esc)
        case .searchedCase(let whens, let o):
            out.kind = .searchedCase(whens: try whens.map { WhenClause(condition: try r($0.condition), result: try r($0.result)) },
                                     otherwise: try o.map(r))
        case .simpleCase(let operand, let whens, let o):
            out.kind = .simpleCase(operand: try r(operand),
                                   whens: try whens.map { WhenClause(condition: try r($0.condition), result: try r($0.result)) },
                                   otherwise: try o.map(r))
        case .cast(let e, let t): out.kind = .cast(try r(e), t)
        case .array(let items): out.kind = .array(try items.map(r))
        case .map(let entries): out.kind = .map(try entries.map { MapEntry(key: try r($0.key), value: try r($0.value)) })
        case .structConstructor(let entries):
            out.kind = .structConstructor(try entries.map { StructEntry(name: $0.name, value: try r($0.value)) })
        }
        return out
    }

    /// Column references (qualifier, name) anywhere in the tree, outside lambda bodies' parameters.
    var columnReferences: [(qualifier: Identifier?, name: Identifier, location: SourceLocation)] {
        var out: [(Identifier?, Identifier, SourceLocation)] = []
        forEach { e in
            if case .column(let q, let n) = e.kind { out.append((q, n, e.location)) }
        }
        return out
    }
}
