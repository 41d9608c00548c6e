import EddyCore

/// Writes store updates to changelog topics on the in-memory broker and restores stores from
/// them. Topic names follow ksqlDB: `_confluent-ksql-<service id>query_<store>-changelog`.
public final class BrokerChangelog: ChangelogSink {
    let broker: InMemoryBroker
    let prefix: String

    public init(broker: InMemoryBroker, serviceID: String) {
        self.broker = broker
        prefix = "_confluent-ksql-\(serviceID)query_"
    }

    public func topic(for store: String) -> String { "\(prefix)\(store)-changelog" }

    public func log(store: String, key: StoreKey, row: StoredRow?) {
        broker.append(KafkaRecord(topic: topic(for: store), timestamp: row?.timestamp ?? 0,
                                  key: ChangelogRecord.encodeKey(key), value: row.map(ChangelogRecord.encodeValue)))
    }

    /// Replays a store's changelog into it; returns how many records were applied.
    @discardableResult
    public func restore(_ store: StateStore) throws -> Int {
        let records = broker.read(topic(for: store.name))
        for r in records {
            guard let key = r.key else { continue }
            let (k, row) = try ChangelogRecord.decode(key: key, value: r.value)
            store.restore(k, row)
        }
        return records.count
    }
}
