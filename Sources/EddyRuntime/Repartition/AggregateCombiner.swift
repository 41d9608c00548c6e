import EddyCore
import EddyFunctions
import EddyPlanner

/// Map-side partial aggregation in front of a GROUP BY repartition topic. Instead of one
/// repartition record per input row, rows are folded into accumulator states per group and
/// window; `flush` (at the end of each consumed batch, before any offset commit, or when more
/// than `maxEntries` partials are held) writes one `PartialAggregate` per group and window, in
/// ascending time order, to the partition its rows would have gone to. Only used where the
/// result is provably the uncombined one (`isApplicable`; docs/design/combiner.md).
///
/// Late records are dropped here with the check the downstream aggregate would make, against
/// the stream time the downstream partition would have had: the highest time among the changes
/// routed to it so far (not the source partition's time, which also counts rows a WHERE
/// dropped), seeded from the downstream partition's own time after a restart.
public final class AggregateCombiner {
    let repartition: RepartitionOperator
    private let context: TaskContext
    private let window: WindowPlan?
    var maxEntries: Int

    private let keyEvals: [@Sendable ([Value]) -> Value]
    /// A one-column GROUP BY: its expression, and its row slot when it is a plain column.
    private let singleKey: (@Sendable ([Value]) -> Value)?
    private let singleSlot: Int?
    /// Per aggregate call: its fold and its argument expressions (kept apart: reading a tuple
    /// out of one array retained all three per record).
    private let aggregates: [@Sendable ([Value], inout Value) -> Void]
    private let arguments: [[@Sendable ([Value]) -> Value]]
    private let initializers: [@Sendable () -> Value]
    /// Every call as an inline fold (COUNT, integer SUM over columns), or nil: then the closures.
    private let typed: [TypedFold]?

    /// One group key's partials in this flush interval; `entries` index `partials`.
    private struct Group {
        var key: [Value]
        var keyBytes: [UInt8]?
        var partition: Int32
        var entries: [Int] = []
        /// The entry folded last: consecutive rows of a group mostly share a window.
        var last = -1
    }

    private struct Entry {
        var partial: PartialAggregate
        var group: Int
        var headers: [RecordHeader]
    }

    private var groupIndex = GroupIndex()
    private var groups: [Group] = []
    private var entries: [Entry] = []
    /// Per repartition partition: the downstream stream time the routed changes imply, and the
    /// highest time already sent (or known downstream).
    private var times: [Int64]
    private var sent: [Int64]
    private var seeded: [Bool]

    /// Whether a plan's aggregation may be combined: a stream source (no undo), no window or a
    /// TUMBLING/HOPPING one, EMIT CHANGES, and only aggregates whose merge continues a fold
    /// exactly. (EMIT FINAL emits a window only if some stream time falls between its close and
    /// its retention; coarser time steps downstream could skip that instant.)
    public static func isApplicable(_ plan: StatefulQueryPlan) -> Bool {
        guard let agg = plan.aggregation, agg.repartition, !agg.fromTable, !plan.emitFinal,
              agg.window?.kind != .session else { return false }
        return agg.calls.allSatisfy(\.function.implementation.exactMerge)
    }

    init(plan: AggregationPlan, repartition: RepartitionOperator, context: TaskContext, maxEntries: Int = 10_000) {
        self.repartition = repartition
        self.context = context
        self.maxEntries = maxEntries
        window = plan.window
        keyEvals = plan.groupKey.map(\.evaluate)
        singleKey = plan.groupKey.count == 1 ? plan.groupKey[0].evaluate : nil
        singleSlot = plan.groupKey.count == 1 ? plan.groupKey[0].slot : nil
        aggregates = plan.calls.map(\.function.implementation.aggregate)
        arguments = plan.calls.map { $0.arguments.map(\.evaluate) }
        initializers = plan.calls.map(\.function.implementation.initialize)
        typed = TypedFold.all(plan.calls)
        times = Array(repeating: .min, count: repartition.partitions)
        sent = times
        seeded = Array(repeating: false, count: repartition.partitions)
    }

    var isEmpty: Bool { entries.isEmpty }
    var isFull: Bool { entries.count >= maxEntries }

