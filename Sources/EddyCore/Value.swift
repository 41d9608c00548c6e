import BigInt

/// A runtime SQL value. The plan knows every column's `SQLType`, so a value carries only its payload.
///
/// Temporal representations follow ksqlDB: DATE is days since the epoch, TIME is milliseconds since
/// midnight, TIMESTAMP is milliseconds since the epoch (UTC).
public enum Value: Sendable {
    case null
    case bool(Bool)
    case int(Int32)
    case bigint(Int64)
    case double(Double)
    case decimal(SQLDecimal)
    case string(String)
    case bytes([UInt8])
    case date(Int32)
    case time(Int32)
    case timestamp(Int64)
    case array([Value])
    case map(MapValue)
    case `struct`(StructValue)

    @inlinable public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A map keeps insertion order, as ksqlDB's deserializers do.
public struct MapValue: Sendable, Hashable {
    public var keys: [Value]
    public var values: [Value]

    public init() { keys = []; values = [] }
    public init(keys: [Value], values: [Value]) {
        precondition(keys.count == values.count)
        self.keys = keys
        self.values = values
    }
    public init(_ pairs: [(Value, Value)]) {
        keys = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    public var count: Int { keys.count }

    public subscript(key: Value) -> Value? {
        guard let i = keys.firstIndex(of: key) else { return nil }
        return values[i]
    }

    /// Sets or replaces the value for `key`, keeping the first position of an existing key.
    public mutating func set(_ key: Value, _ value: Value) {
        if let i = keys.firstIndex(of: key) { values[i] = value } else { keys.append(key); values.append(value) }
    }

    public var pairs: Zip2Sequence<[Value], [Value]> { zip(keys, values) }
}

/// A struct value. Field names are shared between records of one schema (copy-on-write arrays).
public struct StructValue: Sendable, Hashable {
    public var names: [String]
    public var values: [Value]

    public init(names: [String], values: [Value]) {
        precondition(names.count == values.count)
        self.names = names
        self.values = values
    }

    public subscript(name: String) -> Value? {
        if let i = names.firstIndex(of: name) { return values[i] }
        let upper = name.uppercased()
        if let i = names.firstIndex(where: { $0.uppercased() == upper }) { return values[i] }
        return nil
    }
}

/// An exact decimal: `unscaled × 10^-scale`. Precision is the type's business; values keep their scale.
public struct SQLDecimal: Sendable, Hashable {
    public var unscaled: BigInt
    public var scale: Int

    public init(unscaled: BigInt, scale: Int) {
        self.unscaled = unscaled
        self.scale = scale
    }

    /// Parses a plain decimal literal such as `-12.340` or `1E+3`. Returns nil on malformed text.
    public init?(_ text: Substring) {
        var s = text.trimmedASCIIWhitespace()
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let exp = Int(s[s.index(after: e)...]) else { return nil }
            exponent = exp
            s = s[..<e]
        }
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        var digits = ""
        var scale = 0
        var seenDot = false
        for c in s {
            if c == "." {
                if seenDot { return nil }
                seenDot = true
            } else if c.isASCII, c.isNumber {
                digits.append(c)
                if seenDot { scale += 1 }
            } else {
                return nil
            }
        }
        guard !digits.isEmpty, var value = BigInt(digits) else { return nil }
        if negative { value = -value }
        scale -= exponent
        if scale < 0 {
            value *= BigInt(10).power(-scale)
            scale = 0
        }
        self.init(unscaled: value, scale: scale)
    }

    public init?(_ text: String) { self.init(text[...]) }

    /// The number of significant digits in the unscaled value (at least 1).
    public var precision: Int {
        let magnitude = unscaled.magnitude
        if magnitude == 0 { return 1 }
        return String(magnitude).count
    }

    /// Rescales with HALF_UP rounding, as Java's BigDecimal.setScale(scale, HALF_UP).
    public func rescaled(to newScale: Int) -> SQLDecimal {
        if newScale == scale { return self }
        if newScale > scale {
            return SQLDecimal(unscaled: unscaled * BigInt(10).power(newScale - scale), scale: newScale)
        }
        let divisor = BigInt(10).power(scale - newScale)
        let (q, r) = unscaled.quotientAndRemainder(dividingBy: divisor)
        var result = q
        if r.magnitude * 2 >= divisor.magnitude {
            result += unscaled.signum() < 0 ? -1 : 1
        }
        return SQLDecimal(unscaled: result, scale: newScale)
    }

    /// Whether the value fits DECIMAL(precision, scale) once rescaled.
    public func fits(precision: Int, scale: Int) -> Bool {
        let r = rescaled(to: scale)
        return r.unscaled == 0 || r.precision <= precision
    }

    public var doubleValue: Double {
        Double(description) ?? .nan
    }

    public func compare(_ other: SQLDecimal) -> Int {
        let s = max(scale, other.scale)
        let a = rescaled(to: s).unscaled, b = other.rescaled(to: s).unscaled
        return a < b ? -1 : (a == b ? 0 : 1)
    }
}

extension SQLDecimal: CustomStringConvertible {
    /// Plain notation, as Java's BigDecimal.toPlainString().
    public var description: String {
        let negative = unscaled.signum() < 0
        var digits = String(unscaled.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        } else if scale < 0 {
            digits += String(repeating: "0", count: -scale)
        }
        return negative ? "-" + digits : digits
    }
}

extension Substring {
    func trimmedASCIIWhitespace() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s = s.dropLast() }
        return s
    }
}
