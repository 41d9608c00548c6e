import EddyCore
import Testing
@testable import EddyFormats

/// `JSONFieldsPlan.matchLevel`, the fast path tried on the field expected next, must follow the
/// rule: 2 exact; 1 for an all-ASCII key whose every byte equals the name's as is or upper-cased;
/// else 0.
@Suite struct JSONFieldMatchTests {
    /// Keys to try against `name`: itself, lower- and upper-cased, every single-byte change to one
    /// of `substitutes` or to the byte with its case bit flipped, one byte longer and one shorter.
    static func variants(of name: String, substitutes: [UInt8]) -> [[UInt8]] {
        let bytes = Array(name.utf8)
        var keys: [[UInt8]] = [bytes, Array(name.lowercased().utf8), Array(name.uppercased().utf8)]
        for i in bytes.indices {
            for b in substitutes + [bytes[i] ^ 0x20] {
                var k = bytes
                k[i] = b
                keys.append(k)
            }
        }
        keys.append(bytes + [0x41])
        keys.append(Array(bytes.dropLast()))
        return keys
    }

    static func reference(_ name: [UInt8], _ key: [UInt8]) -> UInt8 {
        guard name.count == key.count else { return 0 }
        if name == key { return 2 }
        guard key.allSatisfy({ $0 < 0x80 }) else { return 0 }
        // Byte by byte: equal as is, or after upper-casing an ASCII letter.
        for (c, want) in zip(key, name) where c != want {
            guard c >= 0x61, c <= 0x7A, c - 0x20 == want else { return 0 }
        }
        return 1
    }

    func level(_ name: String, _ key: [UInt8]) -> UInt8 {
        let plan = JSONFieldsPlan(names: [name], types: [.int], text: "")
        return key.withUnsafeBytes { plan.matchLevel(0, $0) }
    }

    @Test func wordWiseMatchingAgreesWithTheByteWiseRule() {
        let names = ["", "A", "O_ID", "O_W_ID", "O_OL_CNT", "O_CARRIER_ID", "O_ALL_LOCAL", "ABCDEFGHIJKLMNOPQRSTUVWXYZ[`{@",
                     "é_COL", "MIXED_case_NAME_LONGER_THAN_16"]
        for name in names {
            let bytes = Array(name.utf8)
            for key in Self.variants(of: name, substitutes: [0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0xC3]) {
                #expect(level(name, key) == Self.reference(bytes, key), "\(name) vs \(key)")
            }
        }
    }
}

/// `JSONFastKey`, the in-place comparison of the key expected next, must agree with the same rule
/// for every name it accepts, wherever the key sits in the buffer.
@Suite struct JSONFastKeyTests {
    @Test func inPlaceMatchingAgreesWithTheByteWiseRule() {
        let names = ["A", "O_ID", "O_W_ID", "O_OL_CNT", "O_CARRIER_ID", "O_ALL_LOCAL", "ABCDEFGHIJKLMNOP", "lower_Mixed", "A1 [@`{~]"]
        for name in names {
            let bytes = Array(name.utf8)
            guard let fast = JSONFastKey(bytes) else { Issue.record("no fast key for \(name)"); continue }
            let substitutes: [UInt8] = [0x22, 0x40, 0x41, 0x5A, 0x5B, 0x5C, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0xC3]
            for key in JSONFieldMatchTests.variants(of: name, substitutes: substitutes) {
                let expected = JSONFieldMatchTests.reference(bytes, key)
                // Followed by plenty of input, then by as little as possible (the general path's turn).
                for tail in [Array(#"":1,"x":2}"#.utf8), [0x22]] {
                    let buffer = [0x22] + key + tail
                    let got = buffer.withUnsafeBytes { fast.level($0, at: 1) }
                    let roomy = tail.count > 1 || key.count >= 7
                    if roomy || got != 0 {
                        #expect(got == expected, "\(name) vs \(key) + \(tail)")
                    }
                }
            }
        }
    }

    @Test func namesTheGeneralPathMustDecideHaveNoFastKey() {
        for name in ["", "é", "A\"B", "A\\B", "TAB\tNAME", "SEVENTEEN_LETTERS"] {
            #expect(JSONFastKey(Array(name.utf8)) == nil, "\(name)")
        }
    }
}
