import EddyCore

/// A parsed JSON document. Objects keep their keys in document order; numbers keep their literal text
/// so decimals and big integers survive exactly.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public var isNull: Bool { if case .null = self { true } else { false } }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var numberValue: JSONNumber? { if case .number(let n) = self { n } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }

    /// The member named `key` of an object (last one wins, as in Jackson), else nil.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }

    /// The element at `index` of an array, else nil.
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let a) = self, a.indices.contains(index) else { return nil }
        return a[index]
    }
}

/// A JSON number as written, with its parsed forms.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The literal text, e.g. `-1.50e3`.
    public let text: String
    /// True when the literal has no fraction and no exponent.
    public let isIntegral: Bool

    public init(text: String, isIntegral: Bool) {
        self.text = text
        self.isIntegral = isIntegral
    }

    public init(_ value: Int64) { self.init(text: String(value), isIntegral: true) }
    public init(_ value: Double) { self.init(text: JavaText.double(value), isIntegral: false) }
    public init(_ value: SQLDecimal) { self.init(text: value.description, isIntegral: value.scale <= 0) }

    /// The value as a 64-bit integer, when it is integral and fits.
    public var int64: Int64? { isIntegral ? Int64(text) : nil }
    /// The nearest double.
    public var double: Double { Double(text) ?? .nan }
    /// The exact decimal value (scale taken from the literal).
    public var decimal: SQLDecimal? { SQLDecimal(text) }

    public var description: String { text }
}

/// An object's members in document order. Duplicate keys are kept; lookups return the last.
public struct JSONObject: Sendable, Hashable, Sequence {
    public var keys: [String]
    public var values: [JSONValue]

    public init() { keys = []; values = [] }
    public init(_ pairs: [(String, JSONValue)]) {
        keys = pairs.map(\.0)
        values = pairs.map(\.1)
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> JSONValue? {
        guard let i = keys.lastIndex(of: key) else { return nil }
        return values[i]
    }

    /// Exact match first, then a match on the upper-cased key, as ksqlDB looks up fields.
    public func value(forField name: String) -> JSONValue? {
        if let v = self[name] { return v }
        guard let i = keys.lastIndex(where: { $0.uppercased() == name }) else { return nil }
        return values[i]
    }

    public mutating func append(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values.append(value)
    }

    public func makeIterator() -> Zip2Sequence<[String], [JSONValue]>.Iterator { zip(keys, values).makeIterator() }
}
