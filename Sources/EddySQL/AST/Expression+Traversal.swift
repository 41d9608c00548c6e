extension Expression {
    /// The direct children, in source order.
    public var children: [Expression] {
        switch kind {
        case .literal, .intervalUnit, .column, .lambdaVariable: []
        case .dereference(let e, _): [e]
        case .subscript(let e, let i): [e, i]
        case .functionCall(_, let args, _): args
        case .lambda(_, let body): [body]
        case .unary(_, let e), .not(let e), .isNull(let e, _), .cast(let e, _): [e]
        case .arithmetic(_, let l, let r), .comparison(_, let l, let r), .logical(_, let l, let r): [l, r]
        case .between(let v, let lo, let hi): [v, lo, hi]
        case .inList(let v, let list): [v] + list
        case .like(let v, let p, _): [v, p]
        case .searchedCase(let whens, let otherwise):
            whens.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        case .simpleCase(let operand, let whens, let otherwise):
            [operand] + whens.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        case .array(let items): items
        case .map(let entries): entries.flatMap { [$0.key, $0.value] }
        case .structConstructor(let entries): entries.map(\.value)
        }
    }

    /// Visits this expression and every descendant, parents first. Iterative, so deep trees are safe.
    public func forEach(_ body: (Expression) throws -> Void) rethrows {
        var stack = [self]
        while let e = stack.popLast() {
            try body(e)
            stack.append(contentsOf: e.children.reversed())
        }
    }
}

extension Query {
    /// Every expression in the query (select items, WHERE, GROUP BY, PARTITION BY, HAVING, join
    /// criteria), top-level only.
    public var expressions: [Expression] {
        var out: [Expression] = []
        for item in select {
            switch item {
            case .all: break
            case .structAll(let e), .expression(let e, _): out.append(e)
            }
        }
        out.append(contentsOf: from.joins.map(\.on))
        if let whereClause { out.append(whereClause) }
        out.append(contentsOf: groupBy ?? [])
        out.append(contentsOf: partitionBy ?? [])
        if let having { out.append(having) }
        return out
    }
}
