/// Decimal text of integers written straight to memory, two digits per step from a pair table:
/// the row serializer's common column, without an intermediate buffer or per-digit appends.
enum JSONIntegerText {
    /// The most bytes `write` produces: `-9223372036854775808`.
    static let maxBytes = 20

    /// "00" through "99", back to back. A literal, so reading it needs no lazy-global check.
    private static var pairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }

    /// Writes `v` as Java prints a long (`-` then the digits, no leading zeros) and returns the
    /// number of bytes written; `to` must have room for `maxBytes`.
    @inline(__always) static func write(_ v: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var m = v.magnitude
        var p = out
        if v < 0 { p.pointee = UInt8(ascii: "-"); p += 1 }
        if m < 10 {
            p.pointee = 0x30 &+ UInt8(truncatingIfNeeded: m)
            return p + 1 - out
        }
        let end = p + digitCount(m)
        let table = pairs.utf8Start
        var q = end
        while m >= 100 {
            let r = Int(truncatingIfNeeded: m % 100) &* 2
            m /= 100
            q -= 2
            q[0] = table[r]
            q[1] = table[r + 1]
        }
        if m >= 10 {
            let r = Int(truncatingIfNeeded: m) &* 2
            q[-2] = table[r]
            q[-1] = table[r + 1]
        } else {
            q[-1] = 0x30 &+ UInt8(truncatingIfNeeded: m)
        }
        return end - out
    }

    /// Decimal digits of `m` (at least 10 here).
    @inline(__always) static func digitCount(_ m: UInt64) -> Int {
        if m < 100 { return 2 }
        if m < 1000 { return 3 }
        if m < 10000 { return 4 }
        if m < 100_000 { return 5 }
        var n = 6
        var limit: UInt64 = 1_000_000
        while n < 20 && m >= limit {
            n += 1
            limit = limit &* 10
        }
        return n
    }
}
