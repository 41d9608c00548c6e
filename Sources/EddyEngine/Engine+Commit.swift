import EddyCore
import EddyRuntime

/// The commit protocol on the in-memory broker. Outputs and changelog records are appended
/// synchronously while a record is processed, so by the time a query's batch ends they are
/// "flushed"; only then is the checkpoint (source positions and stream time) committed. A query
/// started again over the same broker restores its stores from their changelogs and resumes
/// from the checkpoint, so it neither loses nor repeats output.
extension Engine {
    static let checkpointTopic = "_eddy-query-checkpoints"

    var serviceID: String { properties["ksql.service.id"] ?? "default_" }

    /// `cache.max.bytes.buffering` (also under `ksql.streams.`); unset means 0, every update.
    var cacheMaxBytes: Int {
        Int(properties["ksql.streams.cache.max.bytes.buffering"] ?? properties["cache.max.bytes.buffering"] ?? "") ?? 0
    }

    /// `eddy.aggregate.combiner.enabled` (default true): pre-aggregate GROUP BYs before their
    /// repartition topic where exact and the record cache is on (docs/design/combiner.md).
    var combinerEnabled: Bool { properties["eddy.aggregate.combiner.enabled"]?.lowercased() != "false" }

    /// `eddy.aggregate.combiner.max.entries`: partials held before an early write (default 10,000).
    var combinerMaxEntries: Int? { properties["eddy.aggregate.combiner.max.entries"].flatMap { Int($0) } }

    var changelogEnabled: Bool { properties["eddy.state.changelog.enabled"]?.lowercased() != "false" }

    func changelog() -> BrokerChangelog { BrokerChangelog(broker: broker, serviceID: serviceID) }

    func storeProvider(queryID: String) -> StoreProvider {
        changelogEnabled ? .logged(changelog()) : StoreProvider()
    }

    /// Writes the query's positions and stream time after its outputs and changelogs.
    func commit(_ query: PersistentQuery) {
        // Cached table updates are outputs too: they go out before the checkpoint, after the
        // combiner's partials (consumed at once, like every repartition record in memory).
        if let stateful = query.runner as? StatefulRunner {
            stateful.task.flushCache { stateful.routeLocally($0, broker: broker) { broker.append($0) } }
        }
        guard changelogEnabled else { return }
        var text = query.positions.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
        if let stateful = query.runner as? StatefulRunner {
            for (p, t) in stateful.task.context.streamTimes.sorted(by: { $0.key < $1.key }) { text += "\n@streamTime.\(p)=\(t)" }
        }
        broker.append(KafkaRecord(topic: Self.checkpointTopic, timestamp: 0, key: Array(query.id.utf8), value: Array(text.utf8)))
    }

    /// Restores a new query's stores from their changelogs and its positions from the last checkpoint.
    func resume(_ query: PersistentQuery) throws {
        guard changelogEnabled else { return }
        if let stateful = query.runner as? StatefulRunner {
            let log = changelog()
            for store in stateful.task.stores { try log.restore(store) }
        }
        let id = Array(query.id.utf8)
        guard let last = broker.read(Self.checkpointTopic).last(where: { $0.key == id }), let value = last.value else { return }
        for line in String(decoding: value, as: UTF8.self).split(separator: "\n") {
            guard let eq = line.lastIndex(of: "=") else { continue }
            let name = String(line[..<eq]), number = Int64(line[line.index(after: eq)...]) ?? 0
            if name == "@streamTime" {
                (query.runner as? StatefulRunner)?.task.context.restoreStreamTime(number)
            } else if name.hasPrefix("@streamTime."), let p = Int32(name.dropFirst("@streamTime.".count)) {
                (query.runner as? StatefulRunner)?.task.context.restoreStreamTime(number, partition: p)
            } else {
                query.positions[name] = Int(number)
            }
        }
    }
}
