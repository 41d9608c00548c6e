import EddyCore

/// A SELECT, as a pull or push query or as the body of CSAS/CTAS/INSERT INTO.
public struct Query: Sendable, Hashable {
    public var select: [SelectItem]
    public var from: Relation
    public var window: WindowExpression?
    public var whereClause: Expression?
    /// nil when there is no GROUP BY; `GROUP BY ()` gives an empty list.
    public var groupBy: [Expression]?
    /// nil when there is no PARTITION BY; `PARTITION BY ()` gives an empty list.
    public var partitionBy: [Expression]?
    public var having: Expression?
    public var emit: EmitKind?
    /// As written; may be negative (the analyzer rejects that with ksqlDB's message).
    public var limit: Int?
    @Uncompared public var location: SourceLocation

    public init(select: [SelectItem], from: Relation, window: WindowExpression? = nil,
                whereClause: Expression? = nil, groupBy: [Expression]? = nil,
                partitionBy: [Expression]? = nil, having: Expression? = nil,
                emit: EmitKind? = nil, limit: Int? = nil,
                location: SourceLocation = SourceLocation(line: 0, column: 0)) {
        self.select = select
        self.from = from
        self.window = window
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.partitionBy = partitionBy
        self.having = having
        self.emit = emit
        self.limit = limit
        self.location = location
    }

    /// A query with EMIT CHANGES or EMIT FINAL is a push query; otherwise, on its own, a pull query.
    public var isPullQuery: Bool { emit == nil }
}

public enum EmitKind: String, Sendable, Hashable {
    case changes = "CHANGES"
    case final = "FINAL"
}

public enum SelectItem: Sendable, Hashable {
    /// `*` or `src.*`.
    case all(qualifier: Identifier?)
    /// `expr->*`: every field of a struct.
    case structAll(Expression)
    /// `expr [AS alias]`.
    case expression(Expression, alias: Identifier?)
}

/// The FROM clause: one source, possibly joined to more, left to right.
public struct Relation: Sendable, Hashable {
    public var source: AliasedSource
    public var joins: [Join]

    public init(source: AliasedSource, joins: [Join] = []) {
        self.source = source
        self.joins = joins
    }

    /// Every source in the FROM clause, in order.
    public var allSources: [AliasedSource] { [source] + joins.map(\.source) }
}

public struct AliasedSource: Sendable, Hashable {
    public var name: Identifier
    public var alias: Identifier?
    @Uncompared public var location: SourceLocation

    public init(name: Identifier, alias: Identifier? = nil, location: SourceLocation = SourceLocation(line: 0, column: 0)) {
        self.name = name
        self.alias = alias
        self.location = location
    }

    /// The name columns of this source are qualified with: the alias if any, else the source name.
    public var effectiveName: Identifier { alias ?? name }
}

public enum JoinType: String, Sendable, Hashable {
    case inner = "INNER"
    case left = "LEFT OUTER"
    case right = "RIGHT OUTER"
    case full = "FULL OUTER"
}

public struct Join: Sendable, Hashable {
    public var type: JoinType
    public var source: AliasedSource
    public var within: JoinWindow?
    public var on: Expression
    @Uncompared public var location: SourceLocation

    public init(type: JoinType, source: AliasedSource, within: JoinWindow? = nil, on: Expression,
                location: SourceLocation = SourceLocation(line: 0, column: 0)) {
        self.type = type
        self.source = source
        self.within = within
        self.on = on
        self.location = location
    }
}

/// `WITHIN n UNIT` or `WITHIN (before, after)`, with an optional grace period.
public struct JoinWindow: Sendable, Hashable {
    public var before: WindowDuration
    public var after: WindowDuration
    /// Whether it was written with two sizes; kept so the formatter reproduces it.
    public var isAsymmetric: Bool
    public var grace: WindowDuration?

    public init(before: WindowDuration, after: WindowDuration, isAsymmetric: Bool, grace: WindowDuration? = nil) {
        self.before = before
        self.after = after
        self.isAsymmetric = isAsymmetric
        self.grace = grace
    }
}

/// `WINDOW TUMBLING (…)`, `HOPPING (…)` or `SESSION (…)`.
public struct WindowExpression: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case tumbling(size: WindowDuration)
        case hopping(size: WindowDuration, advance: WindowDuration)
        case session(gap: WindowDuration)
    }

    public var kind: Kind
    public var retention: WindowDuration?
    public var grace: WindowDuration?
    @Uncompared public var location: SourceLocation

    public init(kind: Kind, retention: WindowDuration? = nil, grace: WindowDuration? = nil,
                location: SourceLocation = SourceLocation(line: 0, column: 0)) {
        self.kind = kind
        self.retention = retention
        self.grace = grace
        self.location = location
    }
}
