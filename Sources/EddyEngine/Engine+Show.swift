import EddyCore
import EddyFormats
import EddyPlanner
import EddySQL

extension Engine {
    func list(_ target: ListTarget) throws -> StatementResult {
        switch target {
        case .streams, .tables:
            let kind: SourceKind
            if case .streams = target { kind = .stream } else { kind = .table }
            let rows = catalog.allSources.filter { $0.kind == kind }.map {
                [$0.name, $0.topic, $0.keyFormat.format, $0.valueFormat.format, $0.window == nil ? "false" : "true"]
            }
            return .listing(title: kind == .stream ? "Streams" : "Tables",
                            columns: ["\(kind == .stream ? "Stream" : "Table") Name", "Kafka Topic", "Key Format", "Value Format", "Windowed"],
                            rows: rows)
        case .topics:
            let rows = broker.topicNames.map { [$0, String(broker.topic($0)?.partitions ?? 1)] }
            return .listing(title: "Topics", columns: ["Kafka Topic", "Partitions"], rows: rows)
        case .queries:
            let rows = queries.map { [$0.id, $0.state.rawValue, $0.sinkName, $0.sql] }
            return .listing(title: "Queries", columns: ["Query ID", "Status", "Sink Name", "Query String"], rows: rows)
        case .properties:
            return .listing(title: "Properties", columns: ["Property", "Value"],
                            rows: properties.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
        case .variables:
            return .listing(title: "Variables", columns: ["Variable Name", "Value"],
                            rows: variables.sorted { $0.key < $1.key }.map { [$0.key, $0.value] })
        case .types:
            return .listing(title: "Types", columns: ["Type Name", "Schema"],
                            rows: catalog.types.sorted { $0.key < $1.key }.map { [$0.key, $0.value.description] })
        case .functions:
            return .listing(title: "Functions", columns: ["Function Name", "Category"], rows: functions.functionListingRows)
        default:
            throw EddyError(.execution, "Listing \(target) is not supported yet.")
        }
    }

    func describe(_ name: String, extended: Bool) throws -> StatementResult {
        guard let s = catalog.source(name) else {
            throw EddyError(.execution, "Could not find STREAM/TABLE '\(name)' in the Metastore")
        }
        var rows = s.schema.columns.map { c -> [String] in
            var extra = ""
            switch c.namespace {
            case .key: extra = s.kind == .table ? "(primary key)" : "(key)"
            case .header(let k): extra = k.map { "(header('\($0)'))" } ?? "(headers)"
            case .value: break
            }
            return [c.name, "\(c.type) \(extra)".trimmingCharacters(in: .whitespaces)]
        }
        if extended {
            rows.append(["Kafka topic", s.topic])
            rows.append(["Key format", s.keyFormat.format])
            rows.append(["Value format", s.valueFormat.format])
            // Only sources that chose a non-default strategy (an Eddy extension) show it.
            for (label, info) in [("Key", s.keyFormat), ("Value", s.valueFormat)]
            where info.properties[FormatInfo.subjectNameStrategyProperty] != nil {
                rows.append(["\(label) subject name strategy", info.subjectNameStrategy.className])
            }
            rows.append(["Statement", s.sql])
        }
        return .listing(title: "Name: \(s.name) (\(s.kind.rawValue))", columns: ["Field", "Type"], rows: rows)
    }

    func explain(_ statement: Statement) throws -> StatementResult {
        let query: Query
        switch statement {
        case .query(let q): query = q
        case .createAsSelect(let c): query = c.query
        case .insertInto(let i): query = i.query
        default: throw EddyError(.execution, "EXPLAIN is only supported for queries.")
        }
        let plan = try analyzer().analyze(query, sink: .client)
        return .listing(title: "Execution plan", columns: ["Step", "Properties"], rows: plan.steps.map {
            ["\($0.type) (v\($0.version))", $0.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")]
        })
    }
}
