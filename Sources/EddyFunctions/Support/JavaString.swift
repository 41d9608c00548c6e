/// Java strings are UTF-16: lengths, indexes and padding count UTF-16 code units, so functions
/// that take positions work on `utf16` views.
enum JavaString {
    @inline(__always) static func units(_ s: String) -> [UInt16] { Array(s.utf16) }
    @inline(__always) static func string<C: Collection>(_ units: C) -> String where C.Element == UInt16 {
        String(decoding: units, as: UTF16.self)
    }
    @inline(__always) static func length(_ s: String) -> Int { s.utf16.count }

    /// String.indexOf(needle, from) over code units; -1 when absent.
    static func indexOf(_ hay: [UInt16], _ needle: [UInt16], from: Int) -> Int {
        let start = max(0, from)
        if needle.isEmpty { return start <= hay.count ? start : -1 }
        guard hay.count >= needle.count, start <= hay.count - needle.count else { return -1 }
        outer: for i in start...(hay.count - needle.count) {
            for j in 0..<needle.count where hay[i + j] != needle[j] { continue outer }
            return i
        }
        return -1
    }

    /// String.lastIndexOf(needle, from).
    static func lastIndexOf(_ hay: [UInt16], _ needle: [UInt16], from: Int) -> Int {
        var i = min(from, hay.count - needle.count)
        while i >= 0 {
            var ok = true
            for j in 0..<needle.count where hay[i + j] != needle[j] { ok = false; break }
            if ok { return i }
            i -= 1
        }
        return -1
    }

    /// Java's Character.isWhitespace-free `String.trim()`: strips code units <= U+0020.
    static func trim(_ s: String) -> String {
        let u = s.utf16
        guard let first = u.firstIndex(where: { $0 > 0x20 }) else { return "" }
        let last = u.lastIndex(where: { $0 > 0x20 })!
        return String(s[first...last])
    }
}
