import EddyCore

/// Values the caller does not read: they must fail exactly as `decode` would (ksqlDB deserializes
/// the whole row before projecting), but need not be built.
extension JSONValueDecoder {
    /// Consumes a value as `decode(plan)` would, throwing the same errors, without building it where
    /// that is cheaper: STRING accepts any valid JSON, and a number is a valid INT, BIGINT, DATE,
    /// TIMESTAMP or DOUBLE whatever its size or form. Other types are decoded and dropped.
    mutating func validate(_ plan: JSONTypePlan) throws {
        guard let c = scanner.peek() else { throw scanner.unexpected(JSONScanner.valueExpectation) }
        switch plan {
        case .string:
            try skipAsString(c)
        case .int, .bigint, .date, .timestamp, .double:
            if isNumberStart(c) {
                if scanner.readPlainInteger() == nil { _ = try scanner.readNumber() }
            } else {
                _ = try decode(plan)
            }
        default:
            _ = try decode(plan)
        }
    }

    /// Skips what `stringValue` (after `decode`'s NULL check) accepts, with its errors: any byte
    /// that starts no other value is read as a number, elements of an array are read as strings,
    /// and an object is any valid JSON object.
    private mutating func skipAsString(_ c: UInt8) throws {
        switch c {
        case UInt8(ascii: "\""):
            _ = try scanner.readString(&scratch)
        case UInt8(ascii: "n"):
            try scanner.readLiteral("null")
        case UInt8(ascii: "t"):
            try scanner.readLiteral("true")
        case UInt8(ascii: "f"):
            try scanner.readLiteral("false")
        case UInt8(ascii: "["):
            try scanner.enter()
            defer { scanner.leave() }
            scanner.pos += 1
            if scanner.peek() == UInt8(ascii: "]") { scanner.pos += 1; return }
            repeat {
                guard let e = scanner.peek() else { throw scanner.unexpected(JSONScanner.valueExpectation) }
                try skipAsString(e)
            } while try scanner.readSeparator(close: UInt8(ascii: "]"), what: "Array")
        case UInt8(ascii: "{"):
            try scanner.skipValue(&scratch)
        default:
            _ = try scanner.readNumber()
        }
    }
}
