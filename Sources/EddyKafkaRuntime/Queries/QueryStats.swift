#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Counters a query's thread updates and anyone may read (status, bench, tests).
public final class QueryStats: Sendable {
    let consumedCount = Atomic<Int>(0)
    let producedCount = Atomic<Int>(0)
    /// Records read back from, and written to, the query's own internal (repartition) topics.
    let internalConsumedCount = Atomic<Int>(0)
    let internalProducedCount = Atomic<Int>(0)
    let commitCount = Atomic<Int>(0)
    let firstRecordNanos = Atomic<UInt64>(0)
    let lastRecordNanos = Atomic<UInt64>(0)
    /// When the last batch holding source (not internal) records was consumed.
    let lastSourceRecordNanos = Atomic<UInt64>(0)
    let lastCommitNanos = Atomic<UInt64>(0)
    /// CPU time the query's threads used, summed, updated after every batch.
    let threadCPUNanos = Atomic<UInt64>(0)

    public init() {}

    public var consumed: Int { consumedCount.load(ordering: .relaxed) }
    public var produced: Int { producedCount.load(ordering: .relaxed) }
    public var commits: Int { commitCount.load(ordering: .relaxed) }
    public var threadCPUSeconds: Double { Double(threadCPUNanos.load(ordering: .relaxed)) / 1e9 }
    public var internalConsumed: Int { internalConsumedCount.load(ordering: .relaxed) }
    public var internalProduced: Int { internalProducedCount.load(ordering: .relaxed) }
    /// Records consumed from the query's source topics, internal topics left out.
    public var sourceConsumed: Int { consumed - internalConsumed }
    /// Every record written to an internal topic was read back (and so processed).
    public var internalDrained: Bool { internalConsumed >= internalProduced }

    /// Seconds from the first consumed record to the last one (group joining excluded).
    public var activeSeconds: Double {
        let first = firstRecordNanos.load(ordering: .relaxed)
        let last = lastRecordNanos.load(ordering: .relaxed)
        return first == 0 || last < first ? 0 : Double(last - first) / 1e9
    }

    /// Seconds from the first consumed record to the last one from a source topic: with
    /// `activeSeconds` and `secondsToLastCommit`, where a phase's tail goes (read-back, commit).
    public var sourceSeconds: Double {
        let first = firstRecordNanos.load(ordering: .relaxed)
        let last = lastSourceRecordNanos.load(ordering: .relaxed)
        return first == 0 || last < first ? 0 : Double(last - first) / 1e9
    }

    /// Seconds from the first consumed record until now (0 before the first record).
    public var secondsSinceFirstRecord: Double {
        let first = firstRecordNanos.load(ordering: .relaxed)
        let now = monotonicNanos()
        return first == 0 || now < first ? 0 : Double(now - first) / 1e9
    }

    /// Seconds from the first consumed record until the last commit, whose flush delivered
    /// every output before it.
    public var secondsToLastCommit: Double {
        let first = firstRecordNanos.load(ordering: .relaxed)
        let last = lastCommitNanos.load(ordering: .relaxed)
        return first == 0 || last < first ? 0 : Double(last - first) / 1e9
    }

    func committed(at nanos: UInt64) {
        commitCount.wrappingAdd(1, ordering: .relaxed)
        lastCommitNanos.store(nanos, ordering: .relaxed)
    }

    /// Internal records are counted before the total, so `sourceConsumed` never overstates.
    func consumed(_ count: Int, fromInternal internalCount: Int, at nanos: UInt64) {
        if internalCount > 0 { internalConsumedCount.wrappingAdd(internalCount, ordering: .relaxed) }
        consumedCount.wrappingAdd(count, ordering: .relaxed)
        if firstRecordNanos.load(ordering: .relaxed) == 0 { firstRecordNanos.store(nanos, ordering: .relaxed) }
        lastRecordNanos.store(nanos, ordering: .relaxed)
        if count > internalCount { lastSourceRecordNanos.store(nanos, ordering: .relaxed) }
    }
}

/// CPU time of the calling thread, in nanoseconds.
func threadCPUNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Monotonic nanoseconds, cheap enough to read once per batch.
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
