import EddyCore

/// An expression after analysis: its SQL type (nil for an untyped NULL literal) and a closure that
/// evaluates it against a row. Built once per query; nothing is looked up per record.
public struct CompiledExpression: Sendable {
    public var type: SQLType?
    public var evaluate: @Sendable ([Value]) -> Value
    /// The value, when the expression is a constant (literals and expressions over literals only).
    public var constant: Value?

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
}

/// Receives per-record evaluation failures (bad casts, division by zero, function errors): the
/// expression yields NULL and the failure goes to the processing log, as in ksqlDB.
public struct EvaluationErrorSink: Sendable {
    public var report: @Sendable (String) -> Void
    public init(_ report: @escaping @Sendable (String) -> Void) { self.report = report }
    public static let ignore = EvaluationErrorSink { _ in }
}
