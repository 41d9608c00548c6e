/// A field name laid out for matching an object key in place, straight from the input bytes: the
/// name as one or two 8-byte words, plus the bits an ASCII lower-case key may differ in (0x20 on the
/// name's upper-case letters). Producers write ksqlDB's upper-case columns as lower- or mixed-case
/// keys, so the common key costs two word compares instead of a string read and a byte loop.
///
/// Only names of 1 to 16 printable ASCII bytes without `"` or `\` get one: a key equal to such a
/// name, byte for byte or up to case, then has no escapes and is pure ASCII, so its raw bytes
/// are its text and ASCII upper-casing is the whole of ksqlDB's upper-case rule.
struct JSONFastKey: Sendable {
    let count: Int
    private let first: UInt64, firstFold: UInt64, firstMask: UInt64
    private let last: UInt64, lastFold: UInt64

    init?(_ name: [UInt8]) {
        guard (1 ... 16).contains(name.count),
              name.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else { return nil }
        count = name.count
        func word(_ at: Int) -> (UInt64, UInt64) {
            var w: UInt64 = 0, fold: UInt64 = 0
            for j in 0 ..< min(8, name.count - at) {
                let c = name[at + j]
                w |= UInt64(c) << (8 * j)
                if c >= 0x41 && c <= 0x5A { fold |= 0x20 << (8 * j) }
            }
            return (w, fold)
        }
        (first, firstFold) = word(0)
        firstMask = count >= 8 ? ~0 : (1 << (8 * count)) - 1
        (last, lastFold) = count > 8 ? word(count - 8) : (0, 0)
    }

    /// Compares the key whose text starts at `start` (after its opening quote) with the name: 2 when
    /// equal, 1 when equal after ASCII upper-casing, 0 otherwise or when there are too few bytes
    /// left to compare in place (the caller then takes the general path).
    @inline(__always) func level(_ bytes: UnsafeRawBufferPointer, at start: Int) -> UInt8 {
        let end = start + count
        guard start + 8 <= bytes.count, end < bytes.count, let base = bytes.baseAddress,
              base.load(fromByteOffset: end, as: UInt8.self) == UInt8(ascii: "\"") else { return 0 }
        let a = base.loadUnaligned(fromByteOffset: start, as: UInt64.self).littleEndian & firstMask
        var exact = a == first
        var folded = (a | firstFold) == (first | firstFold)
        if count > 8 {
            let b = base.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self).littleEndian
            exact = exact && b == last
            folded = folded && (b | lastFold) == (last | lastFold)
        }
        return exact ? 2 : (folded ? 1 : 0)
    }
}
