import EddyCore
import EddyPlanner
import EddySQL

/// Stream-stream join over `WITHIN (before, after)`: each side buffers its records by join key, and
/// a record joins the other side's records whose time is in range. Output time is the later of the
/// two. Outer results: without a GRACE PERIOD an unmatched record is emitted with NULLs at once
/// (ksqlDB's legacy behaviour); with one, it waits until its window closes and is emitted only if
/// nothing joined it, so there are no spurious results.
///
/// Both buffers and the waiting outer records live in window stores (window = the record's time),
/// so they are changelogged and survive restarts like Kafka Streams' join stores.
final class StreamStreamJoinOperator {
    struct Pending {
        var left: Bool
        var key: [Value]
        var row: [Value]
        var time: Int64
        var id: Int64
    }

    let join: JoinRow
    let before: Int64
    let after: Int64
    let grace: Int64?
    private let context: TaskContext
    let leftStore: StateStore
    let rightStore: StateStore
    let outerStore: StateStore
    /// Outer records waiting for their window to close, by id: a cache of `outerStore`.
    private var pending: [Int64: Pending] = [:]
    private var loaded = false
    private var nextID: Int64 = 0
    // Starts due, so the first record after a restore applies retention to the restored entries.
    private var sinceExpiry = 999

    init(join: JoinRow, before: Int64, after: Int64, grace: Int64?, context: TaskContext,
         leftStore: StateStore, rightStore: StateStore, outerStore: StateStore) {
        self.join = join
        self.before = before
        self.after = after
        self.grace = grace
        self.context = context
        self.leftStore = leftStore
        self.rightStore = rightStore
        self.outerStore = outerStore
    }

    private var type: JoinType { join.plan.type }

    func left(_ change: Change, emit: ChangeHandler) { process(change, isLeft: true, emit: emit) }
    func right(_ change: Change, emit: ChangeHandler) { process(change, isLeft: false, emit: emit) }

    /// Entries of a buffer: `(id, row)` pairs stored flat, several records may share key and time.
    private static func records(_ stored: StoredRow?) -> [(id: Int64, row: [Value])] {
        guard let values = stored?.values else { return [] }
        var out: [(id: Int64, row: [Value])] = []
        var i = 0
        while i + 1 < values.count {
            if case .bigint(let id) = values[i], case .array(let row) = values[i + 1] { out.append((id, row)) }
            i += 2
        }
        return out
    }

    private static func append(_ store: StateStore, _ key: StoreKey, id: Int64, row: [Value], time: Int64) {
        var values = store.get(key)?.values ?? []
        values.append(.bigint(id))
        values.append(.array(row))
        store.put(key, StoredRow(values, timestamp: time))
    }

    private static func slot(_ key: [Value], _ time: Int64) -> StoreKey {
        StoreKey(key, window: WindowBounds(start: time, end: time))
    }

    private func outerKey(_ p: Pending) -> StoreKey { Self.slot(p.key + [.bool(p.left)], p.time) }

    /// Rebuilds the cache of waiting outer records and the id counter after a restore.
    private func load() {
        loaded = true
        var maxID: Int64 = -1
        for (store, isLeft) in [(leftStore, true), (rightStore, false)] {
            for (k, stored) in store.all() {
                for r in Self.records(stored) { maxID = max(maxID, r.id) }
                if let start = k.window?.start {
                    if isLeft { observedLeft = max(observedLeft, start) } else { observedRight = max(observedRight, start) }
                }
            }
        }
        for (k, stored) in outerStore.all() {
            guard let w = k.window, case .bool(let left)? = k.key.last else { continue }
            for r in Self.records(stored) {
                pending[r.id] = Pending(left: left, key: Array(k.key.dropLast()), row: r.row, time: w.start, id: r.id)
                maxID = max(maxID, r.id)
            }
        }
        nextID = maxID + 1
    }

    private func removePending(_ id: Int64) {
        guard let p = pending.removeValue(forKey: id) else { return }
        let k = outerKey(p)
        let rest = Self.records(outerStore.get(k)).filter { $0.id != id }
        outerStore.put(k, rest.isEmpty ? nil : StoredRow(rest.flatMap { [.bigint($0.id), .array($0.row)] }, timestamp: p.time))
    }

    /// The window as Kafka Streams applies it to a side: ksqlDB runs a RIGHT join as the right
    /// stream's left join, so there the right side takes `before`/`after` as given and the left
    /// side the mirror.
    private func span(_ isLeft: Bool) -> (before: Int64, after: Int64) {
        isLeft != (type == .right) ? (before, after) : (after, before)
    }

