/// ksqlDB's test loader (Jackson with ALLOW_COMMENTS) accepts `//` and `/* */` comments in
/// its JSON test files, so Eddy's loaders blank them out before parsing.
enum JSONComments {
    /// Replaces every comment outside a string literal with spaces, keeping newlines so parse
    /// errors still point at the right line. An unterminated block comment runs to the end.
    static func strip(_ bytes: [UInt8]) -> [UInt8] {
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), quote = UInt8(ascii: "\"")
        let backslash = UInt8(ascii: "\\"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        guard bytes.contains(slash) else { return bytes }
        var out = bytes
        var i = 0
        var inString = false
        while i < out.count {
            let c = out[i]
            if inString {
                if c == backslash { i += 2; continue }
                if c == quote { inString = false }
                i += 1
                continue
            }
            if c == quote { inString = true; i += 1; continue }
            guard c == slash, i + 1 < out.count else { i += 1; continue }
            if out[i + 1] == slash {
                while i < out.count, out[i] != newline { out[i] = space; i += 1 }
            } else if out[i + 1] == star {
                out[i] = space; out[i + 1] = space; i += 2
                while i < out.count {
                    if out[i] == star, i + 1 < out.count, out[i + 1] == slash {
                        out[i] = space; out[i + 1] = space; i += 2
                        break
                    }
                    if out[i] != newline { out[i] = space }
                    i += 1
                }
            } else {
                i += 1
            }
        }
        return out
    }
}
