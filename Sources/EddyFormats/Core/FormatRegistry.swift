/// Maps format names to formats. Built-ins are JSON, DELIMITED, KAFKA and NONE; the schema-registry
/// formats are added with `register` by whoever owns their registry client.
public struct FormatRegistry: Sendable {
    private var formats: [String: any Format] = [:]

    public init(_ formats: [any Format] = []) {
        for f in formats { register(f) }
    }

    /// The formats that need no schema registry.
    public static let builtIn = FormatRegistry([JSONFormat(), DelimitedFormat(), KafkaFormat(), NoneFormat()])

    /// Adds or replaces a format under its upper-case name.
    public mutating func register(_ format: any Format) {
        formats[format.name.uppercased()] = format
    }

    public var names: [String] { formats.keys.sorted() }

    /// The format with this name (any case), or ksqlDB's "Unknown format: FOO".
    public func format(named name: String) throws -> any Format {
        let upper = name.uppercased()
        guard let format = formats[upper] else { throw EddyErrorFactory.execution("Unknown format: \(upper)") }
        return format
    }

    /// The format for `info`, after checking its properties (ksqlDB's `FormatFactory.of`).
    public func format(for info: FormatInfo) throws -> any Format {
        let format = try format(named: info.format)
        try format.validateProperties(info.properties)
        return format
    }

    public func contains(_ name: String) -> Bool { formats[name.uppercased()] != nil }
}
