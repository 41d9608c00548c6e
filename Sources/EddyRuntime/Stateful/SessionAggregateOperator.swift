import EddyCore
import EddyPlanner

/// SESSION windows: a record joins every session of its key within the inactivity gap; they merge
/// into one. Each merged-away session is deleted (a tombstone for its windowed key), then the
/// merged session is emitted. Sessions that ended before stream time minus gap and grace are closed.
final class SessionAggregateOperator {
    let aggregate: AggregateOperator
    let window: WindowPlan
    private let context: TaskContext

    init(aggregate: AggregateOperator, window: WindowPlan, context: TaskContext) {
        self.aggregate = aggregate
        self.window = window
        self.context = context
    }

    func process(_ change: Change, emit: ChangeHandler) {
        guard let row = change.new, let key = aggregate.groupKey(change, row) else { return }
        let t = change.timestamp
        let store = aggregate.store
        let closeTime = context.streamTime &- window.grace &- window.size
        // Sessions past retention are gone from the store, as in Kafka Streams, so they never merge.
        let horizon = context.streamTime &- max(window.retention ?? 0, window.size &+ window.grace)
        let overlapping = store.fetch(key: key, from: t &- window.size, to: t &+ window.size)
            .filter { ($0.0.window?.end ?? 0) >= horizon }
        var merged = WindowBounds(start: t, end: t)
        var states = aggregate.initial()
        var time = t
        let implementations = aggregate.plan.calls.map(\.function.implementation)
        for (k, stored) in overlapping {
            guard let w = k.window else { continue }
            merged.start = min(merged.start, w.start)
            merged.end = max(merged.end, w.end)
            for i in states.indices { states[i] = implementations[i].merge(states[i], stored.values[i]) }
            time = max(time, stored.timestamp)
        }
        if merged.end < closeTime {
            context.log.record(queryID: context.queryID,
                               message: "Skipping record for expired session. key=\(key) window=[\(merged.start),\(merged.end)] streamTime=\(context.streamTime)")
            return
        }
        for (k, stored) in overlapping {
            guard let w = k.window else { continue }
            store.put(k, nil)
            if w != merged {
                let old = aggregate.resultRow(key: key, states: stored.values, timestamp: stored.timestamp, window: w)
                emit(Change(key: key, old: old, new: nil, timestamp: w.end, window: w))
            }
        }
        aggregate.add(row, to: &states)
        store.put(StoreKey(key, window: merged), StoredRow(states, timestamp: time))
        let old = overlapping.first { $0.0.window == merged }.map { aggregate.resultRow(key: key, states: $0.1.values, timestamp: $0.1.timestamp, window: merged) }
        emit(Change(key: key, old: old, new: aggregate.resultRow(key: key, states: states, timestamp: time, window: merged),
                    timestamp: merged.end, window: merged))
        aggregate.expireIfDue(window)
    }
}

/// EMIT FINAL: holds each window's latest result and emits it once the window closes (stream time
/// reaches its end plus the grace period), in window-end order. The held results live in a
/// changelogged store so a restart neither loses nor repeats them; `buffer` caches it.
final class SuppressOperator {
    private var buffer: [StoreKey: Change] = [:]
    /// Arrival order, which breaks ties between windows closing together.
    private var arrival: [StoreKey: Int] = [:]
    private var nextArrival = 0
    private var loaded = false
    let store: StateStore
    let grace: Int64
    let isSession: Bool
    let gap: Int64
    private let context: TaskContext

    init(window: WindowPlan, context: TaskContext, store: StateStore) {
        grace = window.grace
        isSession = window.kind == .session
        gap = window.kind == .session ? window.size : 0
        self.context = context
        self.store = store
    }

    private func load() {
        loaded = true
        for (k, stored) in store.all() {
            buffer[k] = Change(key: k.key, new: stored.values, timestamp: stored.timestamp, window: k.window)
            arrival[k] = nextArrival
            nextArrival += 1
        }
    }

    func process(_ change: Change, emit: ChangeHandler) {
        if !loaded { load() }
        let key = StoreKey(change.key, window: change.window)
        if change.new == nil, isSession {
            buffer[key] = nil
            arrival[key] = nil
            store.put(key, nil)
        } else if let new = change.new {
            if buffer[key] == nil {
                arrival[key] = nextArrival
                nextArrival += 1
            }
            buffer[key] = change
            store.put(key, StoredRow(new, timestamp: change.timestamp))
        }
    }

    /// Emits every buffered window that has closed.
    func flush(emit: ChangeHandler) {
        if !loaded { load() }
        let now = context.streamTime
        let closed = buffer.keys.filter { k in
            guard let w = k.window else { return false }
            return w.end &+ grace &+ gap <= now
        }
        guard !closed.isEmpty else { return }
        let sorted = closed.sorted { ($0.window!.end, $0.window!.start, arrival[$0] ?? 0) < ($1.window!.end, $1.window!.start, arrival[$1] ?? 0) }
        for k in sorted {
            arrival[k] = nil
            if var c = buffer.removeValue(forKey: k) {
                store.put(k, nil)
                c.old = nil
                emit(c)
            }
        }
    }
}
