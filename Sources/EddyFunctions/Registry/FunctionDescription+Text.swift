/// Text renderings of the registry: ksqlDB's CLI layout for DESCRIBE FUNCTION, the SHOW FUNCTIONS
/// rows, and the Markdown reference in docs/functions.md.
extension FunctionDescription {
    /// DESCRIBE FUNCTION as ksqlDB's CLI prints it (`Name`, `Author`, `Overview`, `Type`, `Jar`, then
    /// one block per variation with its return type and description).
    /// Long descriptions wrap at `width` columns (ksqlDB uses the terminal width, at least 80) and
    /// continue under the value column.
    public func cliText(width: Int = 80) -> String {
        var lines: [String] = []
        func field(_ label: String, _ value: String, indent: Bool = false) {
            lines.append((indent ? "\t" : "") + label.padding(to: 12) + ": " + value)
        }
        func described(_ label: String, _ value: String, indent: Bool = false) {
            let trimmed = value.trimmingWhitespace
            if trimmed.isEmpty { return }
            // The label column is 14 characters, 16 when indented (a tab counts as two).
            let labelLength = indent ? 16 : 14
            let wrapped = Self.splitLongLine(trimmed, max(width, 80) - labelLength)
            let continuation = "\n" + String(repeating: " ", count: labelLength)
            field(label, wrapped.replacingAll("\n", with: continuation), indent: indent)
        }
        field("Name", name)
        if !author.isEmpty { field("Author", author) }
        if !version.isEmpty { field("Version", version) }
        described("Overview", description)
        field("Type", kind.rawValue)
        field("Jar", path)
        field("Variations", "")
        for v in variations {
            lines.append("")
            field("Variation", signature(of: v), indent: true)
            field("Returns", v.returnType, indent: true)
            described("Description", [v.description, v.nullPolicy.rawValue].filter { !$0.isEmpty }.joined(separator: " "),
                      indent: true)
        }
        return lines.joined(separator: "\n")
    }

    public var cliText: String { cliText() }

    /// ksqlDB's `Console.splitLongLine`: words (and the spaces between them) are appended until the next
    /// one would pass `maxLength`; an explicit newline always breaks.
    static func splitLongLine(_ input: String, _ maxLength: Int) -> String {
        var tokens: [String] = []
        var word = ""
        for ch in input {
            if ch == " " || ch == "\n" {
                if !word.isEmpty { tokens.append(word); word = "" }
                tokens.append(String(ch))
            } else {
                word.append(ch)
            }
        }
        if !word.isEmpty { tokens.append(word) }
        var output = "", lineLength = 0
        for token in tokens {
            let newline = token == "\n"
            if newline || lineLength + token.count > maxLength {
                output += "\n"
                lineLength = 0
                if newline { continue }
            }
            output += token
            lineLength += token.count
        }
        return output
    }
}

extension FunctionRegistry {
    /// SHOW FUNCTIONS rows, `[name, category]`, ordered by category then name, with an empty row
    /// between categories as ksqlDB's CLI prints them.
    public var functionListingRows: [[String]] {
        let sorted = allFunctions.sorted { ($0.category, $0.name) < ($1.category, $1.name) }
        var rows: [[String]] = []
        for f in sorted {
            if let last = rows.last, last[1] != f.category { rows.append([" ", " "]) }
            rows.append([f.name, f.category])
        }
        return rows
    }

    /// The reference page checked in as docs/functions.md (`eddy docs functions` regenerates it).
    public func markdownDocumentation() -> String {
        var md = "# Function reference\n\n"
        md += "Generated from Eddy's function registry by `eddy docs functions --output docs/functions.md`; do not edit by hand.\n"
        md += "`DESCRIBE FUNCTION <name>;` prints the same information.\n"
        let all = allFunctions
        let groups = Dictionary(grouping: all, by: \.category)
        for category in groups.keys.sorted() {
            md += "\n## \(category)\n"
            for f in groups[category]! {
                md += "\n### \(f.name)\n\n\(f.description)\n\n"
                for v in f.variations {
                    md += "- `\(f.signature(of: v))` → `\(v.returnType)`"
                    let text = [v.description, v.nullPolicy.rawValue]
                        .filter { !$0.isEmpty }.joined(separator: " ")
                    if !text.isEmpty { md += ": \(text)" }
                    md += "\n"
                }
            }
        }
        return md
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    fileprivate var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
