/// The registry's compatibility levels. BACKWARD (the default) means a reader with the new schema
/// can read data written with the previous one; the transitive variants check every older version.
public enum CompatibilityLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case none = "NONE"
    case backward = "BACKWARD"
    case backwardTransitive = "BACKWARD_TRANSITIVE"
    case forward = "FORWARD"
    case forwardTransitive = "FORWARD_TRANSITIVE"
    case full = "FULL"
    case fullTransitive = "FULL_TRANSITIVE"

    /// Parses a level in any case, as the REST API accepts it.
    public init?(text: String) { self.init(rawValue: text.uppercased()) }

    var checksBackward: Bool { self == .backward || self == .backwardTransitive || self == .full || self == .fullTransitive }
    var checksForward: Bool { self == .forward || self == .forwardTransitive || self == .full || self == .fullTransitive }
    var isTransitive: Bool { self == .backwardTransitive || self == .forwardTransitive || self == .fullTransitive }
}
