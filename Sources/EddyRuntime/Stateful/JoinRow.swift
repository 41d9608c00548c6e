import EddyCore
import EddyPlanner
import EddySQL

/// Builds joined full-width rows: the left relation's slots, the right input's slots and the
/// join key slots. A missing side leaves its slots NULL.
struct JoinRow {
    let plan: JoinPlan
    let width: Int

    func leftKey(_ row: [Value]) -> [Value] { plan.leftKey.map { $0.evaluate(row) } }
    func rightKey(_ row: [Value]) -> [Value] { plan.rightKey.map { $0.evaluate(row) } }

    func merge(left: [Value]?, right: [Value]?, key: [Value]) -> [Value] {
        var row = left ?? [Value](repeating: .null, count: width)
        if let right {
            for i in plan.rightRange { row[i] = right[i] }
        }
        for (i, v) in key.enumerated() { row[plan.keyOffset + i] = v }
        return row
    }
}

/// Stream-table join: stream records look up the table's current row by key; table updates only
/// change the table side and emit nothing.
final class StreamTableJoinOperator {
    let join: JoinRow
    private var table: [[Value]: [Value]] = [:]
    let store: StateStore

    init(join: JoinRow, store: StateStore) {
        self.join = join
        self.store = store
    }

    func right(_ change: Change, emit: ChangeHandler) {
        if let old = change.old { store.put(StoreKey(join.rightKey(old)), nil) }
        if let new = change.new { store.put(StoreKey(join.rightKey(new)), StoredRow(new, timestamp: change.timestamp)) }
    }

    func left(_ change: Change, emit: ChangeHandler) {
        guard let row = change.new else { return }
        let key = join.leftKey(row)
        if key.contains(where: \.isNull) {
            if join.plan.type == .left { emit(Change(key: key, new: join.merge(left: row, right: nil, key: key), timestamp: change.timestamp)) }
            return
        }
        let right = store.get(StoreKey(key))?.values
        if right == nil, join.plan.type == .inner { return }
        emit(Change(key: key, new: join.merge(left: row, right: right, key: key), timestamp: change.timestamp, window: change.window))
    }
}

/// Table-table joins, on the primary key or a foreign key. The left side is indexed by join key
/// (several left rows share a foreign key); each side's update recomputes the affected results and
/// emits them as updates, or deletes when a result stops existing. The left rows live in a
/// changelogged store by left key; the index by join key is a cache rebuilt from it after a restore.
final class TableTableJoinOperator {
    let join: JoinRow
    let foreignKey: Bool
    /// join key → (left relation key → row)
    private var leftIndex: [[Value]: [[Value]: StoredRow]] = [:]
    private var loaded = false
    private let leftStore: StateStore
    private let rightStore: StateStore

    init(join: JoinRow, foreignKey: Bool, leftStore: StateStore, rightStore: StateStore) {
        self.join = join
        self.foreignKey = foreignKey
        self.leftStore = leftStore
        self.rightStore = rightStore
    }

    private func indexable(_ jk: [Value]) -> Bool { !jk.contains(where: \.isNull) || type == .left }

    private func load() {
        loaded = true
        for (k, stored) in leftStore.all() {
            let jk = join.leftKey(stored.values)
            if indexable(jk) { leftIndex[jk, default: [:]][k.key] = stored }
        }
    }

    private var type: JoinType { join.plan.type }

    private func result(left: [Value]?, right: [Value]?, key: [Value]) -> [Value]? {
        switch type {
        case .inner: guard left != nil, right != nil else { return nil }
        case .left: guard left != nil else { return nil }
        case .right: guard right != nil else { return nil }
        case .full: guard left != nil || right != nil else { return nil }
        }
        return join.merge(left: left, right: right, key: key)
    }

    func left(_ change: Change, emit: ChangeHandler) {
        if !loaded { load() }
        let oldJK = change.old.map(join.leftKey)
        let newJK = change.new.map(join.leftKey)
        if let oldJK {
            leftIndex[oldJK]?[change.key] = nil
            if leftIndex[oldJK]?.isEmpty == true { leftIndex[oldJK] = nil }
        }
        let stored = change.new.map { StoredRow($0, timestamp: change.timestamp) }
        leftStore.put(StoreKey(change.key), stored)
        if let newJK, let stored, indexable(newJK) {
            leftIndex[newJK, default: [:]][change.key] = stored
        }
        func rightRow(_ jk: [Value]?) -> StoredRow? {
            guard let jk, !jk.contains(where: \.isNull) else { return nil }
            return rightStore.get(StoreKey(jk))
        }
        let oldRight = rightRow(oldJK), newRight = rightRow(newJK)
        let outKey = foreignKey ? change.key : (newJK ?? oldJK ?? change.key)
        let oldResult = change.old.flatMap { result(left: $0, right: oldRight?.values, key: oldJK!) }
        var newResult = change.new.flatMap { result(left: $0, right: newRight?.values, key: newJK!) }
        // A right or full join keeps the right row when the left one goes away.
        if change.new == nil, !foreignKey, let oldJK, let r = oldRight, type == .right || type == .full {
            newResult = result(left: nil, right: r.values, key: oldJK)
        }
        // Foreign-key joins propagate a delete whenever the left row goes away or changes its
        // foreign key, even when no result existed (Kafka Streams' subscription protocol).
        let fkDelete = foreignKey && newResult == nil && change.old != nil && (change.new == nil || oldJK != newJK)
        if oldResult == nil, newResult == nil, !fkDelete { return }
        let time = max(change.timestamp, newRight?.timestamp ?? .min)
        emit(Change(key: outKey, old: oldResult ?? (fkDelete ? change.old : nil), new: newResult, timestamp: time, window: change.window))
    }

    func right(_ change: Change, emit: ChangeHandler) {
        if !loaded { load() }
        let key = change.key
        rightStore.put(StoreKey(key), change.new.map { StoredRow($0, timestamp: change.timestamp) })
        let lefts = leftIndex[key] ?? [:]
        if lefts.isEmpty {
            guard !foreignKey, type == .right || type == .full else { return }
            let oldResult = change.old.flatMap { result(left: nil, right: $0, key: key) }
            let newResult = change.new.flatMap { result(left: nil, right: $0, key: key) }
            if oldResult == nil, newResult == nil { return }
            emit(Change(key: key, old: oldResult, new: newResult, timestamp: change.timestamp, window: change.window))
            return
        }
        for (leftKey, stored) in lefts.sorted(by: { $0.value.timestamp < $1.value.timestamp }) {
            let outKey = foreignKey ? leftKey : key
            let oldResult = result(left: stored.values, right: change.old, key: key)
            let newResult = result(left: stored.values, right: change.new, key: key)
            if oldResult == nil, newResult == nil { continue }
            emit(Change(key: outKey, old: oldResult, new: newResult, timestamp: max(change.timestamp, stored.timestamp), window: change.window))
        }
    }
}
