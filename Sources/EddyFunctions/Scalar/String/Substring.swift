import EddyCore

/// SUBSTRING positions are 1-based; a negative position counts back from the end.
struct Substring_: ScalarFunction {
    static let name = "substring", category = FunctionCategory.string
    static let description = "Returns the portion of the string or bytes from the given position, for the given length if any. Positions start at 1; negative positions count from the end."

    static func range(count: Int, pos: Int, length: Int?) -> Range<Int> {
        let start = pos > 0 ? min(pos - 1, count) : (pos == 0 ? 0 : max(0, count + pos))
        guard let length else { return start..<count }
        let end = max(start, min(count, start + max(0, length)))
        return start..<end
    }

    static var signatures: [Signature] {[
        .strict([.string, .int], names: ["str", "pos"], returns: .string) { a, _ in
            let u = JavaString.units(a[0].stringValue!)
            return .string(JavaString.string(u[range(count: u.count, pos: Int(a[1].int32Value!), length: nil)]))
        },
        .strict([.string, .int, .int], names: ["str", "pos", "length"], returns: .string) { a, _ in
            let u = JavaString.units(a[0].stringValue!)
            return .string(JavaString.string(u[range(count: u.count, pos: Int(a[1].int32Value!), length: Int(a[2].int32Value!))]))
        },
        .strict([.bytes, .int], names: ["bytes", "pos"], returns: .bytes) { a, _ in
            let b = a[0].bytesValue!
            return .bytes(Array(b[range(count: b.count, pos: Int(a[1].int32Value!), length: nil)]))
        },
        .strict([.bytes, .int, .int], names: ["bytes", "pos", "length"], returns: .bytes) { a, _ in
            let b = a[0].bytesValue!
            return .bytes(Array(b[range(count: b.count, pos: Int(a[1].int32Value!), length: Int(a[2].int32Value!))]))
        },
    ]}
}

struct Instr: ScalarFunction {
    static let name = "instr", category = FunctionCategory.string
    static let description = "Returns the position of substring in string, starting the search at position (negative positions search backwards from the end) and looking for the given occurrence. Returns 0 if not found."

    static func instr(_ s: String, _ sub: String, position: Int, occurrence: Int) -> Int32 {
        let hay = JavaString.units(s), needle = JavaString.units(sub)
        guard occurrence > 0, position != 0 else { return 0 }
        var found = -1
        if position > 0 {
            var from = position - 1
            for _ in 0..<occurrence {
                found = JavaString.indexOf(hay, needle, from: from)
                if found < 0 { return 0 }
                from = found + 1
            }
        } else {
            var from = hay.count + position
            for _ in 0..<occurrence {
                found = JavaString.lastIndexOf(hay, needle, from: from)
                if found < 0 { return 0 }
                from = found - 1
            }
        }
        return Int32(found + 1)
    }

    static var signatures: [Signature] {[
        // A NULL string or substring gives 0; a NULL position or occurrence (Java ints) gives NULL.
        Signature([.string, .string], names: ["str", "substring"], returns: .int) { args in
            guard case .string(let s) = args[0], case .string(let sub) = args[1] else { return .int(0) }
            return .int(instr(s, sub, position: 1, occurrence: 1))
        },
        Signature([.string, .string, .int], names: ["str", "substring", "position"], returns: .int) { args in
            guard case .int(let p) = args[2] else { return .null }
            guard case .string(let s) = args[0], case .string(let sub) = args[1] else { return .int(0) }
            return .int(instr(s, sub, position: Int(p), occurrence: 1))
        },
        Signature([.string, .string, .int, .int], names: ["str", "substring", "position", "occurrence"], returns: .int) { args in
            guard case .int(let p) = args[2], case .int(let n) = args[3] else { return .null }
            guard case .string(let s) = args[0], case .string(let sub) = args[1] else { return .int(0) }
            return .int(instr(s, sub, position: Int(p), occurrence: Int(n)))
        },
    ]}
}
