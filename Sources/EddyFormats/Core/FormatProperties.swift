/// Checks of `FormatInfo.properties` shared by every format.
public enum FormatProperties {
    /// Rejects unknown keys and blank values, with ksqlDB's messages.
    public static func validate(formatName: String, properties: [String: String], supported: Set<String>) throws {
        let unknown = properties.keys.filter { !supported.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw EddyErrorFactory.execution(
                "\(formatName) does not support the following configs: [\(unknown.joined(separator: ", "))]")
        }
        for (key, value) in properties.sorted(by: { $0.key < $1.key })
        where value.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
            // ksqlDB trims the WITH clause's values before the format sees them.
            let rendered = properties.sorted { $0.key < $1.key }.map { "\($0.key)=\(trimmed($0.value))" }
                .joined(separator: ", ")
            throw EddyErrorFactory.execution("\(key) cannot be empty. Format configuration: {\(rendered)}")
        }
    }

    private static func trimmed(_ s: String) -> String {
        String(String(s.drop(while: \.isWhitespace).reversed()).drop(while: \.isWhitespace).reversed())
    }
}
