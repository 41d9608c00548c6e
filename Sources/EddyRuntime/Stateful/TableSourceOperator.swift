import EddyCore

/// Turns a table's changelog records into updates: it keeps the latest row per primary key, so
/// each record becomes (old row, new row), and a tombstone deletes. Records with a NULL key are
/// dropped, as a table cannot hold them.
final class TableSourceOperator {
    let store: StateStore
    private let context: TaskContext

    init(store: StateStore, context: TaskContext) {
        self.store = store
        self.context = context
    }

    func process(key: [Value], row: [Value]?, timestamp: Int64, window: WindowBounds?, emit: ChangeHandler) {
        if key.isEmpty || key.allSatisfy(\.isNull) {
            context.log.record(queryID: context.queryID, message: "Skipping record with a NULL key for a table")
            return
        }
        let storeKey = StoreKey(key, window: window)
        let old = store.get(storeKey)?.values
        if old == nil, row == nil { return }
        store.put(storeKey, row.map { StoredRow($0, timestamp: timestamp) })
        emit(Change(key: key, old: old, new: row, timestamp: timestamp, window: window))
    }
}

/// WHERE and HAVING. On tables a filter compares the row before and after: a row that stops
/// matching becomes a delete, and an update that matches neither before nor after is dropped.
final class FilterOperator {
    let predicate: @Sendable ([Value]) -> Value

    init(predicate: @escaping @Sendable ([Value]) -> Value) {
        self.predicate = predicate
    }

    func matches(_ row: [Value]?) -> [Value]? {
        guard let row, case .bool(true) = predicate(row) else { return nil }
        return row
    }

    func process(_ change: Change, emit: ChangeHandler) {
        var out = change
        out.new = matches(change.new)
        out.old = matches(change.old)
        if out.new == nil, out.old == nil { return }
        emit(out)
    }
}
