import EddyCore
import Testing
@testable import EddyFormats

/// `JSONKeyPattern`, the two-word compare of the member prefix expected next, must never disagree
/// with the byte-wise matching rule: it may only answer 0 (the other paths then decide) or the
/// rule's level, and it must answer for the two spellings it keeps.
@Suite struct JSONKeyPatternTests {
    @Test func patternLevelsAgreeWithTheByteWiseRule() {
        let names = ["A", "a", "O_ID", "O_W_ID", "O_OL_CNT", "O_CARRIER_ID", "O_ALL_LOCAL", "ABCDEFGHIJKLM", "lower_Mixed", "A1 [@`{~]", "_1"]
        let substitutes: [UInt8] = [0x22, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x5C, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0xC3]
        for name in names {
            let bytes = Array(name.utf8)
            guard let pattern = JSONKeyPattern(bytes) else { Issue.record("no pattern for \(name)"); continue }
            let upperOnly = !bytes.contains { $0 >= 0x61 && $0 <= 0x7A }
            for key in JSONFieldMatchTests.variants(of: name, substitutes: substitutes) {
                let expected = JSONFieldMatchTests.reference(bytes, key)
                for tail in [Array(#"":1,"x":2,"y":3}"#.utf8), Array(#"" :1,"x":2,"y":3}"#.utf8), Array(#"":"#.utf8), [0x22]] {
                    let buffer = [0x22] + key + tail
                    let got = buffer.withUnsafeBytes { pattern.level($0, at: 0) }
                    let compact = tail.count >= 2 && tail[1] == 0x3A
                    if got != 0 || !compact || buffer.count < 16 {
                        #expect(got == 0 || (compact && got == expected), "\(name) vs \(key) + \(tail)")
                    } else {
                        // Compact and roomy: the name's own spelling and the lower-case one must match.
                        let lower = key == bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                        #expect(!(key == bytes || (lower && upperOnly)), "\(name) vs \(key) missed")
                    }
                }
            }
        }
    }

    /// A plan whose names have lower case builds patterns without the lower-case spelling: such a
    /// match would not be final, and the loop takes any pattern match as final.
    @Test func exactOnlyPatternsIgnoreTheLowerCaseSpelling() {
        let tail = Array(#"":1,"x":2,"y":3}"#.utf8)
        let exactOnly = JSONKeyPattern(Array("O_ID".utf8), lowerCase: false)!
        let both = JSONKeyPattern(Array("O_ID".utf8))!
        for (key, exact, folded) in [("O_ID", 2, 2), ("o_id", 0, 1), ("O_Id", 0, 0)] as [(String, UInt8, UInt8)] {
            let buffer = [0x22] + Array(key.utf8) + tail
            #expect(buffer.withUnsafeBytes { exactOnly.level($0, at: 0) } == exact, "\(key)")
            #expect(buffer.withUnsafeBytes { both.level($0, at: 0) } == folded, "\(key)")
        }
        #expect(JSONKeyPattern.never.level(UnsafeRawBufferPointer(start: nil, count: 0), at: 0) == 0)
        let zeros = [UInt8](repeating: 0, count: 32)
        #expect(zeros.withUnsafeBytes { JSONKeyPattern.never.level($0, at: 0) } == 0)
    }

    @Test func namesTooLongOrNotPlainHaveNoPattern() {
        for name in ["", "é", "A\"B", "A\\B", "TAB\tNAME", "FOURTEEN_BYTES"] {
            #expect(JSONKeyPattern(Array(name.utf8)) == nil, "\(name)")
        }
        #expect(JSONKeyPattern(Array("THIRTEEN_BYTE".utf8))?.count == 16)
    }

    /// The object loop with and without the pattern path: a space before each colon defeats the
    /// pattern, so the same members must decode to the same row either way, for key spellings,
    /// orders, duplicates and unknown keys.
    @Test func objectsDecodeTheSameWithAndWithoutThePattern() throws {
        let names = ["O_ID", "o_W_id", "O_CARRIER_ID", "S"]
        let columns = [Column(names[0], .int), Column(names[1], .bigint), Column(names[2], .int), Column(names[3], .string)]
        let spellings = [["O_ID", "o_id", "O_Id", "o_idx"], ["o_W_id", "O_W_ID", "o_w_id"],
                         ["O_CARRIER_ID", "o_carrier_id", "O_CARRIER_Id"], ["S", "s", "\\u0053"]]
        var rng = SplitMix64(state: 11)
        for reading in [nil, [true, false, true, false] as [Bool]?] {
            var d = try JSONFormat().makeDeserializer(columns: columns, context: SerdeContext(info: FormatInfo("JSON"), topic: "t"))
            if let reading { d.prune(reading: reading) }
            for n in 0 ..< 400 {
                var members: [(String, String)] = []
                for _ in 0 ..< Int(rng.next() % 6) + 1 {
                    let c = Int(rng.next() % 4)
                    let key = spellings[c][Int(rng.next() % UInt64(spellings[c].count))]
                    let value = c == 3 ? (rng.next() % 2 == 0 ? "\"v\(n)\"" : "null") : (rng.next() % 5 == 0 ? "null" : "\(n &* 7919 - 1000)")
                    members.append((key, value))
                }
                if rng.next() % 3 == 0 { members.shuffle() }
                let compact = "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
                let spaced = "{" + members.map { "\"\($0.0)\" :\($0.1)" }.joined(separator: ",") + "}"
                let fast = try d.deserialize(Array(compact.utf8)), general = try d.deserialize(Array(spaced.utf8))
                #expect(fast == general, "\(compact)")
            }
        }
    }
}
