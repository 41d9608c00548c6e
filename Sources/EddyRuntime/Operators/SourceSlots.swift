import EddyCore
import EddyPlanner

/// Where a source's key, value and header columns sit in its schema, and so in a decoded row.
/// Stateless and stateful tasks build source rows from these the same way.
struct SourceSlots {
    let keys: [Int]
    let values: [Int]
    /// Header columns: all headers (`key == nil`) or one header's bytes.
    let headers: [(index: Int, key: String?)]

    init(_ source: DataSource) {
        let schema = source.schema.columns
        keys = schema.indices.filter { schema[$0].namespace == .key }
        values = schema.indices.filter { schema[$0].namespace == .value }
        headers = schema.indices.compactMap { i in
            if case .header(let k) = schema[i].namespace { return (i, k) }
            return nil
        }
    }
}