    /// How long a side's store keeps records: the window's size plus its grace (without GRACE
    /// PERIOD, Kafka's legacy 24 hours less twice the time difference).
    private var retention: Int64 {
        before &+ after &+ (grace ?? max(WindowPlan.defaultGrace &- 2 &* before, 0))
    }

    /// The highest record time put into each side's store. A store only serves records newer than
    /// its own time minus the retention, so a late record still joins with the other side while
    /// that side has not moved on, and is itself unseen once its own side has.
    private var observedLeft = Int64.min
    private var observedRight = Int64.min

    private func process(_ change: Change, isLeft: Bool, emit: ChangeHandler) {
        guard let row = change.new else { return }
        if !loaded { load() }
        let t = change.timestamp
        let joinKey = isLeft ? join.leftKey(row) : join.rightKey(row)
        // Windowed sources join only records of the same window.
        let key = change.window.map { joinKey + [.bigint($0.start), .bigint($0.end)] } ?? joinKey
        let outer = isLeft ? (type == .left || type == .full) : (type == .right || type == .full)
        if joinKey.contains(where: \.isNull) {
            if outer { emit(Change(key: joinKey, new: merged(row, nil, isLeft: isLeft, key: joinKey), timestamp: t, window: change.window)) }
            return
        }
        let id = nextID
        nextID += 1
        let (ownBefore, ownAfter) = span(isLeft)
        // The record goes into its side's store first (Kafka Streams' join-window step), unless
        // that store has already moved past it.
        let observed = max(isLeft ? observedLeft : observedRight, t)
        if isLeft { observedLeft = observed } else { observedRight = observed }
        if t > observed &- retention {
            Self.append(isLeft ? leftStore : rightStore, Self.slot(key, t), id: id, row: row, time: t)
        } else {
            context.log.record(queryID: context.queryID, message: "Skipping record due to expired window. timestamp=\(t) streamTime=\(context.streamTime)")
        }
        let lo = t &- ownBefore
        let hi = t &+ ownAfter
        let otherObserved = isLeft ? observedRight : observedLeft
        let from = otherObserved == .min ? lo : max(lo, otherObserved &- retention &+ 1)
        var joined = false
        for (k, stored) in (isLeft ? rightStore : leftStore).fetch(key: key, from: from, to: hi) {
            let otherTime = k.window?.start ?? 0
            for other in Self.records(stored) {
                joined = true
                removePending(other.id)
                emit(Change(key: joinKey, new: merged(row, other.row, isLeft: isLeft, key: joinKey), timestamp: max(t, otherTime), window: change.window))
            }
        }
        if outer, !joined {
            // Without a grace period (no outer store), or once its window has passed, an
            // unmatched record is emitted with NULLs at once; otherwise it waits for its window.
            if grace == nil || hi < context.streamTime {
                emit(Change(key: joinKey, new: merged(row, nil, isLeft: isLeft, key: joinKey), timestamp: t, window: change.window))
            } else {
                let p = Pending(left: isLeft, key: joinKey, row: row, time: t, id: id)
                pending[id] = p
                Self.append(outerStore, outerKey(p), id: id, row: row, time: t)
            }
        }
        emitClosed(emit: emit)
        expireIfDue()
    }

    private func merged(_ row: [Value], _ other: [Value]?, isLeft: Bool, key: [Value]) -> [Value] {
        isLeft ? join.merge(left: row, right: other, key: key) : join.merge(left: other, right: row, key: key)
    }

    /// Emits outer results whose window has closed without a match, oldest first.
    private func emitClosed(emit: ChangeHandler) {
        guard let grace, !pending.isEmpty else { return }
        let now = context.streamTime
        let closed = pending.values.filter { $0.time &+ span($0.left).after &+ grace < now }
            .sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        for p in closed {
            removePending(p.id)
            emit(Change(key: p.key, new: merged(p.row, nil, isLeft: p.left, key: p.key), timestamp: p.time))
        }
    }

    /// Buffered records older than the join window plus grace can never join again: delete them
    /// (logged, so a restore does not bring them back).
    private func expireIfDue() {
        sinceExpiry += 1
        guard sinceExpiry >= 1000 else { return }
        sinceExpiry = 0
        expire()
    }

    func expire() {
        for (store, observed) in [(leftStore, observedLeft), (rightStore, observedRight)] where observed != .min {
            let horizon = observed &- retention
            for (k, _) in store.all() where (k.window?.start ?? .max) <= horizon { store.put(k, nil) }
        }
    }
}
