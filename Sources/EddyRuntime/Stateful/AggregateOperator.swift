import EddyCore
import EddyFunctions
import EddyPlanner

/// GROUP BY without a window, and TUMBLING/HOPPING windows: one accumulator state per group (and
/// window) in the store. Stream rows are added; table updates first retract the old row (`undo`)
/// and emit once when old and new fall in the same group. Emits the aggregate row
/// `[keys…, results…, ROWTIME, WINDOWSTART, WINDOWEND]` before and after.
final class AggregateOperator {
    let plan: AggregationPlan
    let store: StateStore
    let context: TaskContext
    // Starts due, so the first record after a restore applies retention to the restored entries.
    private var sinceExpiry = 999
    /// EMIT FINAL: results are emitted once, when their window closes.
    let emitFinal: Bool
    /// EMIT FINAL: the windows already emitted, changelogged so a restart neither repeats nor loses
    /// a final result. `emitted` caches it.
    let emittedStore: StateStore?
    private var emitted = Set<StoreKey>()
    private var loaded = false
    private var lastCloseTime = Int64.min
    /// Whether anything downstream reads a change's previous aggregate row (a HAVING filter
    /// does; the sink projection does not when a new row is present). When not, it isn't built.
    var emitsOld = true

    /// The plan's closures, extracted once: reading `plan.calls[i]` copied the whole call (its
    /// resolved function with half a dozen closures and names) per record.
    private let keyEvals: [@Sendable ([Value]) -> Value]
    private let folds: [(aggregate: @Sendable ([Value], inout Value) -> Void, arguments: [@Sendable ([Value]) -> Value])]
    private let mappers: [@Sendable (Value) -> Value]
    private let initializers: [@Sendable () -> Value]
    /// Every call as an inline fold (COUNT, integer SUM over columns), or nil: then `folds`.
    private let typed: [TypedFold]?
    /// Merges a combiner's partial states into stored ones (`AggregateOperator+Partial`).
    let merges: [@Sendable (Value, Value) -> Value]
    /// Set when a repartition topic precedes this operator: its upstream half evaluated the GROUP
    /// BY key and the change carries it. ksqlDB evaluates the key once per record, which matters
    /// for functions that fail or keep state; NULL keys were dropped (and logged) upstream.
    var keyedUpstream = false

    init(plan: AggregationPlan, store: StateStore, context: TaskContext, emittedStore: StateStore? = nil) {
        self.plan = plan
        keyEvals = plan.groupKey.map(\.evaluate)
        folds = plan.calls.map { ($0.function.implementation.aggregate, $0.arguments.map(\.evaluate)) }
        mappers = plan.calls.map(\.function.implementation.map)
        initializers = plan.calls.map(\.function.implementation.initialize)
        typed = TypedFold.all(plan.calls)
        merges = plan.calls.map(\.function.implementation.merge)
        self.emitFinal = emittedStore != nil
        self.emittedStore = emittedStore
        self.store = store
        self.context = context
    }

    func groupKey(_ row: [Value]) -> [Value]? {
        let key = keyEvals.map { $0(row) }
        if key.contains(where: \.isNull) {
            context.log.record(queryID: context.queryID, message: "Group-by key was null; the record is skipped")
            return nil
        }
        return key
    }

    /// The group of one side (old or new row) of `change`.
    func groupKey(_ change: Change, _ row: [Value]) -> [Value]? {
        keyedUpstream ? change.key : groupKey(row)
    }

    func arguments(_ row: [Value]) -> [[Value]] {
        plan.calls.map { call in call.arguments.map { $0.evaluate(row) } }
    }

    func initial() -> [Value] { initializers.map { $0() } }

    func resultRow(key: [Value], states: [Value], timestamp: Int64, window: WindowBounds?) -> [Value] {
        var row: [Value] = []
        // One allocation of the final size, instead of growing a copy of the key several times.
        row.reserveCapacity(key.count + mappers.count + 3)
        row.append(contentsOf: key)
        for (map, s) in zip(mappers, states) { row.append(map(s)) }
        row.append(.bigint(timestamp))
        row.append(window.map { .bigint($0.start) } ?? .null)
        row.append(window.map { .bigint($0.end) } ?? .null)
        return row
    }

    func process(_ change: Change, emit: ChangeHandler) {
        if let window = plan.window {
            guard let row = change.new, let key = groupKey(change, row) else { return }
            windowed(row, key: key, timestamp: change.timestamp, window: window, emit: emit)
            return
        }
        if plan.fromTable {
            let oldKey = change.old.flatMap { groupKey(change, $0) }
            let newKey = change.new.flatMap { groupKey(change, $0) }
            if let oldKey, let old = change.old, let newKey, let new = change.new, oldKey == newKey {
                update(oldKey, window: nil, timestamp: change.timestamp, emit: emit) { states in
                    undo(old, from: &states)
                    add(new, to: &states)
                }
                return
            }
            if let oldKey, let old = change.old {
                update(oldKey, window: nil, timestamp: change.timestamp, emit: emit) { undo(old, from: &$0) }
            }
            if let newKey, let new = change.new {
                update(newKey, window: nil, timestamp: change.timestamp, emit: emit) { add(new, to: &$0) }
            }
            return
        }
        guard let row = change.new, let key = groupKey(change, row) else { return }
        update(key, window: nil, timestamp: change.timestamp, emit: emit) { add(row, to: &$0) }
    }

