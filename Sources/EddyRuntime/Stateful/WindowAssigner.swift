import EddyPlanner

/// The time windows a record time falls into (Kafka Streams' TimeWindows.windowsFor): every
/// window of `size` starting at a multiple of `advance` that contains the time.
enum WindowAssigner {
    /// Oldest first, passed to `body` rather than returned: an array would cost an allocation
    /// per record.
    @inline(__always)
    static func forEachWindow(for time: Int64, plan: WindowPlan, _ body: (WindowBounds) -> Void) {
        let advance = max(1, plan.advance)
        var start = max(0, time - plan.size + advance) / advance * advance
        while start <= time {
            body(WindowBounds(start: start, end: start &+ plan.size))
            start += advance
        }
    }
}
