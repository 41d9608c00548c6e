/// Wraps a value that should not take part in equality or hashing.
///
/// AST nodes carry source locations for error messages, but two trees that differ only in where
/// they came from (e.g. a statement and its formatted round trip) must compare equal.
@propertyWrapper
public struct Uncompared<Wrapped: Sendable>: Sendable, Hashable {
    public var wrappedValue: Wrapped

    public init(wrappedValue: Wrapped) { self.wrappedValue = wrappedValue }

    public static func == (lhs: Uncompared, rhs: Uncompared) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
