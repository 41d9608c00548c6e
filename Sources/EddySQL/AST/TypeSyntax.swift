import EddyCore

/// A type as written in SQL. Built-in types resolve at parse time; a bare name that is not a
/// built-in type is a custom type registered with CREATE TYPE, which only the analyzer can resolve.
public indirect enum TypeSyntax: Sendable, Hashable, CustomStringConvertible {
    /// A fully built-in type.
    case builtin(SQLType)
    /// A reference to a type registered with CREATE TYPE (name upper-cased unless quoted).
    case custom(String)
    /// Containers that hold at least one custom type somewhere inside.
    case array(TypeSyntax)
    case map(key: TypeSyntax, value: TypeSyntax)
    case `struct`([Field])

    public struct Field: Sendable, Hashable {
        public var name: String
        public var type: TypeSyntax
        public init(_ name: String, _ type: TypeSyntax) {
            self.name = name
            self.type = type
        }
    }

    /// Builds containers so that a tree without custom types collapses to `.builtin`, which keeps
    /// equality structural.
    public static func makeArray(_ element: TypeSyntax) -> TypeSyntax {
        if case .builtin(let e) = element { return .builtin(.array(e)) }
        return .array(element)
    }

    public static func makeMap(_ key: TypeSyntax, _ value: TypeSyntax) -> TypeSyntax {
        if case .builtin(let k) = key, case .builtin(let v) = value { return .builtin(.map(key: k, value: v)) }
        return .map(key: key, value: value)
    }

    public static func makeStruct(_ fields: [Field]) -> TypeSyntax {
        var resolved: [SQLType.StructField] = []
        for f in fields {
            guard case .builtin(let t) = f.type else { return .struct(fields) }
            resolved.append(SQLType.StructField(f.name, t))
        }
        return .builtin(.struct(resolved))
    }

    /// The SQL type, resolving custom names through `lookup`; nil when a name is unknown.
    public func resolve(_ lookup: (String) -> SQLType?) -> SQLType? {
        switch self {
        case .builtin(let t): return t
        case .custom(let name): return lookup(name)
        case .array(let e): return e.resolve(lookup).map { .array($0) }
        case .map(let k, let v):
            guard let kt = k.resolve(lookup), let vt = v.resolve(lookup) else { return nil }
            return .map(key: kt, value: vt)
        case .struct(let fields):
            var out: [SQLType.StructField] = []
            for f in fields {
                guard let t = f.type.resolve(lookup) else { return nil }
                out.append(SQLType.StructField(f.name, t))
            }
            return .struct(out)
        }
    }

    /// The first custom type name inside, if any.
    public var firstCustomName: String? {
        switch self {
        case .builtin: nil
        case .custom(let n): n
        case .array(let e): e.firstCustomName
        case .map(let k, let v): k.firstCustomName ?? v.firstCustomName
        case .struct(let fields): fields.lazy.compactMap { $0.type.firstCustomName }.first
        }
    }

    public var description: String { SQLFormatter.format(self) }
}
