import EddyCore

/// The common filter shape `column <op> integer literal` (INT or BIGINT on both sides), compared on
/// the row slot directly: the general comparison calls three closures (the column, the literal and
/// the comparator) and boxes both operands as `Value`s per record. Same results: a NULL operand
/// makes every ordering operator false, as `Comparison.compile` does; a slot holding anything but
/// an INT, BIGINT or NULL (or a row too short for it) goes to the general closure.
enum SlotIntegerComparison {
    static func compile(_ op: ComparisonOperator, _ lhs: CompiledExpression, _ rhs: CompiledExpression,
                        general: @escaping @Sendable ([Value]) -> Value) -> (@Sendable ([Value]) -> Value)? {
        guard let slot = lhs.slot, let constant = rhs.constant, let lt = lhs.type, let rt = rhs.type,
              lt.base == .int || lt.base == .bigint, rt.base == .int || rt.base == .bigint,
              op != .isDistinctFrom, op != .isNotDistinctFrom else { return nil }
        let c: Int64
        switch constant {
        case .int(let v): c = Int64(v)
        case .bigint(let v): c = v
        default: return nil
        }
        return { row in
            guard slot < row.count else { return general(row) }
            let x: Int64
            switch row[slot] {
            case .int(let v): x = Int64(v)
            case .bigint(let v): x = v
            case .null: return .bool(false)
            default: return general(row)
            }
            return .bool(op.holds(x < c ? -1 : (x == c ? 0 : 1)))
        }
    }
}
