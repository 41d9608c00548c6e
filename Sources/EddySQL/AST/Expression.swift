import EddyCore

/// An expression node: its kind plus where it starts in the source text. Equality and hashing
/// ignore the location, so the analyzer can match a GROUP BY expression against a select item.
public struct Expression: Sendable, Hashable, CustomStringConvertible {
    public var kind: Kind
    @Uncompared public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation = SourceLocation(line: 0, column: 0)) {
        self.kind = kind
        self.location = location
    }

    public indirect enum Kind: Sendable, Hashable {
        case literal(Literal)
        /// A time unit used as a function argument, e.g. `TIMESTAMPADD(SECONDS, 1, ts)`.
        case intervalUnit(TimeUnit)
        /// `col` or `src.col`. Names are resolved (upper-cased unless quoted).
        case column(qualifier: Identifier?, name: Identifier)
        /// A reference to a parameter of an enclosing lambda.
        case lambdaVariable(Identifier)
        /// `base->field`.
        case dereference(Expression, field: Identifier)
        /// `base[index]`.
        case `subscript`(Expression, index: Expression)
        /// `name(args)`. `COUNT(*)` has `star == true` and no arguments. `a || b` parses as
        /// `CONCAT(a, b)`, as in ksqlDB.
        case functionCall(name: Identifier, args: [Expression], star: Bool)
        /// `x => body` or `(x, y) => body`; only valid as a function argument.
        case lambda(params: [Identifier], body: Expression)
        case unary(UnaryOperator, Expression)
        case not(Expression)
        case arithmetic(ArithmeticOperator, Expression, Expression)
        case comparison(ComparisonOperator, Expression, Expression)
        case logical(LogicalOperator, Expression, Expression)
        /// `e IS NULL` / `e IS NOT NULL`.
        case isNull(Expression, negated: Bool)
        /// `e BETWEEN low AND high`; `NOT BETWEEN` is `.not(.between)`, as in ksqlDB.
        case between(Expression, low: Expression, high: Expression)
        /// `e IN (list)`; `NOT IN` is `.not(.inList)`.
        case inList(Expression, [Expression])
        /// `e LIKE pattern [ESCAPE 'c']`; `NOT LIKE` is `.not(.like)`.
        case like(Expression, pattern: Expression, escape: Character?)
        /// `CASE WHEN … THEN … [ELSE …] END`.
        case searchedCase(whens: [WhenClause], otherwise: Expression?)
        /// `CASE operand WHEN … THEN … [ELSE …] END`.
        case simpleCase(operand: Expression, whens: [WhenClause], otherwise: Expression?)
        case cast(Expression, TypeSyntax)
        /// `ARRAY[e, …]`.
        case array([Expression])
        /// `MAP(k := v, …)`.
        case map([MapEntry])
        /// `STRUCT(name := v, …)`.
        case structConstructor([StructEntry])
    }

    public var description: String { SQLFormatter.format(self) }
}

public enum UnaryOperator: String, Sendable, Hashable {
    case minus = "-"
    case plus = "+"
}



public enum LogicalOperator: String, Sendable, Hashable {
    case and = "AND"
    case or = "OR"
}

public struct WhenClause: Sendable, Hashable {
    public var condition: Expression
    public var result: Expression
    public init(condition: Expression, result: Expression) {
        self.condition = condition
        self.result = result
    }
}

public struct MapEntry: Sendable, Hashable {
    public var key: Expression
    public var value: Expression
    public init(key: Expression, value: Expression) {
        self.key = key
        self.value = value
    }
}

public struct StructEntry: Sendable, Hashable {
    public var name: Identifier
    public var value: Expression
    public init(name: Identifier, value: Expression) {
        self.name = name
        self.value = value
    }
}
