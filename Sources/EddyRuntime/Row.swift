import EddyCore

/// A row flowing between operators. `values` follows the layout the planner computed for the
/// operator's input: the plan resolves every column to an index, so operators never look up names.
public struct Row: Sendable {
    public var values: [Value]
    public var timestamp: Int64
    public var partition: Int32
    public var offset: Int64
    public var headers: [RecordHeader]
    public var window: WindowBounds?

    public init(values: [Value], timestamp: Int64, partition: Int32 = 0, offset: Int64 = 0,
                headers: [RecordHeader] = [], window: WindowBounds? = nil) {
        self.values = values
        self.timestamp = timestamp
        self.partition = partition
        self.offset = offset
        self.headers = headers
        self.window = window
    }
}

/// Window bounds of a windowed key, in epoch milliseconds.
public struct WindowBounds: Sendable, Hashable {
    public var start: Int64
    public var end: Int64

    public init(start: Int64, end: Int64) {
        self.start = start
        self.end = end
    }
}

/// A compiled expression: evaluated against a row's values with no name lookups or type switches.
public typealias Evaluator = @Sendable ([Value]) -> Value
