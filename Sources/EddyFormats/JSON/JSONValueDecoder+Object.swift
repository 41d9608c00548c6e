import EddyCore

/// Objects: the fields of a row or struct, with the common case (keys in column order, plain ASCII
/// names) matched in place, and fields the caller does not read validated without being built.
extension JSONValueDecoder {
    /// Fills `values[base + i]` (pre-set to NULL) for each field i from an object. An exact key
    /// match beats an upper-cased one; among equals the last wins, as Jackson's object nodes keep
    /// the last duplicate. Fields in `plan.skip` are validated but left NULL.
    mutating func object(_ plan: JSONFieldsPlan, into values: inout [Value], at base: Int, levels: inout [UInt8]) throws {
        try scanner.enter()
        defer { scanner.leave() }
        scanner.pos += 1
        if scanner.peek() == UInt8(ascii: "}") { scanner.pos += 1; return }
        var hint = 0
        repeat {
            guard scanner.peek() == UInt8(ascii: "\"") else { throw scanner.unexpected("double-quote to start field name") }
            var match: (index: Int, level: UInt8)? = try matchInPlace(plan, hint: hint)
            if match == nil {
                if let r = try scanner.readString(&scratch) {
                    match = Self.match(plan, UnsafeRawBufferPointer(rebasing: scanner.bytes[r]), hint: hint)
                } else {
                    match = scratch.withUnsafeBytes { Self.match(plan, $0, hint: hint) }
                }
                try scanner.readColon()
            }
            if let m = match { hint = m.index + 1 }
            guard let (i, level) = match, level >= levels[i] else {
                try scanner.skipValue(&scratch)
                continue
            }
            levels[i] = level
            let bits = plan.integerBits[i]
            if bits != 0, let c = scanner.peek(), isNumberStart(c), let low = scanner.readPlainInteger() {
                // A plain integer for an INT or BIGINT column: what `decode` would do, inline.
                if !plan.skip[i] {
                    values[base + i] = bits == 32 ? .int(Int32(truncatingIfNeeded: low)) : .bigint(Int64(bitPattern: low))
                }
                continue
            }
            do {
                if plan.skip[i] {
                    try validate(plan.fields[i])
                } else {
                    values[base + i] = try decode(plan.fields[i])
                }
            } catch var failure as JSONCoercionFailure {
                failure.path = ".\(plan.names[i])" + failure.path
                throw failure
            }
        } while try nextMember()
    }

    /// The key at the cursor compared in place with the field expected next, consuming the key and
    /// its colon when that settles the match: an exact match is final (names are unique), an
    /// upper-case one unless some name has lower case and could match exactly. Otherwise nil with
    /// nothing consumed, and the general path decides.
    @inline(__always) private mutating func matchInPlace(_ plan: JSONFieldsPlan, hint: Int) throws -> (index: Int, level: UInt8)? {
        guard hint < plan.fastKeys.count, let key = plan.fastKeys[hint] else { return nil }
        let start = scanner.pos + 1
        let level = key.level(scanner.bytes, at: start)
        guard level == 2 || (level == 1 && !plan.hasLowerCaseNames) else { return nil }
        let colon = start + key.count + 1
        if colon < scanner.bytes.count, scanner.bytes[colon] == UInt8(ascii: ":") {
            scanner.pos = colon + 1
        } else {
            scanner.pos = colon
            try scanner.readColon()
        }
        return (hint, level)
    }

    /// After a member: true past a `,`, false past the closing `}`.
    @inline(__always) private mutating func nextMember() throws -> Bool {
        let p = scanner.pos
        if p < scanner.bytes.count {
            let c = scanner.bytes[p]
            if c == UInt8(ascii: ",") { scanner.pos = p + 1; return true }
            if c == UInt8(ascii: "}") { scanner.pos = p + 1; return false }
        }
        return try scanner.readSeparator(close: UInt8(ascii: "}"), what: "Object")
    }

    /// Tries the field after the previous match first. An exact match there is final (names are
    /// unique); an upper-case one is final unless some name has lower case and could match exactly.
    static func match(_ plan: JSONFieldsPlan, _ key: UnsafeRawBufferPointer, hint: Int) -> (Int, UInt8)? {
        if hint < plan.utf8Names.count {
            let level = plan.matchLevel(hint, key)
            if level == 2 || (level == 1 && !plan.hasLowerCaseNames) { return (hint, level) }
        }
        return match(plan, key)
    }

    static func match(_ plan: JSONFieldsPlan, _ key: UnsafeRawBufferPointer) -> (Int, UInt8)? {
        if let i = plan.exactMatch(key) { return (i, 2) }
        if let i = plan.upperCaseMatch(key) { return (i, 1) }
        return nil
    }
}
