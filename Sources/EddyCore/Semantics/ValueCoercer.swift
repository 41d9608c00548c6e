/// ksqlDB's `DefaultSqlValueCoercer`: which types may stand in for which without a CAST, and the
/// conversion of values. The strict variant serves expressions; the lax one serves user-entered
/// literals (INSERT VALUES, IN lists), adding STRING ↔ BOOLEAN, numbers and temporal text.
public struct ValueCoercer: Sendable {
    public var lax: Bool

    public init(lax: Bool) { self.lax = lax }

    public static let strict = ValueCoercer(lax: false)
    public static let lenient = ValueCoercer(lax: true)

    /// The type that holds both, if values of `from` may be coerced into `to`.
    public func canCoerce(from: SQLType, to: SQLType) -> SQLType? {
        switch (from, to) {
        case (.int, .int), (.bigint, .bigint), (.double, .double), (.boolean, .boolean), (.string, .string),
             (.timestamp, .timestamp), (.time, .time), (.date, .date), (.bytes, .bytes),
             (.int, .bigint), (.int, .double), (.bigint, .double), (.decimal, .double):
            return to
        case (.int, .decimal), (.bigint, .decimal), (.decimal, .decimal):
            return try? SQLType.widenDecimal(from, to)
        case (.string, .timestamp), (.string, .time), (.string, .date), (.string, .bytes):
            return to
        case (.array(let f), .array(let t)):
            return canCoerce(from: f, to: t).map { .array($0) }
        case (.map(let fk, let fv), .map(let tk, let tv)):
            guard let k = canCoerce(from: fk, to: tk), let v = canCoerce(from: fv, to: tv) else { return nil }
            return .map(key: k, value: v)
        case (.struct(let ff), .struct(let tf)):
            var names = ff.map(\.name)
            for f in tf where !names.contains(f.name) { names.append(f.name) }
            var out: [SQLType.StructField] = []
            for name in names {
                let a = ff.first { $0.name == name }?.type, b = tf.first { $0.name == name }?.type
                switch (a, b) {
                case (let a?, let b?):
                    guard let t = canCoerce(from: a, to: b) else { return nil }
                    out.append(.init(name, t))
                case (let a?, nil): out.append(.init(name, a))
                case (nil, let b?): out.append(.init(name, b))
                default: break
                }
            }
            return .struct(out)
        case (.boolean, .string), (.int, .string), (.bigint, .string), (.decimal, .string), (.double, .string),
             (.string, .boolean), (.string, .int), (.string, .bigint), (.string, .decimal), (.string, .double),
             (.timestamp, .string), (.time, .string), (.date, .string):
            return lax ? to : nil
        default:
            return nil
        }
    }

    /// Converts a value of type `from` into `to`; nil when the value does not fit (a BIGINT out of
    /// INTEGER range is not coercible, a decimal that needs rounding is not either).
    public func coerce(_ value: Value, from: SQLType, to: SQLType) -> Value? {
        if value.isNull { return .null }
        if from == to { return value }
        switch (value, to) {
        case (.int(let v), .bigint): return .bigint(Int64(v))
        case (.int, .double), (.bigint, .double), (.decimal, .double): return value.asDouble.map { .double($0) }
        case (.int, .decimal(let p, let s)), (.bigint, .decimal(let p, let s)), (.decimal, .decimal(let p, let s)):
            guard let d = value.asDecimal else { return nil }
            return (try? d.ensuringFit(precision: p, scale: s)).map { .decimal($0) }
        case (.array(let items), .array(let t)):
            guard case .array(let f) = from else { return nil }
            var out: [Value] = []
            for item in items {
                guard let c = coerce(item, from: f, to: t) else { return nil }
                out.append(c)
            }
            return .array(out)
        case (.map(let m), .map(let tk, let tv)):
            guard case .map(let fk, let fv) = from else { return nil }
            var out = MapValue()
            for (k, v) in m.pairs {
                guard let ck = coerce(k, from: fk, to: tk), let cv = coerce(v, from: fv, to: tv) else { return nil }
                out.set(ck, cv)
            }
            return .map(out)
        case (.struct(let s), .struct(let tf)):
            guard case .struct(let ff) = from else { return nil }
            var values: [Value] = []
            for field in tf {
                guard let i = ff.firstIndex(where: { $0.name == field.name }), i < s.values.count else {
                    values.append(.null)
                    continue
                }
                guard let c = coerce(s.values[i], from: ff[i].type, to: field.type) else { return nil }
                values.append(c)
            }
            return .struct(StructValue(names: tf.map(\.name), values: values))
        case (.string(let text), _):
            return coerceString(text, to: to)
        case (_, .string) where lax:
            switch value {
            case .bool, .int, .bigint, .decimal, .double, .timestamp, .time, .date: return .string(value.sqlString())
            default: return nil
            }
        default:
            return nil
        }
    }

    private func coerceString(_ text: String, to: SQLType) -> Value? {
        let trimmed = text.javaTrimmed
        switch to {
        case .timestamp: return (try? TemporalText.parseTimestamp(String(trimmed))).map { .timestamp($0) }
        case .time: return (try? TemporalText.parseTime(String(trimmed))).map { .time($0) }
        case .date: return (try? TemporalText.parseDate(String(trimmed))).map { .date($0) }
        case .bytes: return Base64.decode(trimmed).map { .bytes($0) }
        default: break
        }
        guard lax else { return nil }
        switch to {
        case .boolean: return JavaBoolean.parseExact(trimmed).map { .bool($0) }
        case .int: return JavaInteger.parseInt32(trimmed).map { .int($0) }
        case .bigint: return JavaInteger.parseInt64(trimmed).map { .bigint($0) }
        case .double:
            guard let d = JavaDouble.parse(String(trimmed)), d.isFinite else { return nil }
            return .double(d)
        case .decimal(let p, let s):
            guard let d = SQLDecimal(trimmed) else { return nil }
            return (try? d.ensuringFit(precision: p, scale: s)).map { .decimal($0) }
        default: return nil
        }
    }
}
