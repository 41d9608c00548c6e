import EddyCore
import Synchronization

/// EARLIEST_BY_OFFSET / LATEST_BY_OFFSET, as ksqlDB's `KudafByOffsetUtils`: each kept value is stored
/// as `STRUCT<SEQ BIGINT, VAL T>` with a sequence number from one process-wide counter, so merging two
/// session states keeps the values that really came first (or last), whatever order they merge in.
enum ByOffset {
    static let sequence = Atomic<Int64>(0)

    static func entry(_ v: Value) -> Value {
        let seq = sequence.add(1, ordering: .relaxed).oldValue
        return .struct(StructValue(names: ["SEQ", "VAL"], values: [.bigint(seq), v]))
    }

    static func seq(_ entry: Value) -> Int64 {
        if case .struct(let s) = entry, case .bigint(let n) = s.values[0] { return n }
        return .max
    }

    static func val(_ entry: Value) -> Value {
        if case .struct(let s) = entry { return s.values[1] }
        return .null
    }

    static func signatures(earliest: Bool) -> [AggregateSignature] {
        @Sendable func single(_ t: SQLType, ignoreNulls: Bool) -> AggregateImplementation {
            AggregateImplementation(
                returnType: t, intermediateType: .struct([.init("SEQ", .bigint), .init("VAL", t)]),
                initialize: { .null },
                aggregate: { args, s in
                    if earliest && !s.isNull { return }
                    if args[0].isNull && ignoreNulls { return }
                    s = entry(args[0])
                },
                undo: nil,
                merge: { a, b in
                    if a.isNull { return b }
                    if b.isNull { return a }
                    return (seq(a) < seq(b)) == earliest ? a : b
                },
                map: { val($0) })
        }
        @Sendable func many(_ t: SQLType, n: Int, ignoreNulls: Bool) -> AggregateImplementation {
            AggregateImplementation(
                returnType: .array(t), intermediateType: .array(.struct([.init("SEQ", .bigint), .init("VAL", t)])),
                initialize: { .array([]) },
                aggregate: { args, s in
                    if args[0].isNull && ignoreNulls { return }
                    guard case .array(var kept) = s else { return }
                    if earliest {
                        if kept.count < n { kept.append(entry(args[0])) }
                    } else {
                        kept.append(entry(args[0]))
                        if kept.count > n { kept.removeFirst(kept.count - n) }
                    }
                    s = .array(kept)
                },
                undo: nil,
                merge: { a, b in
                    guard case .array(let x) = a, case .array(let y) = b else { return a }
                    let merged = (x + y).sorted { seq($0) < seq($1) }
                    return .array(earliest ? Array(merged.prefix(n)) : Array(merged.suffix(n)))
                },
                map: { s in
                    guard case .array(let kept) = s else { return .array([]) }
                    return .array(kept.map(val))
                })
        }
        return [
            AggregateSignature([.T], names: ["col"], returns: .T) { t, _ in single(t[0], ignoreNulls: true) },
            AggregateSignature([.T], literals: [.boolean], names: ["col", "ignoreNulls"], returns: .T) { t, l in
                single(t[0], ignoreNulls: l[0] == .bool(true))
            },
            AggregateSignature([.T], literals: [.int], names: ["col", earliest ? "earliestN" : "latestN"], returns: .array(.T)) { t, l in
                many(t[0], n: try count(l[0], earliest: earliest), ignoreNulls: true)
            },
            AggregateSignature([.T], literals: [.int, .boolean], names: ["col", earliest ? "earliestN" : "latestN", "ignoreNulls"],
                               returns: .array(.T)) { t, l in
                many(t[0], n: try count(l[0], earliest: earliest), ignoreNulls: l[1] == .bool(true))
            },
        ]
    }

    static func count(_ v: Value, earliest: Bool) throws -> Int {
        guard case .int(let n) = v, n > 0 else {
            throw EddyError.analysis("\(earliest ? "earliestN" : "latestN") must be 1 or greater")
        }
        return Int(n)
    }
}

struct EarliestByOffset: AggregateFunction {
    static let name = "EARLIEST_BY_OFFSET"
    static let description = "This function returns the oldest value for the column, computed by offset."
    static var signatures: [AggregateSignature] { ByOffset.signatures(earliest: true) }
}

struct LatestByOffset: AggregateFunction {
    static let name = "LATEST_BY_OFFSET"
    static let description = "This function returns the most recent value for the column, computed by offset."
    static var signatures: [AggregateSignature] { ByOffset.signatures(earliest: false) }
}
