/// A field's whole member prefix as compact producers write it, `"name":` (opening quote, key,
/// closing quote, colon), laid out as two 8-byte words: the object loop compares the bytes at the
/// cursor with it in two masked word compares, which replaces the quote check, the in-place key
/// compare and the colon check of `JSONFastKey` for the common member.
///
/// Two spellings are kept: the name itself (an exact match) and, for a name with upper-case
/// letters and no lower-case ones, its ASCII lower-case form (a match up to case: upper-casing
/// that key gives the name). CDC feeds write ksqlDB's upper-case columns in lower case. Any other
/// spelling, or whitespace around the colon, fails both compares and goes the `JSONFastKey` way.
/// Only names of 1 to 13 printable ASCII bytes without `"` or `\` get one (the prefix fits in 16
/// bytes, and such a key has no escapes).
struct JSONKeyPattern: Sendable {
    /// Bytes of the prefix: the cursor moves past it on a match.
    let count: Int
    private let exact0: UInt64, exact1: UInt64
    private let lower0: UInt64, lower1: UInt64
    /// Which bytes of the second word belong to the prefix (zero when it fits in the first).
    private let mask1: UInt64
    private let mask0: UInt64
    /// Whether the lower-case spelling differs from the name (else only `exact` is compared).
    private let hasLower: Bool

    /// Without `lowerCase`, only the exact spelling is kept: for a plan where a lower-case key may
    /// match another field exactly, so that a match here is always final.
    init?(_ name: [UInt8], lowerCase: Bool = true) {
        guard (1 ... 13).contains(name.count),
              name.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return nil }
        let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":")
        let exact = [quote] + name + [quote, colon]
        let isUpper = { (c: UInt8) in c >= 0x41 && c <= 0x5A }
        let isLower = { (c: UInt8) in c >= 0x61 && c <= 0x7A }
        hasLower = lowerCase && name.contains(where: isUpper) && !name.contains(where: isLower)
        let lower = exact.map { isUpper($0) ? $0 | 0x20 : $0 }
        count = exact.count
        func word(_ bytes: [UInt8], _ at: Int) -> UInt64 {
            var w: UInt64 = 0
            for j in 0 ..< 8 where at + j < bytes.count { w |= UInt64(bytes[at + j]) << (8 * j) }
            return w
        }
        exact0 = word(exact, 0)
        exact1 = word(exact, 8)
        lower0 = word(lower, 0)
        lower1 = word(lower, 8)
        mask0 = count >= 8 ? ~0 : (1 << (8 * count)) - 1
        mask1 = count <= 8 ? 0 : (count >= 16 ? ~0 : (1 << (8 * (count - 8))) - 1)
    }

    /// A pattern no input matches: its masked words are zero, its expected first word is not.
    static let never = JSONKeyPattern()

    private init() {
        count = 0
        exact0 = ~0
        exact1 = 0
        lower0 = ~0
        lower1 = 0
        mask0 = 0
        mask1 = 0
        hasLower = false
    }

    /// Compares the bytes at `start` with the prefix: 2 for the name's own spelling, 1 for its
    /// lower-case one, 0 otherwise or when fewer than 16 bytes are left (the caller then takes the
    /// general path).
    @inline(__always) func level(_ bytes: UnsafeRawBufferPointer, at start: Int) -> UInt8 {
        // Wrapping arithmetic: a cursor is far from Int.max, and no overflow trap is needed.
        guard start &+ 16 <= bytes.count, let base = bytes.baseAddress else { return 0 }
        let a = base.loadUnaligned(fromByteOffset: start, as: UInt64.self).littleEndian & mask0
        let b = base.loadUnaligned(fromByteOffset: start &+ 8, as: UInt64.self).littleEndian & mask1
        if a == exact0 && b == exact1 { return 2 }
        if hasLower && a == lower0 && b == lower1 { return 1 }
        return 0
    }
}
