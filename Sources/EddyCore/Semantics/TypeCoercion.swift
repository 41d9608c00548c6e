/// Common-type resolution for user-written lists: IN lists, ARRAY[…], MAP(…), STRUCT(…) and
/// COALESCE-style argument lists (ksqlDB's `CoercionUtil` with its strict and lax coercers).
///
/// The first typed element fixes the kind of the common type; later elements may widen it.
/// Literals are treated leniently: a string literal may join a numeric or boolean list when its
/// text parses, and any literal may join a STRING list.
public struct CoercionItem: Sendable {
    public indirect enum Kind: Sendable {
        /// An untyped NULL literal.
        case null
        /// A column reference, function call or any other non-literal expression.
        case expression(SQLType)
        /// A numeric, boolean or other non-string literal of the given type.
        case literal(SQLType)
        /// A string literal with its text.
        case stringLiteral(String)
        /// An ARRAY[…] constructor with its elements.
        case array([CoercionItem])
        /// A MAP(…) constructor with its keys and values.
        case map(keys: [CoercionItem], values: [CoercionItem])
        /// A STRUCT(…) constructor with its fields.
        case `struct`([(name: String, value: CoercionItem)])
    }

    public var kind: Kind
    /// The expression as ksqlDB's formatter prints it, for error messages.
    public var text: String

    public init(_ kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }
}

extension SQLType {
    /// The common type of a list of expression types, nil when every element is an untyped NULL.
    /// All elements are treated as non-literal expressions.
    public static func commonSuperType(_ types: [SQLType?]) throws(EddyError) -> SQLType? {
        try TypeCoercion.commonType(types.map {
            CoercionItem($0.map { .expression($0) } ?? .null, text: $0.map { "\($0)" } ?? "null")
        })
    }
}

public enum TypeCoercion {
    /// The common type of the items, nil if all are NULL (or the list is empty).
    public static func commonType(_ items: [CoercionItem]) throws(EddyError) -> SQLType? {
        var result: SQLType? = nil
        for item in items { result = try resolve(item, result) }
        return result
    }

    /// The type of one item on its own.
    public static func type(of item: CoercionItem) throws(EddyError) -> SQLType? {
        switch item.kind {
        case .null: return nil
        case .expression(let t), .literal(let t): return t
        case .stringLiteral: return .string
        case .array(let items):
            return try commonType(items).map { .array($0) }
        case .map(let keys, let values):
            guard let k = try commonType(keys), let v = try commonType(values) else { return nil }
            return .map(key: k, value: v)
        case .struct(let fields):
            var out: [SQLType.StructField] = []
            for f in fields {
                // A NULL field in a constructor has no type of its own; ksqlDB leaves it untyped.
                guard let t = try type(of: f.value) else { return nil }
                out.append(.init(f.name, t))
            }
            return .struct(out)
        }
    }

    static func resolve(_ item: CoercionItem, _ common: SQLType?) throws(EddyError) -> SQLType? {
        guard let target = common else { return try type(of: item) }
        guard let source = try type(of: item) else { return target }
        switch item.kind {
        case .array(let items):
            guard case .array(let element) = target else { throw failure(item, source, target) }
            do { return try resolveNested(element, items).map { .array($0) } } catch { throw nestedFailure(error, item, source, target) }
        case .map(let keys, let values):
            guard case .map(let tk, let tv) = target else { throw failure(item, source, target) }
            do {
                guard let k = try resolveNested(tk, keys), let v = try resolveNested(tv, values) else { return nil }
                return .map(key: k, value: v)
            } catch { throw nestedFailure(error, item, source, target) }
        case .struct(let fields):
            guard case .struct(let targetFields) = target else { throw failure(item, source, target) }
            do { return try resolveStruct(fields, targetFields) } catch { throw nestedFailure(error, item, source, target) }
        case .stringLiteral(let text):
            if target.isNumeric { return try numericFromString(text, target) }
            if target == .boolean {
                guard JavaBoolean.parseExact(text.javaTrimmed) != nil else { throw invalidSyntax(text, target) }
                return target
            }
        default: break
        }
        let lax: Bool
        switch item.kind {
        case .literal, .stringLiteral: lax = true
        default: lax = false
        }
        if let t = ValueCoercer(lax: lax).canCoerce(from: source, to: target) { return t }
        if let t = ValueCoercer(lax: lax).canCoerce(from: target, to: source) { return t }
        throw failure(item, source, target)
    }

    private static func resolveNested(_ target: SQLType, _ items: [CoercionItem]) throws(EddyError) -> SQLType? {
        var result: SQLType? = target
        for item in items { result = try resolve(item, result) }
        return result
    }

    private static func resolveStruct(
        _ fields: [(name: String, value: CoercionItem)], _ target: [SQLType.StructField]
    ) throws(EddyError) -> SQLType {
        var names = fields.map(\.name)
        for f in target where !names.contains(f.name) { names.append(f.name) }
        var out: [SQLType.StructField] = []
        for name in names {
            let source = fields.first { $0.name == name }
            let targetType = target.first { $0.name == name }?.type
            if let source, let targetType {
                out.append(.init(name, try resolve(source.value, targetType) ?? targetType))
            } else if let source {
                guard let t = try type(of: source.value) else { throw EddyError(.internal, "untyped struct field") }
                out.append(.init(name, t))
            } else if let targetType {
                out.append(.init(name, targetType))
            }
        }
        return .struct(out)
    }

    /// A string literal in a numeric list: its own numeric type widens with the list's.
    private static func numericFromString(_ text: String, _ target: SQLType) throws(EddyError) -> SQLType {
        let trimmed = text.javaTrimmed
        guard let value = SQLDecimal(trimmed), !trimmed.isEmpty else { throw invalidSyntax(text, target) }
        let source: SQLType
        let decimalLooking = text.contains(".") || text.contains("e") || text.contains("E")
        if !decimalLooking, value.scale == 0, let v = Int64(exactly: value.unscaled), v != .min, v != .max {
            source = (v > Int64(Int32.min) && v < Int64(Int32.max)) ? .int : .bigint
        } else {
            source = SQLType.decimalType(of: value)
        }
        if source == .double || target == .double { return .double }
        if source.base == .decimal || target.base == .decimal { return try SQLType.widenDecimal(source, target) }
        return source.base.canImplicitlyCast(to: target.base) ? target : source
    }

    static func invalidSyntax(_ value: String, _ target: SQLType) -> EddyError {
        EddyError.analysis("invalid input syntax for type \(target.base.rawValue): \"\(value)\".")
    }

    /// A literal that does not parse inside a constructor surfaces as itself, as in ksqlDB, where only
    /// type mismatches are rewrapped with the constructor's types.
    static func nestedFailure(_ error: EddyError, _ item: CoercionItem, _ source: SQLType, _ target: SQLType) -> EddyError {
        error.message.hasPrefix("invalid input syntax") ? error : failure(item, source, target)
    }

    static func failure(_ item: CoercionItem, _ source: SQLType, _ target: SQLType) -> EddyError {
        EddyError.analysis(
            "operator does not exist: \(target.ksqlText) = \(source.ksqlText) (\(item.text))\n"
                + "Hint: You might need to add explicit type casts.")
    }
}
