import EddyCore
import EddyEngine
import EddyFormats
import EddyRuntime
import EddySQL

/// Runs a REST test case (`responses` per statement) in memory, as far as it concerns the engine:
/// statements execute in order, inputs are written once their topics have sources, and each
/// query's rows are compared with the expected `query` response. Pull query rows compare as a
/// multiset (a store has no defined order); push query rows in order. The HTTP layer (status
/// codes, entity shapes) is the server's to check.
struct RestCaseRunner {
    let engine: Engine
    let runner: CaseRunner

    /// REST cases have responses; those expecting an error have none but still run queries.
    /// Partitions of a topic the case does not size (ksqlDB's REST test `Topic` default).
    static let defaultPartitions = 4

    static func applies(to c: ConformanceCase) -> Bool {
        if c.isRest || !c.responses.isEmpty { return true }
        return c.statements.contains { text in
            guard let parsed = try? SQLParser.parse(text, requireSemicolon: false) else { return false }
            return parsed.contains { if case .query = $0.statement { true } else { false } }
        }
    }

    func run(_ c: ConformanceCase) throws -> CaseOutcome {
        var inputsWritten = false
        func writeInputsIfReady(force: Bool) throws {
            guard !inputsWritten else { return }
            let ready = c.inputs.allSatisfy { !engine.catalog.sources(onTopic: $0.topic).isEmpty }
            guard ready || force else { return }
            inputsWritten = true
            try runner.writeInputs(c, engine: engine)
        }
        for (i, text) in c.statements.enumerated() {
            let parsed: [ParsedStatement]
            do { parsed = try SQLParser.parse(text, requireSemicolon: false) } catch let e as EddyError {
                return expectedFailure(c, e)
            }
            for p in parsed {
                do {
                    if case .query(let q) = p.statement {
                        try writeInputsIfReady(force: true)
                        engine.runUntilIdle()
                        let (schema, rows) = try engine.scan(q)
                        if let failure = compare(q, schema: schema, rows: rows, expected: i < c.responses.count ? c.responses[i] : nil) {
                            return runner.outcome(c, .fail, "statement \(i + 1): \(failure)")
                        }
                    } else {
                        _ = try engine.execute(p)
                        try writeInputsIfReady(force: false)
                        engine.runUntilIdle()
                    }
                } catch let e as EddyError {
                    return expectedFailure(c, e)
                }
            }
        }
        if let expected = c.expectedError {
            return runner.outcome(c, .fail, "expected \(expected.type) \(expected.message.map { "'\($0)'" } ?? "") but the case ran")
        }
        return runner.outcome(c, .pass, "")
    }

    func expectedFailure(_ c: ConformanceCase, _ error: EddyError) -> CaseOutcome {
        guard let expected = c.expectedError else { return runner.outcome(c, .fail, error.renderedWithCaret) }
        if let m = expected.message, !error.message.contains(m), !error.description.contains(m), !error.ksqlMessage.contains(m) {
            return runner.outcome(c, .fail, "expected error containing '\(m)' but got: \(error.message)")
        }
        return runner.outcome(c, .pass, "")
    }

    /// nil when the rows match the `query` response.
    func compare(_ q: Query, schema: LogicalSchema, rows: [[Value]], expected: JSONValue?) -> String? {
        guard let items = expected?["query"]?.arrayValue else { return nil }
        var want: [[JSONValue]] = []
        for item in items {
            if let cols = item["row"]?["columns"]?.arrayValue { want.append(cols) }
        }
        let got = rows.map { $0.map(ActualValue.init(value:)) }
        if got.count != want.count {
            return "expected \(want.count) rows but got \(got.count): \(got.map { "[" + $0.map(\.text).joined(separator: ", ") + "]" })"
        }
        func same(_ a: [ActualValue], _ e: [JSONValue]) -> Bool {
            a.count == e.count && zip(a, e).allSatisfy { ExpectedComparator.matches($0, $1) }
        }
        if q.isPullQuery {
            var remaining = got
            for e in want {
                guard let i = remaining.firstIndex(where: { same($0, e) }) else {
                    return "expected row \(e.map(\.jsonText)) not found in \(got.map { $0.map(\.text) })"
                }
                remaining.remove(at: i)
            }
        } else {
            for (i, (a, e)) in zip(got, want).enumerated() where !same(a, e) {
                return "row \(i): expected \(e.map(\.jsonText)) but got \(a.map(\.text))"
            }
        }
        return nil
    }
}
