import EddyCore

/// An expression after analysis: its SQL type (nil for an untyped NULL literal) and a closure that
/// evaluates it against a row. Built once per query; nothing is looked up per record.
public struct CompiledExpression: Sendable {
    public var type: SQLType?
    public var evaluate: @Sendable ([Value]) -> Value
    /// The value, when the expression is a constant (literals and expressions over literals only).
    public var constant: Value?
    /// The row slot, when the expression is a plain column reference: the runtime copies the slot
    /// instead of calling the closure.
    public var slot: Int?

    public init(type: SQLType?, constant: Value) {
        self.type = type
        self.constant = constant
        self.evaluate = { _ in constant }
    }

    public init(type: SQLType?, evaluate: @escaping @Sendable ([Value]) -> Value) {
        self.type = type
        self.evaluate = evaluate
        self.constant = nil
    }

    /// A plain column reference to row slot `slot` (NULL when the row is shorter).
    public init(type: SQLType?, slot: Int) {
        self.type = type
        self.evaluate = { row in slot < row.count ? row[slot] : .null }
        self.constant = nil
        self.slot = slot
    }
}

/// Receives per-record evaluation failures (bad casts, division by zero, function errors): the
/// expression yields NULL and the failure goes to the processing log, as in ksqlDB.
public struct EvaluationErrorSink: Sendable {
    public var report: @Sendable (String) -> Void
    public init(_ report: @escaping @Sendable (String) -> Void) { self.report = report }
    public static let ignore = EvaluationErrorSink { _ in }
}
