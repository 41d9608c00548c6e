import EddyCore
import EddySQL

/// The row layout of a source as read by a query: its schema columns, then the pseudo columns.
public struct SourceLayout: Sendable {
    public var source: DataSource
    public var alias: String
    /// Index of ROWTIME, ROWPARTITION, ROWOFFSET (and WINDOWSTART, WINDOWEND when windowed).
    public var pseudoIndex: [PseudoColumn: Int]
    public var width: Int

    public init(source: DataSource, alias: String) {
        self.source = source
        self.alias = alias
        var next = source.schema.columns.count
        var pseudo: [PseudoColumn: Int] = [:]
        var list: [PseudoColumn] = [.rowtime, .rowpartition, .rowoffset]
        if source.window != nil { list += [.windowstart, .windowend] }
        for p in list {
            pseudo[p] = next
            next += 1
        }
        pseudoIndex = pseudo
        width = next
    }

    public func scope(clause: String) -> Scope {
        var entries = source.schema.columns.enumerated().map { i, c in
            Scope.Entry(qualifier: alias, name: c.name, type: c.type, index: i)
        }
        for (p, i) in pseudoIndex.sorted(by: { $0.value < $1.value }) {
            entries.append(Scope.Entry(qualifier: alias, name: p.rawValue, type: p.type, index: i, isPseudo: true))
        }
        return Scope(entries: entries, clause: clause)
    }
}
