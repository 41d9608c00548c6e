import EddyCore

/// Objects: the fields of a row or struct, with the common case (keys in column order, plain ASCII
/// names) matched in place, and fields the caller does not read validated without being built.
extension JSONValueDecoder {
    /// Fills `values[base + i]` (pre-set to NULL) for each field i from an object. An exact key
    /// match beats an upper-cased one; among equals the last wins, as Jackson's object nodes keep
    /// the last duplicate. Fields in `plan.skip` are validated but left NULL.
    /// With `reset`, the slots may hold any values (a reused row): each is set to NULL first.
    mutating func object(_ plan: JSONFieldsPlan, into values: inout [Value], at base: Int, levels: inout [UInt8],
                         reset: Bool = false) throws {
        try scanner.enter()
        defer { scanner.leave() }
        // The plan's steps, the levels and the output are held as buffers for the whole object:
        // the loop then reads and writes them without bounds checks or retains per field.
        try plan.steps.withUnsafeBufferPointer { steps in
            try levels.withUnsafeMutableBufferPointer { levels in
                try values.withUnsafeMutableBufferPointer { values in
                    let out = values.baseAddress.map { $0 + base }
                    if reset, let out {
                        for i in 0 ..< levels.count { (out + i).overwrite(with: .null) }
                    }
                    levels.update(repeating: 0)
                    scanner.pos += 1
                    if scanner.peek() == UInt8(ascii: "}") { scanner.pos += 1; return }
                    try members(plan, steps, out, levels)
                }
            }
        }
    }

    private mutating func members(_ plan: JSONFieldsPlan, _ steps: UnsafeBufferPointer<JSONFieldStep>,
                                  _ out: UnsafeMutablePointer<Value>?, _ levels: UnsafeMutableBufferPointer<UInt8>) throws {
        let upperIsFinal = !plan.hasLowerCaseNames
        var hint = 0
        repeat {
            var i = -1, level: UInt8 = 0
            // The member expected next, as compact producers write it: quote, key, quote and colon in
            // two word compares. The pattern keeps the lower-case spelling only where such a match
            // is final (the rule below), so any match is. Read in place: a step is large.
            if hint < steps.count {
                let step = steps.baseAddress.unsafelyUnwrapped + hint
                level = step.pointee.pattern.level(scanner.bytes, at: scanner.pos)
                if level != 0 {
                    i = hint
                    scanner.pos &+= step.pointee.pattern.count
                }
            }
            if i < 0 {
                guard scanner.peekByte() == UInt8(ascii: "\"") else { throw scanner.unexpected("double-quote to start field name") }
                level = 0
                if hint < steps.count, let key = steps[hint].key {
                    // Otherwise the key alone, compared in place: an exact match is final (names are
                    // unique), an upper-case one unless some name has lower case and could match exactly.
                    let start = scanner.pos + 1
                    level = key.level(scanner.bytes, at: start)
                    if level == 2 || (level == 1 && upperIsFinal) {
                        i = hint
                        let colon = start + key.count + 1
                        if colon < scanner.bytes.count, scanner.bytes[colon] == UInt8(ascii: ":") {
                            scanner.pos = colon + 1
                        } else {
                            scanner.pos = colon
                            try scanner.readColon()
                        }
                    }
                }
            }
            if i < 0 {
                let match: (Int, UInt8)?
                if let r = try scanner.readString(&scratch) {
                    match = Self.match(plan, UnsafeRawBufferPointer(rebasing: scanner.bytes[r]), hint: hint)
                } else {
                    match = scratch.withUnsafeBytes { Self.match(plan, $0, hint: hint) }
                }
                try scanner.readColon()
                guard let match else { try scanner.skipValue(&scratch); continue }
                (i, level) = match
            }
            hint = i &+ 1
            let previous = levels[i]
            guard level >= previous else { try scanner.skipValue(&scratch); continue }
            levels[i] = level
            // A slot no earlier duplicate wrote still holds the NULL it was pre-set to: nothing to release.
            let slot = out.unsafelyUnwrapped + i
            let action = steps[i].action
            let c = scanner.peekByte()
            switch action {
            case .int32, .int64:
                if isNumberStart(c), let low = scanner.readPlainInteger() {
                    let v: Value = action == .int32 ? .int(Int32(truncatingIfNeeded: low)) : .bigint(Int64(bitPattern: low))
                    if previous == 0 { slot.initialize(to: v) } else { slot.pointee = v }
                    continue
                }
                if c == UInt8(ascii: "n") {
                    try scanner.readNull()
                    if previous != 0 { slot.pointee = .null }
                    continue
                }
            case .skipNumber:
                if isNumberStart(c) {
                    if scanner.readPlainInteger() == nil { _ = try scanner.readNumber() }
                    continue
                }
                if c == UInt8(ascii: "n") { try scanner.readNull(); continue }
            case .skipString:
                if c == UInt8(ascii: "\"") {
                    if !scanner.skipPlainString() { _ = try scanner.readString(&scratch) }
                    continue
                }
                if c == UInt8(ascii: "n") { try scanner.readNull(); continue }
            case .decode, .validate:
                break
            }
            try field(plan, i, slot, read: action != .validate && action != .skipNumber && action != .skipString)
        } while try nextMember()
    }

    /// The general path for field i's value: `decode` into the slot, or `validate` it, with the
    /// field's name prefixed to a coercion failure's path.
    @inline(never) private mutating func field(_ plan: JSONFieldsPlan, _ i: Int, _ slot: UnsafeMutablePointer<Value>, read: Bool) throws {
        do {
            if read {
                slot.pointee = try decode(plan.fields[i])
            } else {
                try validate(plan.fields[i])
            }
        } catch var failure as JSONCoercionFailure {
            failure.path = ".\(plan.names[i])" + failure.path
            throw failure
        }
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
