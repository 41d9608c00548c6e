extension Sequence where Element == String {
    /// "a", "a or b", "a, b or c": how ksqlDB lists alternatives in messages.
    public func joinedWithOr() -> String { joinedGrammatically(last: " or ") }

    /// "a", "a and b", "a, b and c".
    public func joinedWithAnd() -> String { joinedGrammatically(last: " and ") }

    private func joinedGrammatically(last: String) -> String {
        let items = Array(self)
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + last + items[items.count - 1]
    }
}
