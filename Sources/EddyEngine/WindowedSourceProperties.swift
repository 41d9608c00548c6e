import EddyCore
import EddyPlanner
import EddySQL

/// `WINDOW_TYPE` and `WINDOW_SIZE` of CREATE STREAM/TABLE over a windowed topic.
enum WindowedSourceProperties {
    static func window(_ props: Properties, schema: LogicalSchema) throws -> WindowInfo? {
        guard let type = props.string("WINDOW_TYPE") else {
            if props.contains("WINDOW_SIZE") {
                throw EddyError.analysis("'WINDOW_SIZE' should not be set without 'WINDOW_TYPE'.")
            }
            return nil
        }
        let size = try props.string("WINDOW_SIZE").map(parseDuration)
        let window: WindowInfo
        switch type.uppercased() {
        case "SESSION":
            if size != nil { throw EddyError.analysis("'WINDOW_SIZE' should not be set for SESSION windows.") }
            window = .session
        case "TUMBLING", "HOPPING":
            guard let size else {
                throw EddyError.analysis("'WINDOW_SIZE' must be set for \(type.uppercased()) windows.")
            }
            window = type.uppercased() == "TUMBLING" ? .tumbling(sizeMs: size) : .hopping(sizeMs: size)
        default:
            throw EddyError.analysis("Configuration WINDOW_TYPE is invalid: Invalid window type: \(type)")
        }
        if schema.keyColumns.isEmpty {
            throw EddyError.analysis("Windowed sources require a key column.")
        }
        return window
    }

    /// `'30 seconds'`: a count and a time unit.
    static func parseDuration(_ text: String) throws -> Int64 {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let n = Int64(parts[0]) else {
            throw EddyError.analysis("Configuration WINDOW_SIZE is invalid: Invalid duration: '\(text)'. Expected '<number> <unit>'")
        }
        guard let unit = TimeUnit(keyword: String(parts[1])) else {
            throw EddyError.analysis("Configuration WINDOW_SIZE is invalid: Invalid duration: '\(text)'. Unknown time unit: '\(parts[1].uppercased())'")
        }
        return WindowDuration(n, unit).milliseconds
    }
}
