import EddyCore

/// A SQL type compiled for JSON decoding: struct field names are pre-encoded and the type text used in
/// error messages is rendered once, not per record.
indirect enum JSONTypePlan: Sendable {
    case boolean, int, bigint, double, string, bytes, date, time, timestamp
    case decimal(precision: Int, scale: Int)
    case array(JSONTypePlan, text: String)
    case map(JSONTypePlan, text: String)
    case structure(JSONFieldsPlan)

    init(_ type: SQLType) {
        switch type {
        case .boolean: self = .boolean
        case .int: self = .int
        case .bigint: self = .bigint
        case .double: self = .double
        case .string: self = .string
        case .bytes: self = .bytes
        case .date: self = .date
        case .time: self = .time
        case .timestamp: self = .timestamp
        case .decimal(let p, let s): self = .decimal(precision: p, scale: s)
        case .array(let e): self = .array(JSONTypePlan(e), text: JSONTypePlan.text(type))
        case .map(_, let v): self = .map(JSONTypePlan(v), text: JSONTypePlan.text(type))
        case .struct(let fields):
            self = .structure(JSONFieldsPlan(names: fields.map(\.name), types: fields.map(\.type), text: JSONTypePlan.text(type)))
        }
    }

    /// The type as ksqlDB's deserializer names it in "requiredType: …".
    static func text(_ type: SQLType) -> String {
        switch type {
        case .array(let e): "ARRAY<\(text(e))>"
        case .map(let k, let v): "MAP<\(text(k)), \(text(v))>"
        case .struct(let fields): "STRUCT<" + fields.map { "\($0.name) \(text($0.type))" }.joined(separator: ", ") + ">"
        default: type.description
        }
    }
}

/// The fields of a struct, or the columns of a wrapped row.
struct JSONFieldsPlan: Sendable {
    let names: [String]
    let utf8Names: [[UInt8]]
    let fields: [JSONTypePlan]
    let text: String
    /// Whether a name has a lower-case ASCII letter: only then can a key that matches one field
    /// upper-cased match another exactly.
    let hasLowerCaseNames: Bool
    /// Per field, its name laid out for in-place key matching (nil: the general path only).
    let fastKeys: [JSONFastKey?]
    /// Fields the caller does not read: validated as their type requires, but not built.
    var skip: [Bool] { didSet { steps = JSONFieldStep.steps(self) } }
    /// Per field, its fast key and what to do with its value, as the object loop reads them.
    private(set) var steps: [JSONFieldStep] = []

    init(names: [String], types: [SQLType], text: String) {
        self.names = names
        utf8Names = names.map { Array($0.utf8) }
        fastKeys = utf8Names.map(JSONFastKey.init)
        skip = [Bool](repeating: false, count: names.count)
        fields = types.map(JSONTypePlan.init)
        self.text = text
        hasLowerCaseNames = utf8Names.contains { $0.contains { $0 >= 0x61 && $0 <= 0x7A } }
        steps = JSONFieldStep.steps(self)
    }

    /// Matches `key` against the single field `i` (the one expected next: producers write fields
    /// in a fixed order): 2 for an exact match, 1 for an ASCII upper-case match, 0 otherwise,
    /// including keys with non-ASCII bytes that only the full comparison can decide.
    @inline(__always) func matchLevel(_ i: Int, _ key: UnsafeRawBufferPointer) -> UInt8 {
        utf8Names[i].withUnsafeBytes { name in
            let n = key.count
            guard name.count == n, let k = key.baseAddress, let m = name.baseAddress else { return n == 0 && name.isEmpty ? 2 : 0 }
            var exact = true, ascii = true
            for j in 0 ..< n {
                var c = k.load(fromByteOffset: j, as: UInt8.self)
                let want = m.load(fromByteOffset: j, as: UInt8.self)
                if c >= 0x80 { ascii = false }
                if c == want { continue }
                exact = false
                if c >= 0x61 && c <= 0x7A { c &-= 0x20 }
                if c != want { return 0 }
            }
            return exact ? 2 : (ascii ? 1 : 0)
        }
    }

    /// Index of the field named exactly `key`.
    func exactMatch(_ key: UnsafeRawBufferPointer) -> Int? {
        for (i, name) in utf8Names.enumerated() where name.count == key.count {
            if name.withUnsafeBytes({ $0.elementsEqual(key) }) { return i }
        }
        return nil
    }

    /// Index of the field equal to the upper-cased `key` (ksqlDB's fallback for unquoted names).
    func upperCaseMatch(_ key: UnsafeRawBufferPointer) -> Int? {
        if key.allSatisfy({ $0 < 0x80 }) {
            for (i, name) in utf8Names.enumerated() where name.count == key.count {
                var equal = true
                for j in 0 ..< key.count {
                    var c = key[j]
                    if c >= 0x61 && c <= 0x7A { c -= 0x20 }
                    if c != name[j] { equal = false; break }
                }
                if equal { return i }
            }
            return nil
        }
        let upper = String(decoding: key, as: UTF8.self).uppercased()
        return names.firstIndex(of: upper)
    }
}
