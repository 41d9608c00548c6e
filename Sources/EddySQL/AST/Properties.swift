/// `WITH (name = literal, …)`, in written order. Names are upper-cased (ksqlDB treats property
/// names case-insensitively); quoted names are upper-cased too.
public struct Properties: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var name: String
        public var value: Literal
        public init(_ name: String, _ value: Literal) {
            self.name = name
            self.value = value
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) { self.entries = entries }

    public var isEmpty: Bool { entries.isEmpty }

    /// The last value given for `name` (case-insensitive).
    public subscript(name: String) -> Literal? {
        let key = name.uppercased()
        return entries.last { $0.name == key }?.value
    }

    /// The value for `name` as text (strings unquoted).
    public func string(_ name: String) -> String? { self[name]?.text }

    public func contains(_ name: String) -> Bool { self[name] != nil }
}
