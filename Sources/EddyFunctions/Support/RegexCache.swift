import Foundation
import Synchronization

/// Compiled Java-style regexes. ICU's syntax (NSRegularExpression) is close to java.util.regex and
/// also indexes by UTF-16, like Java. Patterns are usually literals, so a small cache avoids
/// recompiling per record.
final class RegexCache: Sendable {
    struct Compiled: @unchecked Sendable { let regex: NSRegularExpression }

    static let shared = RegexCache()
    private let cache = Mutex<[String: Compiled]>([:])

    func regex(_ pattern: String) throws -> NSRegularExpression {
        if let hit = cache.withLock({ $0[pattern] }) { return hit.regex }
        // java.util.regex accepts an empty pattern (matching everywhere); ICU needs it spelled out.
        let compiled = try NSRegularExpression(pattern: pattern.isEmpty ? "(?:)" : pattern)
        cache.withLock { c in
            if c.count > 256 { c.removeAll() }
            c[pattern] = Compiled(regex: compiled)
        }
        return compiled
    }
}

extension NSRegularExpression {
    func matches(in s: String) -> [NSTextCheckingResult] {
        matches(in: s, range: NSRange(location: 0, length: s.utf16.count))
    }
}

extension String {
    /// The text of an NSRange over this string's UTF-16 units; nil for a group that did not match.
    func substring(utf16 range: NSRange) -> String? {
        guard range.location != NSNotFound else { return nil }
        let u = Array(utf16)
        return JavaString.string(u[range.location..<(range.location + range.length)])
    }
}
