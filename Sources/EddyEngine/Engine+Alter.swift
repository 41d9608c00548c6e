import EddyCore
import EddyPlanner
import EddySQL

extension Engine {
    /// `ALTER STREAM|TABLE name ADD COLUMN …`: appends value columns to a source declared with
    /// CREATE STREAM/TABLE. Queries already running keep the schema they were planned with.
    func alterSource(kind: SourceKind, name: Identifier, columns: [TableElement]) throws -> StatementResult {
        let noun = kind == .stream ? "stream" : "table"
        guard var source = catalog.source(name.value) else {
            throw EddyError(.execution, "Source \(name.value) does not exist.")
        }
        guard source.kind == kind else {
            throw EddyError(.execution, "Incompatible data source type is \(source.kind.rawValue), but statement was ALTER \(kind.rawValue)")
        }
        if source.isReadOnly {
            throw EddyError(.execution, "Cannot alter \(noun) '\(source.name)': ALTER operations are not supported on source \(noun)s.")
        }
        if !source.writerQueryIDs.isEmpty {
            throw EddyError(.execution, "ALTER command is not supported for CREATE ... AS statements.")
        }
        var all = source.schema.columns
        for element in columns {
            if all.contains(where: { $0.name == element.name.value }) {
                throw EddyError(.execution, "Cannot add column `\(element.name.value)` to schema. A column with the same name already exists.")
            }
            guard let type = element.type.resolve({ self.catalog.type($0) }) else {
                throw EddyError.analysis("Unknown type: \(element.type.firstCustomName ?? element.type.description)", at: element.location)
            }
            all.append(Column(element.name.value, type, .value))
        }
        source.schema = LogicalSchema(all)
        catalog.put(source)
        return .status(message: "\(kind == .stream ? "Stream" : "Table") \(source.name) altered.", queryID: nil)
    }
}