    /// Folds a stream change into its group's partials.
    func add(_ change: Change, headers: [RecordHeader]) {
        guard let row = change.new, change.old == nil else {
            // Not a stream row (unreachable for the plans `isApplicable` admits): pass it on as is.
            return repartition.send(change)
        }
        let g: Int
        // The plain-column case first: binding the optional closure would retain its context.
        if let slot = singleSlot, slot < row.count {
            g = group(single: row[slot])
        } else if let singleKey {
            g = group(single: singleKey(row))
        } else {
            g = group(keyEvals.map { $0(row) })
        }
        if groups[g].keyBytes == nil {
            // As without a combiner: dropped before the repartition topic, so no stream time moves.
            let i = groups[g].key.firstIndex(where: \.isNull) ?? 0
            context.log.record(queryID: context.queryID, message: "Group-by column with index \(i) resolved to null."
                               + " The source row will be excluded from the table.")
            return
        }
        let q = Int(groups[g].partition)
        let time = advance(q, to: change.timestamp)
        guard let window else {
            fold(row, into: entry(group: g, window: nil), change: change, headers: headers)
            return
        }
        let closeTime = time &- window.grace
        WindowAssigner.forEachWindow(for: change.timestamp, plan: window) { w in
            if w.end <= closeTime {
                // The row's own key (a group's first key may print differently, e.g. Unicode forms).
                let key = keyEvals.map { $0(row) }
                context.log.record(queryID: context.queryID,
                                   message: "Skipping record for expired window. key=\(key) window=[\(w.start),\(w.end)) timestamp=\(change.timestamp) streamTime=\(time)")
                return
            }
            fold(row, into: entry(group: g, window: w), change: change, headers: headers)
        }
    }

    /// Writes every partial, oldest first, then a time mark for each partition whose implied
    /// stream time is ahead of what its partials carried.
    func flush(emit: (KafkaRecord) -> Void) {
        var flushed: [Entry] = []
        var flushedGroups: [Group] = []
        swap(&flushed, &entries)
        swap(&flushedGroups, &groups)
        groupIndex.removeAll()
        // Stable: equal times keep their first-seen order.
        let order = flushed.indices.sorted {
            (flushed[$0].partial.timestamp, $0) < (flushed[$1].partial.timestamp, $1)
        }
        for i in order {
            let e = flushed[i]
            let group = flushedGroups[e.group]
            sent[Int(group.partition)] = max(sent[Int(group.partition)], e.partial.timestamp)
            emit(repartition.partialRecord(e.partial, keyBytes: group.keyBytes, partition: group.partition, headers: e.headers))
        }
        // Without a window, stream time decides nothing downstream.
        guard window != nil else { return }
        for q in times.indices where times[q] > sent[q] {
            sent[q] = times[q]
            emit(repartition.partialRecord(.timeMark(times[q]), keyBytes: nil, partition: Int32(q), headers: []))
        }
    }

    private func group(_ key: [Value]) -> Int {
        if let g = groupIndex.find(key) { return g }
        let g = newGroup(key)
        groupIndex.insert(key, group: g)
        return g
    }

    private func group(single key: Value) -> Int {
        if let g = groupIndex.find(key) { return g }
        let g = newGroup([key])
        groupIndex.insert(key, group: g)
        return g
    }

    private func newGroup(_ key: [Value]) -> Int {
        let (bytes, partition) = repartition.serializedKey(key)
        groups.append(Group(key: key, keyBytes: bytes, partition: partition))
        return groups.count - 1
    }

    /// The stream time partition `q` has downstream once this change reaches it.
    private func advance(_ q: Int, to timestamp: Int64) -> Int64 {
        if !seeded[q] {
            // After a restart the downstream half resumes with its checkpointed time.
            seeded[q] = true
            let known = context.streamTime(partition: repartition.timePartitionBase + Int32(q))
            times[q] = max(times[q], known)
            sent[q] = max(sent[q], known)
        }
        if timestamp > times[q] { times[q] = timestamp }
        return times[q]
    }

    private func entry(group g: Int, window: WindowBounds?) -> Int {
        let last = groups[g].last
        if last >= 0, entries[last].partial.window == window { return last }
        for i in groups[g].entries where entries[i].partial.window == window {
            groups[g].last = i
            return i
        }
        entries.append(Entry(partial: PartialAggregate(key: groups[g].key, window: window, states: initializers.map { $0() }, timestamp: .min),
                             group: g, headers: []))
        groups[g].entries.append(entries.count - 1)
        groups[g].last = entries.count - 1
        return entries.count - 1
    }

    private func fold(_ row: [Value], into i: Int, change: Change, headers: [RecordHeader]) {
        if change.timestamp > entries[i].partial.timestamp { entries[i].partial.timestamp = change.timestamp }
        // Without header columns there are none to carry: skip the retain and release.
        if !(headers.isEmpty && entries[i].headers.isEmpty) { entries[i].headers = headers }
        if let typed {
            for f in typed.indices { typed[f].fold(row, into: &entries[i].partial.states[f]) }
            return
        }
        for f in aggregates.indices {
            let args = arguments[f].isEmpty ? [] : arguments[f].map { $0(row) }
            aggregates[f](args, &entries[i].partial.states[f])
        }
    }
}
