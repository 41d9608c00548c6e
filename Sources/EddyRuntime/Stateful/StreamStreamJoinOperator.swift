import EddyCore
import EddyPlanner
import EddySQL

/// Stream-stream join over `WITHIN (before, after)`: each side buffers its records by join key, and
/// a record joins the other side's records whose time is in range. Output time is the later of the
/// two. Outer results: without a GRACE PERIOD an unmatched record is emitted with NULLs at once
/// (ksqlDB's legacy behaviour); with one, it waits until its window closes and is emitted only if
/// nothing joined it, so there are no spurious results.
final class StreamStreamJoinOperator {
    struct Buffered {
        var row: [Value]
        var time: Int64
        var id: Int
    }

    let join: JoinRow
    let before: Int64
    let after: Int64
    let grace: Int64?
    private let context: TaskContext
    private var leftBuffer: [[Value]: [Buffered]] = [:]
    private var rightBuffer: [[Value]: [Buffered]] = [:]
    /// Unmatched records waiting for their window to close (grace-period semantics), by id.
    private var pending: [(left: Bool, key: [Value], record: Buffered)] = []
    private var matched = Set<Int>()
    private var nextID = 0
    private var sinceExpiry = 0

    init(join: JoinRow, before: Int64, after: Int64, grace: Int64?, context: TaskContext) {
        self.join = join
        self.before = before
        self.after = after
        self.grace = grace
        self.context = context
    }

    private var type: JoinType { join.plan.type }

    func left(_ change: Change, emit: ChangeHandler) { process(change, isLeft: true, emit: emit) }
    func right(_ change: Change, emit: ChangeHandler) { process(change, isLeft: false, emit: emit) }

    private func process(_ change: Change, isLeft: Bool, emit: ChangeHandler) {
        guard let row = change.new else { return }
        let t = change.timestamp
        let joinKey = isLeft ? join.leftKey(row) : join.rightKey(row)
        // Windowed sources join only records of the same window.
        let key = change.window.map { joinKey + [.bigint($0.start), .bigint($0.end)] } ?? joinKey
        let outer = isLeft ? (type == .left || type == .full) : (type == .right || type == .full)
        // With a grace period, records too late for their own window cannot join: an outer side
        // still emits them with NULLs, the other side drops them.
        if let grace, t &+ (isLeft ? after : before) &+ grace < context.streamTime {
            if outer {
                emit(Change(key: joinKey, new: merged(row, nil, isLeft: isLeft, key: joinKey), timestamp: t, window: change.window))
            } else {
                context.log.record(queryID: context.queryID, message: "Skipping record due to expired window. timestamp=\(t) streamTime=\(context.streamTime)")
            }
            emitClosed(emit: emit)
            return
        }
        if joinKey.contains(where: \.isNull) {
            if outer { emit(Change(key: joinKey, new: merged(row, nil, isLeft: isLeft, key: joinKey), timestamp: t, window: change.window)) }
            return
        }
        let record = Buffered(row: row, time: t, id: nextID)
        nextID += 1
        // Left at time L joins right at time R when L - before <= R <= L + after.
        let lo = isLeft ? t &- before : t &- after
        let hi = isLeft ? t &+ after : t &+ before
        let others = (isLeft ? rightBuffer[key] : leftBuffer[key]) ?? []
        var joined = false
        for other in others where other.time >= lo && other.time <= hi {
            joined = true
            matched.insert(other.id)
            emit(Change(key: joinKey, new: merged(row, other.row, isLeft: isLeft, key: joinKey), timestamp: max(t, other.time), window: change.window))
        }
        if isLeft { leftBuffer[key, default: []].append(record) } else { rightBuffer[key, default: []].append(record) }
        if joined { matched.insert(record.id) }
        if outer, !joined {
            if grace == nil {
                emit(Change(key: joinKey, new: merged(row, nil, isLeft: isLeft, key: joinKey), timestamp: t, window: change.window))
            } else {
                pending.append((isLeft, joinKey, record))
            }
        }
        emitClosed(emit: emit)
        expireIfDue()
    }

    private func merged(_ row: [Value], _ other: [Value]?, isLeft: Bool, key: [Value]) -> [Value] {
        isLeft ? join.merge(left: row, right: other, key: key) : join.merge(left: other, right: row, key: key)
    }

    /// Emits outer results whose window has closed without a match.
    private func emitClosed(emit: ChangeHandler) {
        guard let grace, !pending.isEmpty else { return }
        let now = context.streamTime
        var keep: [(left: Bool, key: [Value], record: Buffered)] = []
        for p in pending {
            let closes = p.record.time &+ (p.left ? after : before) &+ grace
            if closes >= now {
                keep.append(p)
            } else if !matched.contains(p.record.id) {
                emit(Change(key: p.key, new: merged(p.record.row, nil, isLeft: p.left, key: p.key), timestamp: p.record.time))
            }
        }
        pending = keep
    }

    /// Buffered records older than the join window plus grace can never join again.
    private func expireIfDue() {
        sinceExpiry += 1
        guard sinceExpiry >= 1000 else { return }
        sinceExpiry = 0
        let horizon = context.streamTime &- max(before, after) &- (grace ?? WindowPlan.defaultGrace)
        let pendingIDs = Set(pending.map(\.record.id))
        for buffer in [true, false] {
            var b = buffer ? leftBuffer : rightBuffer
            for (k, list) in b {
                let kept = list.filter { $0.time >= horizon }
                b[k] = kept.isEmpty ? nil : kept
            }
            if buffer { leftBuffer = b } else { rightBuffer = b }
        }
        matched = matched.filter { pendingIDs.contains($0) }
    }
}
