extension JSONValue {
    /// Parses one JSON document. With `allowTrailing`, bytes after the first value are ignored
    /// (as Jackson's `readTree` does); otherwise anything but whitespace after it is an error.
    /// Parses one JSON document; throws `JSONSyntaxError`. With `allowTrailing`, bytes after the first
    /// value are ignored (as Jackson's `readTree` does); otherwise anything but whitespace is an error.
    public static func parse(_ bytes: UnsafeRawBufferPointer, allowTrailing: Bool = false) throws -> JSONValue {
        var scanner = JSONScanner(bytes)
        var scratch: [UInt8] = []
        let value = try parseValue(&scanner, &scratch)
        if !allowTrailing, scanner.peek() != nil {
            throw scanner.unexpected("end-of-input")
        }
        return value
    }

    public static func parse(_ bytes: [UInt8], allowTrailing: Bool = false) throws -> JSONValue {
        try bytes.withUnsafeBytes { try parse($0, allowTrailing: allowTrailing) }
    }

    public static func parse(_ text: String, allowTrailing: Bool = false) throws -> JSONValue {
        var text = text
        return try text.withUTF8 { try parse(UnsafeRawBufferPointer($0), allowTrailing: allowTrailing) }
    }

    static func parseValue(_ s: inout JSONScanner, _ scratch: inout [UInt8]) throws -> JSONValue {
        guard let c = s.peek() else { throw s.unexpected(JSONScanner.valueExpectation) }
        switch c {
        case UInt8(ascii: "\""):
            return .string(try s.readStringValue(&scratch))
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
            let (range, integral) = try s.readNumber()
            return .number(JSONNumber(text: s.text(range), isIntegral: integral))
        case UInt8(ascii: "t"): try s.readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try s.readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try s.readLiteral("null"); return .null
        case UInt8(ascii: "["):
            try s.enter()
            defer { s.leave() }
            s.pos += 1
            var items: [JSONValue] = []
            if s.peek() == UInt8(ascii: "]") { s.pos += 1; return .array(items) }
            repeat { items.append(try parseValue(&s, &scratch)) } while try s.readSeparator(close: UInt8(ascii: "]"), what: "Array")
            return .array(items)
        case UInt8(ascii: "{"):
            try s.enter()
            defer { s.leave() }
            s.pos += 1
            var object = JSONObject()
            if s.peek() == UInt8(ascii: "}") { s.pos += 1; return .object(object) }
            repeat {
                guard s.peek() == UInt8(ascii: "\"") else { throw s.unexpected("double-quote to start field name") }
                let key = try s.readStringValue(&scratch)
                try s.readColon()
                object.append(key, try parseValue(&s, &scratch))
            } while try s.readSeparator(close: UInt8(ascii: "}"), what: "Object")
            return .object(object)
        default:
            throw s.unexpected(JSONScanner.valueExpectation)
        }
    }
}

