/// CAST with ksqlDB's semantics (its `CastEvaluator` table and `DecimalUtil.cast`).
///
/// Compiled casts pass NULL through and throw `EddyError.execution` for values that cannot be
/// converted (`CAST('x' AS INT)`, a decimal that overflows its precision); ksqlDB logs such a
/// failure to the processing log and yields NULL.
public enum Cast {
    public typealias Function = @Sendable (Value) throws(EddyError) -> Value

    /// Whether `CAST(x AS to)` type-checks for an `x` of type `from` (nil: an untyped NULL).
    public static func canCast(from: SQLType?, to: SQLType) -> Bool {
        (try? compile(from: from, to: to)) != nil
    }

    /// The message ksqlDB gives for an unsupported cast.
    public static func unsupported(_ from: SQLType, _ to: SQLType) -> EddyError {
        EddyError.analysis("Cast of \(from.ksqlText) to \(to.ksqlText) is not supported")
    }

    /// A converter from `from` to `to`, or the "Cast of … is not supported" error.
    public static func compile(from: SQLType?, to: SQLType) throws(EddyError) -> Function {
        guard let from, from != to else { return { $0 } }
        switch (from, to) {
        case (.array(let f), .array(let t)):
            let element: Function
            do { element = try compile(from: f, to: t) } catch { throw unsupported(from, to) }
            return { v throws(EddyError) in
                guard case .array(let items) = v else { return .null }
                var out = [Value]()
                out.reserveCapacity(items.count)
                for item in items { out.append(try element(item)) }
                return .array(out)
            }
        case (.map(let fk, let fv), .map(let tk, let tv)):
            let key: Function, value: Function
            do {
                key = try compile(from: fk, to: tk)
                value = try compile(from: fv, to: tv)
            } catch { throw unsupported(from, to) }
            return { v throws(EddyError) in
                guard case .map(let m) = v else { return .null }
                var out = MapValue()
                for (k, x) in m.pairs { out.set(try key(k), try value(x)) }
                return .map(out)
            }
        case (.struct(let ff), .struct(let tf)):
            return try structCast(from, to, ff, tf)
        default:
            return try primitive(from, to)
        }
    }

    /// Fields are matched by exact name; target fields the source lacks become NULL, source fields
    /// the target lacks are dropped.
    private static func structCast(
        _ from: SQLType, _ to: SQLType, _ ff: [SQLType.StructField], _ tf: [SQLType.StructField]
    ) throws(EddyError) -> Function {
        var plan: [(source: Int, convert: Function)?] = []
        for target in tf {
            if let i = ff.firstIndex(where: { $0.name == target.name }) {
                do { plan.append((i, try compile(from: ff[i].type, to: target.type))) } catch { throw unsupported(from, to) }
            } else {
                plan.append(nil)
            }
        }
        let names = tf.map(\.name)
        let steps = plan
        return { v throws(EddyError) in
            guard case .struct(let s) = v else { return .null }
            var values = [Value]()
            values.reserveCapacity(steps.count)
            for step in steps {
                if let step, step.source < s.values.count {
                    values.append(try step.convert(s.values[step.source]))
                } else {
                    values.append(.null)
                }
            }
            return .struct(StructValue(names: names, values: values))
        }
    }

