import EddyCore

/// The metastore: streams, tables and custom types, by upper-cased name.
/// Not thread-safe by itself; the engine serialises statement execution.
public struct Catalog: Sendable {
    public private(set) var sources: [String: DataSource] = [:]
    public private(set) var sourceOrder: [String] = []
    public private(set) var types: [String: SQLType] = [:]

    public init() {}

    public func source(_ name: String) -> DataSource? { sources[name] }

    public var allSources: [DataSource] { sourceOrder.compactMap { sources[$0] } }

    public mutating func put(_ source: DataSource) {
        if sources[source.name] == nil { sourceOrder.append(source.name) }
        sources[source.name] = source
    }

    public mutating func remove(_ name: String) {
        sources[name] = nil
        sourceOrder.removeAll { $0 == name }
    }

    public func type(_ name: String) -> SQLType? { types[name.uppercased()] }

    public mutating func putType(_ name: String, _ type: SQLType) { types[name.uppercased()] = type }

    public mutating func removeType(_ name: String) { types[name.uppercased()] = nil }

    /// Sources reading or writing a topic, used to pick serdes for test inputs and outputs.
    public func sources(onTopic topic: String) -> [DataSource] {
        allSources.filter { $0.topic == topic }
    }
}
