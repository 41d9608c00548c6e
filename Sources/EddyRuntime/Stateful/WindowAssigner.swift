import EddyPlanner

/// The time windows a record time falls into (Kafka Streams' TimeWindows.windowsFor): every
/// window of `size` starting at a multiple of `advance` that contains the time.
enum WindowAssigner {
    static func windows(for time: Int64, plan: WindowPlan) -> [WindowBounds] {
        let advance = max(1, plan.advance)
        var start = max(0, time - plan.size + advance) / advance * advance
        var out: [WindowBounds] = []
        while start <= time {
            out.append(WindowBounds(start: start, end: start &+ plan.size))
            start += advance
        }
        return out
    }
}
