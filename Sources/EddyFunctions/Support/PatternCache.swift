import EddyCore
import Synchronization

/// Compiled date-time patterns and zones, keyed by text: patterns are nearly always literals.
final class TemporalCache: Sendable {
    static let shared = TemporalCache()
    private let patterns = Mutex<[String: DateTimePattern]>([:])
    private let zones = Mutex<[String: ZoneRules]>([:])

    func pattern(_ text: String) throws -> DateTimePattern {
        if let p = patterns.withLock({ $0[text] }) { return p }
        let p = try DateTimePattern(text)
        patterns.withLock { if $0.count > 256 { $0.removeAll() }; $0[text] = p }
        return p
    }

    func zone(_ id: String) throws -> ZoneRules {
        if let z = zones.withLock({ $0[id] }) { return z }
        guard let z = ZoneRules(id) else { throw EddyError.execution("Unknown time-zone ID: \(id)") }
        zones.withLock { if $0.count > 256 { $0.removeAll() }; $0[id] = z }
        return z
    }
}

/// Shared bodies for the format/parse families; failures go to the processing log as NULL.
enum Temporal {
    static func formatTimestamp(_ millis: Int64, _ pattern: String, _ zoneId: String, _ ctx: FunctionContext, _ fn: String) -> Value {
        do {
            let p = try TemporalCache.shared.pattern(pattern)
            let zone = try TemporalCache.shared.zone(zoneId)
            let offset = zone.offset(atEpochMillis: millis)
            return .string(p.format(LocalDateTime(epochMillis: millis, offsetSeconds: offset), offsetSeconds: offset,
                                    zone: zone, epochMillis: millis))
        } catch {
            ctx.logError("Failed to format timestamp \(millis) with formatter '\(pattern)' in \(fn): \(message(error))")
            return .null
        }
    }

    static func parseTimestamp(_ text: String, _ pattern: String, _ zoneId: String, _ ctx: FunctionContext, _ fn: String) -> Int64? {
        do {
            let p = try TemporalCache.shared.pattern(pattern)
            let parsed = try p.parse(text)
            guard let local = parsed.localDateTime() else {
                throw EddyError.execution("Text '\(text)' could not be parsed: invalid date or time")
            }
            let offset: Int
            if let o = parsed.offsetSeconds { offset = o }
            else if let z = parsed.zone { offset = z.offset(forLocal: local) }
            else { offset = try TemporalCache.shared.zone(zoneId).offset(forLocal: local) }
            return local.epochMillis(offsetSeconds: offset)
        } catch {
            ctx.logError("Failed to parse timestamp '\(text)' with formatter '\(pattern)' in \(fn): \(message(error))")
            return nil
        }
    }

    static func message(_ error: Error) -> String {
        (error as? EddyError)?.message ?? "\(error)"
    }

    static let timeLetters: Set<Character> = Set("ahKkHmsSAnN")
    static let dateLetters: Set<Character> = Set("GyuDMLdQqEecw")

    static func usesLetters(_ p: DateTimePattern, _ letters: Set<Character>) -> Bool {
        p.tokens.contains { if case .field(let c, _) = $0 { return letters.contains(c) } else { return false } }
    }
}
