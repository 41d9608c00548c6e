import Foundation

enum Hex {
    static let digits = Array("0123456789abcdef")
    static func byte(_ b: UInt8) -> String { String([digits[Int(b >> 4)], digits[Int(b & 0xF)]]) }
    static func encode(_ bytes: [UInt8]) -> String { bytes.map(byte).joined() }

    /// Accepts plain hex, `0x…` and `X'…'`; an odd digit count is left-padded with 0, as ksqlDB does.
    static func decode(_ text: String) -> [UInt8]? {
        var s = Substring(text)
        if s.hasPrefix("0x") || s.hasPrefix("0X") { s = s.dropFirst(2) }
        else if (s.hasPrefix("X'") || s.hasPrefix("x'")) && s.hasSuffix("'") && s.count >= 3 { s = s.dropFirst(2).dropLast() }
        var digits = Array(s.utf8)
        if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
        return pairs(digits)
    }

    /// ENCODE's stricter reading (ksqlDB's `hexStrip`): only a lower-case `0x` prefix is padded to an even
    /// digit count; `X'…'` and bare hex must already have one.
    static func decodeForEncode(_ text: String) -> [UInt8]? {
        var s = Substring(text)
        if s.hasPrefix("0x") {
            s = s.dropFirst(2)
            if s.utf8.count % 2 == 1 { return pairs(Array(("0" + s).utf8)) }
        } else if (s.hasPrefix("X'") || s.hasPrefix("x'")) && s.hasSuffix("'") && s.count >= 3 {
            s = s.dropFirst(2).dropLast()
        }
        let digits = Array(s.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return pairs(digits)
    }

    private static func pairs(_ digits: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let h = nibble(digits[i]), let l = nibble(digits[i + 1]) else { return nil }
            out.append(h << 4 | l)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The charsets ENCODE, TO_BYTES and FROM_BYTES accept, with Java's replacement behaviour:
/// unmappable characters become '?' when encoding ASCII and U+FFFD when decoding.
enum Charset: String {
    case hex, utf8, ascii, base64

    init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    func decode(_ text: String) -> [UInt8]? {
        switch self {
        case .hex: return Hex.decode(text)
        case .utf8: return Array(text.utf8)
        case .ascii:
            return text.unicodeScalars.map { $0.isASCII ? UInt8($0.value) : UInt8(ascii: "?") }
        case .base64:
            // java.util.Base64's decoder accepts missing '=' padding.
            var padded = text
            switch text.utf8.count % 4 {
            case 2: padded += "=="
            case 3: padded += "="
            default: break
            }
            return Data(base64Encoded: padded).map { Array($0) }
        }
    }

    func encode(_ bytes: [UInt8]) -> String {
        switch self {
        case .hex: return Hex.encode(bytes)
        case .utf8: return String(decoding: bytes, as: UTF8.self)
        case .ascii:
            return String(String.UnicodeScalarView(bytes.map { $0 < 0x80 ? Unicode.Scalar($0) : "\u{FFFD}" }))
        case .base64: return Data(bytes).base64EncodedString()
        }
    }
}
