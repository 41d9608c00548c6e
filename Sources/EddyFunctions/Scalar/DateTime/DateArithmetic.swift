import EddyCore

/// DATEADD/DATESUB, TIMEADD/TIMESUB and TIMESTAMPADD/TIMESTAMPSUB take a time-unit keyword.
enum TimeUnitArithmetic {
    static func millis(_ unit: String, _ amount: Int64) -> Int64? {
        switch unit.uppercased() {
        case "NANOSECONDS": amount / 1_000_000
        case "MICROSECONDS": amount / 1000
        case "MILLISECONDS": amount
        case "SECONDS": amount * 1000
        case "MINUTES": amount * 60_000
        case "HOURS": amount * 3_600_000
        case "DAYS": amount * 86_400_000
        default: nil
        }
    }

    /// ksqlDB declares one overload each, with an INTEGER interval (a BIGINT interval does not resolve).
    static func signatures(target: ParamType, sign: Int64) -> [Signature] {
        [ParamType.int].map { amountType in
            Signature([.intervalUnit, amountType, target], names: ["unit", "interval", target.description.lowercased()],
                      returns: target) { args in
                guard case .string(let unit) = args[0], let n = args[1].int64Value else { return .null }
                guard let delta = millis(unit, n * sign) else {
                    args.context.logError("Unsupported time unit \(unit)")
                    return .null
                }
                switch args[2] {
                case .timestamp(let t): return .timestamp(t + delta)
                case .date(let d):
                    return .date(Int32(truncatingIfNeeded: CivilCalendar.floorDiv(Int64(d) * 86_400_000 + delta, 86_400_000)))
                case .time(let t):
                    return .time(Int32(CivilCalendar.floorMod(Int64(t) + delta, 86_400_000)))
                default: return .null
                }
            }
        }
    }
}

struct DateAdd: ScalarFunction {
    static let name = "dateadd", category = FunctionCategory.dateTime
    static let description = "Adds a duration to a DATE value."
    static var signatures: [Signature] { TimeUnitArithmetic.signatures(target: .date, sign: 1) }
}

struct DateSub: ScalarFunction {
    static let name = "datesub", category = FunctionCategory.dateTime
    static let description = "Subtracts a duration from a DATE value."
    static var signatures: [Signature] { TimeUnitArithmetic.signatures(target: .date, sign: -1) }
}

struct TimeAdd: ScalarFunction {
    static let name = "timeadd", category = FunctionCategory.dateTime
    static let description = "Adds a duration to a TIME value."
    static var signatures: [Signature] { TimeUnitArithmetic.signatures(target: .time, sign: 1) }
}

struct TimeSub: ScalarFunction {
    static let name = "timesub", category = FunctionCategory.dateTime
    static let description = "Subtracts a duration from a TIME value."
    static var signatures: [Signature] { TimeUnitArithmetic.signatures(target: .time, sign: -1) }
}

struct TimestampAdd: ScalarFunction {
    static let name = "timestampadd", category = FunctionCategory.dateTime
    static let description = "Adds a duration to a TIMESTAMP value."
    static var signatures: [Signature] { TimeUnitArithmetic.signatures(target: .timestamp, sign: 1) }
}

struct TimestampSub: ScalarFunction {
    static let name = "timestampsub", category = FunctionCategory.dateTime
    static let description = "Subtracts a duration from a TIMESTAMP value."
    static var signatures: [Signature] { TimeUnitArithmetic.signatures(target: .timestamp, sign: -1) }
}
