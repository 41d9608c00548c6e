/// A time unit in window, join and timeout clauses. Singular and plural spellings are the same unit.
public enum TimeUnit: String, Sendable, Hashable, CaseIterable {
    case day = "DAYS"
    case hour = "HOURS"
    case minute = "MINUTES"
    case second = "SECONDS"
    case millisecond = "MILLISECONDS"

    /// Parses `DAY`, `DAYS`, … case-insensitively.
    public init?(keyword: String) {
        switch keyword.uppercased() {
        case "DAY", "DAYS": self = .day
        case "HOUR", "HOURS": self = .hour
        case "MINUTE", "MINUTES": self = .minute
        case "SECOND", "SECONDS": self = .second
        case "MILLISECOND", "MILLISECONDS": self = .millisecond
        default: return nil
        }
    }

    public var milliseconds: Int64 {
        switch self {
        case .day: 86_400_000
        case .hour: 3_600_000
        case .minute: 60_000
        case .second: 1_000
        case .millisecond: 1
        }
    }
}

/// `n UNIT`, e.g. `10 SECONDS`.
public struct WindowDuration: Sendable, Hashable, CustomStringConvertible {
    public var value: Int64
    public var unit: TimeUnit

    public init(_ value: Int64, _ unit: TimeUnit) {
        self.value = value
        self.unit = unit
    }

    /// The duration in milliseconds, saturating instead of overflowing.
    public var milliseconds: Int64 {
        let (r, overflow) = value.multipliedReportingOverflow(by: unit.milliseconds)
        return overflow ? (value < 0 ? Int64.min : Int64.max) : r
    }

    public var description: String { "\(value) \(unit.rawValue)" }
}
