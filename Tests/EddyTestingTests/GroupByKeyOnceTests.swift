import EddyCore
import EddyEngine
import EddyFunctions
import EddyRuntime
import EddyTestExtensions
import Testing

/// A GROUP BY that re-keys evaluates its key expression once per record, upstream of the
/// repartition topic, as ksqlDB does: a function with state (BAD_UDF's string overload answers
/// NULL on every even call of its call site) sees each record once, and records whose key is
/// NULL are dropped there with ksqlDB's processing-log message.
@Suite struct GroupByKeyOnceTests {
    static let nullMessage = "Group-by column with index 0 resolved to null. The source row will be excluded from the table."

    func run(cache: String) throws -> (outputs: [String], log: [String]) {
        let e = Engine(broker: InMemoryBroker(), functions: TestExtensions.registry,
                       properties: ["cache.max.bytes.buffering": cache])
        e.broker.createTopic("words")
        try e.execute("CREATE STREAM WORDS (ID INT KEY, W STRING) WITH (kafka_topic='words', value_format='JSON');")
        try e.execute("CREATE TABLE COUNTS AS SELECT BAD_UDF(W) AS K, COUNT(*) AS N FROM WORDS GROUP BY BAD_UDF(W);")
        for (i, w) in ["p", "q", "r", "s", "t", "u"].enumerated() {
            e.broker.append(KafkaRecord(topic: "words", timestamp: Int64(i), key: [0, 0, 0, UInt8(i)],
                                        value: Array(#"{"W":"\#(w)"}"#.utf8)))
        }
        e.runUntilIdle()
        let outputs = e.broker.read("COUNTS").map {
            String(decoding: $0.key ?? [], as: UTF8.self) + "=" + String(decoding: $0.value ?? [], as: UTF8.self)
        }
        return (outputs, e.processingLog.recent.map(\.message))
    }

    @Test(arguments: ["0", "10000000"])
    func keyIsEvaluatedOncePerRecord(cache: String) throws {
        let (outputs, log) = try run(cache: cache)
        // Calls 0, 2 and 4 answer NULL: only the 2nd, 4th and 6th words form groups.
        #expect(Set(outputs) == [#"q={"N":1}"#, #"s={"N":1}"#, #"u={"N":1}"#])
        #expect(log.filter { $0 == Self.nullMessage }.count == 3)
    }

    @Test func eachCallSiteCountsItsOwnCalls() throws {
        let reg = TestExtensions.registry
        let first = try reg.resolveScalar(name: "BAD_UDF", argumentTypes: [.type(.string)])
        let second = try reg.resolveScalar(name: "BAD_UDF", argumentTypes: [.type(.string)])
        var a = FunctionArguments(values: [.string("x")])
        #expect(try first.invoke(&a) == .null)
        #expect(try first.invoke(&a) == .string("x"))
        // A fresh call site starts from zero whatever the other has seen.
        #expect(try second.invoke(&a) == .null)
        #expect(try first.invoke(&a) == .null)
    }
}
