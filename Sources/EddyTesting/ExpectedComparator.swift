import EddyCore
import EddyFormats

/// ksqlDB's ExpectedRecordComparator rules: objects match field by field (falling back to the
/// upper-cased name), numbers by the actual value's Java type, decimals by exact value and scale.
enum ExpectedComparator {
    static func matches(_ actual: ActualValue, _ expected: JSONValue) -> Bool {
        switch expected {
        case .null:
            if case .null = actual { return true }
            return false
        case .bool(let b):
            if case .bool(let a) = actual { return a == b }
            return false
        case .string(let s):
            switch actual {
            case .string(let a): return a == s
            case .decimal(let d): return SQLDecimal(s).map { $0 == d } ?? false
            default: return false
            }
        case .number(let n):
            switch actual {
            case .integer(let a): return n.int64.map { $0 == a } ?? (n.double.rounded(.towardZero) == Double(a))
            case .double(let a): return n.double == a
            case .decimal(let a):
                if n.isIntegral { return a.scale <= 0 && n.int64.map { SQLDecimal(unscaled: .init($0), scale: 0).compare(a) == 0 } == true }
                guard let e = n.decimal else { return false }
                return e == a
            default: return false
            }
        case .array(let items):
            guard case .list(let a) = actual, a.count == items.count else { return false }
            return zip(a, items).allSatisfy { matches($0, $1) }
        case .object(let object):
            guard case .map(let fields) = actual, fields.count == object.count else { return false }
            for (k, v) in object {
                let found = fields.first { $0.0 == k } ?? fields.first { $0.0 == k.uppercased() }
                if !matches(found?.1 ?? .null, v) { return false }
            }
            return true
        }
    }
}
