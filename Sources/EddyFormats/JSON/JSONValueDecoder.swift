import EddyCore

/// Decodes JSON straight into typed `Value`s, applying ksqlDB's JSON coercions
/// (KsqlJsonDeserializer): numbers and text convert between each other, objects become STRING as
/// JSON text, struct fields match exactly or by upper-cased name, and missing fields are NULL.
struct JSONValueDecoder {
    var scanner: JSONScanner
    var scratch: [UInt8] = []

    init(_ bytes: UnsafeRawBufferPointer, at start: Int = 0) {
        scanner = JSONScanner(bytes, at: start)
    }

    func invalid(_ source: String, _ required: String) -> JSONCoercionFailure {
        JSONCoercionFailure(message: "Can't convert type. sourceType: \(source), requiredType: \(required)", path: "")
    }

    func coerceFailure(_ target: String) -> JSONCoercionFailure {
        JSONCoercionFailure(message: "Can't coerce string to type. targetType: \(target)", path: "")
    }

    /// Consumes a value of a kind the plan can't take and reports it.
    mutating func mismatch(_ required: String) throws -> JSONCoercionFailure {
        let c = scanner.peek() ?? 0
        if c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) {
            let (range, integral) = try scanner.readNumber()
            let digits = range.count - (c == UInt8(ascii: "-") ? 1 : 0)
            return invalid(JSONNodeKind.name(ofValueStartingAt: c, integral: integral, digits: digits), required)
        }
        try scanner.skipValue(&scratch)
        return invalid(JSONNodeKind.name(ofValueStartingAt: c), required)
    }

    mutating func decode(_ plan: JSONTypePlan) throws -> Value {
        guard let c = scanner.peek() else { throw scanner.unexpected(JSONScanner.valueExpectation) }
        if c == UInt8(ascii: "n") {
            try scanner.readLiteral("null")
            return .null
        }
        switch plan {
        case .boolean:
            if c == UInt8(ascii: "t") { try scanner.readLiteral("true"); return .bool(true) }
            if c == UInt8(ascii: "f") { try scanner.readLiteral("false"); return .bool(false) }
            throw try mismatch("BOOLEAN")
        case .int:
            return .int(Int32(truncatingIfNeeded: try integer("INTEGER", c, narrow: 32)))
        case .bigint:
            return .bigint(try integer("BIGINT", c, narrow: 64))
        case .date:
            return .date(Int32(truncatingIfNeeded: try integer("DATE", c, narrow: 32)))
        case .time:
            let millis = try integer("TIME", c, narrow: 32)
            guard millis >= 0 && millis <= 86_400_000 else {
                throw JSONCoercionFailure(
                    message: "Time values must use number of milliseconds greater than 0 and less than 86400000.", path: "")
            }
            return .time(Int32(millis))
        case .timestamp:
            return .timestamp(try integer("TIMESTAMP", c, narrow: 64))
        case .double:
            if isNumberStart(c) {
                let (range, _) = try scanner.readNumber()
                return .double(JavaNumberParsing.double(UnsafeRawBufferPointer(rebasing: scanner.bytes[range])))
            }
            if c == UInt8(ascii: "\"") {
                guard let d = JavaNumberParsing.parseDouble(try scanner.readStringValue(&scratch)) else { throw coerceFailure("DOUBLE") }
                return .double(d)
            }
            throw try mismatch("DOUBLE")
        case .decimal(let p, let s):
            let text: String
            if isNumberStart(c) {
                let (range, _) = try scanner.readNumber()
                text = scanner.text(range)
            } else if c == UInt8(ascii: "\"") {
                text = try scanner.readStringValue(&scratch)
            } else {
                throw try mismatch("DECIMAL(\(p), \(s))")
            }
            guard let d = SQLDecimal(text), !text.contains(where: { $0 == " " || $0 == "\t" }) else {
                throw JSONCoercionFailure(message: "Invalid decimal value: '\(text)'", path: "")
            }
            return .decimal(try DecimalFit.ensureFit(d, precision: p, scale: s))
        case .string:
            return .string(try stringValue(c))
        case .bytes:
            guard c == UInt8(ascii: "\"") else { throw try mismatch("BYTES") }
            let text = try scanner.readStringValue(&scratch)
            guard let bytes = ByteBase64.decode(text.utf8.filter { $0 != 0x0A && $0 != 0x0D }) else {
                throw JSONCoercionFailure(message: "Value is not a valid Base64 encoded string: \(text)", path: "")
            }
            return .bytes(bytes)
        case .array(let element, let text):
            guard c == UInt8(ascii: "[") else { throw try mismatch(text) }
            return .array(try array(element))
        case .map(let valuePlan, let text):
            guard c == UInt8(ascii: "{") else { throw try mismatch(text) }
            return .map(try map(valuePlan))
        case .structure(let fields):
            guard c == UInt8(ascii: "{") else { throw try mismatch(fields.text) }
            var values = [Value](repeating: .null, count: fields.fields.count)
            var levels = [UInt8](repeating: 0, count: fields.fields.count)
            try object(fields, into: &values, at: 0, levels: &levels)
            return .struct(StructValue(names: fields.names, values: values))
        }
    }

    @inline(__always) func isNumberStart(_ c: UInt8) -> Bool { c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) }

    /// INTEGER/BIGINT/DATE/TIME/TIMESTAMP: a number (narrowed as Java's intValue/longValue do) or
    /// text holding a plain integer.
    mutating func integer(_ required: String, _ c: UInt8, narrow bits: Int) throws -> Int64 {
        if isNumberStart(c) {
            let low: UInt64
            if let plain = scanner.readPlainInteger() {
                low = plain
            } else {
                let (range, integral) = try scanner.readNumber()
                let raw = UnsafeRawBufferPointer(rebasing: scanner.bytes[range])
                low = integral ? JavaNumberParsing.integralLowBits(raw) : JavaNumberParsing.fractionalLowBits(scanner.text(range))
            }
            return bits == 32 ? Int64(Int32(truncatingIfNeeded: low)) : Int64(bitPattern: low)
        }
        if c == UInt8(ascii: "\"") {
            let parsed: Int64?
            if let r = try scanner.readString(&scratch) {
                let raw = UnsafeRawBufferPointer(rebasing: scanner.bytes[r])
                parsed = bits == 32 ? JavaNumberParsing.parseInt32(raw).map(Int64.init) : JavaNumberParsing.parseInt64(raw)
            } else {
                parsed = bits == 32 ? JavaNumberParsing.parseInt32(scratch).map(Int64.init) : JavaNumberParsing.parseInt64(scratch)
            }
            guard let parsed else { throw coerceFailure(required) }
            return parsed
        }
        throw try mismatch(required)
    }

    /// STRING accepts anything: text as is, numbers and booleans as their text, objects as compact
    /// JSON, arrays as `[a, b]` of their elements' string forms.
    mutating func stringValue(_ c: UInt8) throws -> String {
        switch c {
        case UInt8(ascii: "\""):
            return try scanner.readStringValue(&scratch)
        case UInt8(ascii: "t"):
            try scanner.readLiteral("true"); return "true"
        case UInt8(ascii: "f"):
            try scanner.readLiteral("false"); return "false"
        case UInt8(ascii: "["):
            let items = try array(.string)
            return "[" + items.map { if case .string(let s) = $0 { s } else { "null" } }.joined(separator: ", ") + "]"
        case UInt8(ascii: "{"):
            let tree = try JSONValue.parseValue(&scanner, &scratch)
            var out: [UInt8] = []
            JacksonText.write(tree, to: &out)
            return String(decoding: out, as: UTF8.self)
        default:
            let (range, integral) = try scanner.readNumber()
            let text = scanner.text(range)
            if integral { return text }
            return JavaText.parseBigDecimal(text).map(JavaText.bigDecimal) ?? text
        }
    }

    mutating func array(_ element: JSONTypePlan) throws -> [Value] {
        try scanner.enter()
        defer { scanner.leave() }
        scanner.pos += 1
        var items: [Value] = []
        if scanner.peek() == UInt8(ascii: "]") { scanner.pos += 1; return items }
        repeat {
            do {
                items.append(try decode(element))
            } catch var failure as JSONCoercionFailure {
                failure.path = "[\(items.count)]" + failure.path
                throw failure
            }
        } while try scanner.readSeparator(close: UInt8(ascii: "]"), what: "Array")
        return items
    }

    mutating func map(_ valuePlan: JSONTypePlan) throws -> MapValue {
        try scanner.enter()
        defer { scanner.leave() }
        scanner.pos += 1
        var result = MapValue()
        var index: [String: Int] = [:]
        if scanner.peek() == UInt8(ascii: "}") { scanner.pos += 1; return result }
        repeat {
            guard scanner.peek() == UInt8(ascii: "\"") else { throw scanner.unexpected("double-quote to start field name") }
            let key = try scanner.readStringValue(&scratch)
            try scanner.readColon()
            let value: Value
            do {
                value = try decode(valuePlan)
            } catch var failure as JSONCoercionFailure {
                failure.path = ".\(key).value" + failure.path
                throw failure
            }
            if let i = index[key] {
                result.values[i] = value
            } else {
                index[key] = result.keys.count
                result.keys.append(.string(key))
                result.values.append(value)
            }
        } while try scanner.readSeparator(close: UInt8(ascii: "}"), what: "Object")
        return result
    }
}

/// How Jackson writes a tree it read with exact decimals: compact, integers as written, other
/// numbers as `BigDecimal.toString()`.
enum JacksonText {
    static func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .number(let n) where !n.isIntegral:
            out.append(contentsOf: (JavaText.parseBigDecimal(n.text).map(JavaText.bigDecimal) ?? n.text).utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for i in 0 ..< object.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(object.keys[i], to: &out)
                out.append(UInt8(ascii: ":"))
                write(object.values[i], to: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            value.write(to: &out)
        }
    }
}