    // Per call, without building the array of argument lists (an allocation per record); a
    // call without arguments, COUNT(*), gets the empty array, which allocates nothing.
    func add(_ row: [Value], to states: inout [Value]) {
        if let typed {
            for i in typed.indices { typed[i].fold(row, into: &states[i]) }
            return
        }
        for i in folds.indices {
            let fold = folds[i]
            let args = fold.arguments.isEmpty ? [] : fold.arguments.map { $0(row) }
            fold.aggregate(args, &states[i])
        }
    }

    func undo(_ row: [Value], from states: inout [Value]) {
        for i in plan.calls.indices {
            let call = plan.calls[i]
            guard let undo = call.function.implementation.undo else { continue }
            let args = call.arguments.isEmpty ? [] : call.arguments.map { $0.evaluate(row) }
            undo(args, &states[i])
        }
    }

    /// Applies `body` to a group's states, stores them and emits the before/after aggregate rows.
    func update(_ key: [Value], window: WindowBounds?, timestamp: Int64, emit: ChangeHandler, _ body: (inout [Value]) -> Void) {
        // The states are updated where the store keeps them; the change is emitted afterwards,
        // outside the store's access.
        let change = store.update(StoreKey(key, window: window)) { entry -> Change in
            let time = max(entry?.timestamp ?? timestamp, timestamp)
            let before = emitsOld ? entry.map { resultRow(key: key, states: $0.values, timestamp: $0.timestamp, window: window) } : nil
            if entry == nil { entry = StoredRow(initial(), timestamp: time) } else { entry!.timestamp = time }
            body(&entry!.values)
            return Change(key: key, old: before, new: resultRow(key: key, states: entry!.values, timestamp: time, window: window),
                          timestamp: time, window: window)
        }
        emit(change)
    }

    private func windowed(_ row: [Value], key: [Value], timestamp: Int64, window: WindowPlan, emit: ChangeHandler) {
        let closeTime = context.streamTime &- window.grace
        WindowAssigner.forEachWindow(for: timestamp, plan: window) { w in
            if w.end <= closeTime {
                context.log.record(queryID: context.queryID,
                                   message: "Skipping record for expired window. key=\(key) window=[\(w.start),\(w.end)) timestamp=\(timestamp) streamTime=\(context.streamTime)")
                return
            }
            update(key, window: w, timestamp: timestamp, emit: emitFinal ? { _ in } : emit) { add(row, to: &$0) }
        }
        if emitFinal {
            emitClosedWindows(window, emit: emit)
        } else {
            expireIfDue(window)
        }
    }

    var retention: Int64? { plan.window.map { max($0.retention ?? 0, $0.size &+ $0.grace) } }

    /// EMIT FINAL for time windows: windows past retention are dropped first (as Kafka Streams'
    /// window store does), then every closed window not yet emitted goes out, by window start.
    func emitClosedWindows(_ window: WindowPlan, emit: ChangeHandler) {
        let closeTime = context.streamTime &- window.grace
        guard closeTime > lastCloseTime, let emittedStore else { return }
        lastCloseTime = closeTime
        if !loaded {
            loaded = true
            emitted = Set(emittedStore.all().map(\.0))
        }
        let horizon = context.streamTime &- retention!
        store.expire(endingBefore: horizon &+ window.size)
        for k in emitted where (k.window?.start ?? 0) < horizon {
            emitted.remove(k)
            emittedStore.put(k, nil)
        }
        let closed = store.all().filter { k, _ in
            guard let w = k.window else { return false }
            return w.end <= closeTime && !emitted.contains(k)
        }.sorted { $0.0.window!.start < $1.0.window!.start }
        for (k, stored) in closed {
            emitted.insert(k)
            emittedStore.put(k, StoredRow([], timestamp: stored.timestamp))
            emit(Change(key: k.key, new: resultRow(key: k.key, states: stored.values, timestamp: stored.timestamp, window: k.window),
                        timestamp: stored.timestamp, window: k.window))
        }
    }

    /// Windows older than the retention (at least size + grace) are deleted, bounding memory.
    func expireIfDue(_ window: WindowPlan) {
        sinceExpiry += 1
        guard sinceExpiry >= 1000 else { return }
        sinceExpiry = 0
        store.expire(endingBefore: context.streamTime &- retention! &+ window.size)
    }
}