    private static func primitive(_ from: SQLType, _ to: SQLType) throws(EddyError) -> Function {
        switch (from.base, to) {
        case (_, .string) where from.base != .bytes:
            let type = from
            return { v in v.isNull ? .null : .string(v.sqlString(type: type)) }
        case (.int, .bigint), (.bigint, .bigint):
            return { v in v.asInt64.map { .bigint($0) } ?? .null }
        case (.int, .double), (.bigint, .double), (.decimal, .double):
            return { v in v.asDouble.map { .double($0) } ?? .null }
        case (.bigint, .int):
            return { v in v.asInt64.map { .int(Int32(truncatingIfNeeded: $0)) } ?? .null }
        case (.double, .int):
            return { v in
                guard case .double(let d) = v else { return .null }
                return .int(javaNarrow(d))
            }
        case (.double, .bigint):
            return { v in
                guard case .double(let d) = v else { return .null }
                return .bigint(javaNarrow(d))
            }
        case (.decimal, .int):
            return { v in
                guard case .decimal(let d) = v else { return .null }
                return .int(Int32(truncatingIfNeeded: d.truncatedLowBits))
            }
        case (.decimal, .bigint):
            return { v in
                guard case .decimal(let d) = v else { return .null }
                return .bigint(d.truncatedLowBits)
            }
        case (.int, .decimal(let p, let s)), (.bigint, .decimal(let p, let s)),
             (.double, .decimal(let p, let s)), (.decimal, .decimal(let p, let s)),
             (.string, .decimal(let p, let s)):
            try SQLType.validateDecimal(precision: p, scale: s)
            return { v throws(EddyError) in try DecimalCast.cast(v, precision: p, scale: s) }
        case (.string, .boolean):
            return { v in
                guard case .string(let s) = v else { return .null }
                return .bool(JavaBoolean.parse(s.javaTrimmed))
            }
        case (.string, .int):
            return { v throws(EddyError) in
                guard case .string(let s) = v else { return .null }
                guard let r = JavaInteger.parseInt32(s.javaTrimmed) else { throw numberFormat(s) }
                return .int(r)
            }
        case (.string, .bigint):
            return { v throws(EddyError) in
                guard case .string(let s) = v else { return .null }
                guard let r = JavaInteger.parseInt64(s.javaTrimmed) else { throw numberFormat(s) }
                return .bigint(r)
            }
        case (.string, .double):
            return { v throws(EddyError) in
                guard case .string(let s) = v else { return .null }
                guard let d = JavaDouble.parse(s) else { throw numberFormat(s) }
                guard d.isFinite else { throw EddyError.execution("Invalid double value: \(s.javaTrimmed)") }
                return .double(d)
            }
        case (.string, .timestamp):
            return { v throws(EddyError) in
                guard case .string(let s) = v else { return .null }
                return .timestamp(try TemporalText.parseTimestamp(String(s.javaTrimmed)))
            }
        case (.string, .time):
            return { v throws(EddyError) in
                guard case .string(let s) = v else { return .null }
                return .time(try TemporalText.parseTime(String(s.javaTrimmed)))
            }
        case (.string, .date):
            return { v throws(EddyError) in
                guard case .string(let s) = v else { return .null }
                return .date(try TemporalText.parseDate(String(s.javaTrimmed)))
            }
        case (.string, .bytes):
            return { v throws(EddyError) in
                guard case .string(let s) = v else { return .null }
                guard let bytes = Base64.decode(s.javaTrimmed) else {
                    throw EddyError.execution("Illegal base64 character in '\(s)'")
                }
                return .bytes(bytes)
            }
        case (.timestamp, .time):
            return { v in
                guard case .timestamp(let t) = v else { return .null }
                return .time(Int32(CivilTime.floorDivMod(t, CivilTime.millisPerDay).1))
            }
        case (.timestamp, .date):
            return { v in
                guard case .timestamp(let t) = v else { return .null }
                return .date(Int32(truncatingIfNeeded: CivilTime.floorDivMod(t, CivilTime.millisPerDay).0))
            }
        case (.date, .timestamp):
            return { v in
                guard case .date(let d) = v else { return .null }
                return .timestamp(Int64(d) * CivilTime.millisPerDay)
            }
        default:
            throw unsupported(from, to)
        }
    }

    static func numberFormat(_ s: String) -> EddyError {
        EddyError.execution("For input string: \"\(s.javaTrimmed)\"")
    }

    /// Java's `(int)`/`(long)` conversion of a double: truncation toward zero, NaN to 0, and
    /// saturation at the type's bounds.
    @inlinable static func javaNarrow<T: FixedWidthInteger>(_ d: Double) -> T {
        if d.isNaN { return 0 }
        if d >= Double(T.max) { return T.max }
        if d <= Double(T.min) { return T.min }
        return T(d.rounded(.towardZero))
    }
}

/// ksqlDB's `SqlBooleans.parseBoolean`: any non-empty, case-insensitive prefix of `true` or
/// `yes` is TRUE; everything else is FALSE.
public enum JavaBoolean {
    public static func parse(_ s: Substring) -> Bool {
        prefixMatch(s, "true") || prefixMatch(s, "yes")
    }

    /// TRUE or FALSE for prefixes of true/yes and false/no, nil otherwise (the lax coercer).
    public static func parseExact(_ s: Substring) -> Bool? {
        if parse(s) { return true }
        if prefixMatch(s, "false") || prefixMatch(s, "no") { return false }
        return nil
    }

    static func prefixMatch(_ s: Substring, _ word: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= word.utf8.count else { return false }
        return zip(s.utf8, word.utf8).allSatisfy { $0 | 0x20 == $1 && ($0 >= 65) }
    }
}
