import EddyCore
import Testing
@testable import EddyFormats

/// Overwriting a reused row's slots must give exactly what appending to an empty row gives: every
/// slot written (NULL where absent), the values before the slots kept, the same failures.
@Suite struct JSONOverwriteTests {
    typealias Outcome = JSONPruningTests.Outcome
    static let columns = JSONPruningTests.columns
    static let context = SerdeContext(info: FormatInfo("JSON"), topic: "t")
    /// What a previous record may have left in the slots: references and plain values.
    static let leftovers: [Value] = [.string("old"), .int(3), .array([.int(1)]), .double(2), .bigint(7), .string("x"), .null]

    func appended(_ text: String, _ d: inout any RowDeserializer) -> Outcome {
        do { return .success(try d.deserialize(Array(text.utf8))) } catch let e as EddyError { return .failure(e.message) } catch {
            return .failure("\(error)")
        }
    }

    func overwritten(_ text: String?, _ d: inout any RowDeserializer, row: inout [Value], base: Int) -> Outcome {
        do {
            let bytes = text.map { Array($0.utf8) }
            let has = try bytes.withUnsafeBytesOrNil { try d.deserialize($0, overwriting: &row, at: base, count: Self.columns.count) }
            #expect(row.count >= base + Self.columns.count)
            return .success(has ? Array(row[base ..< base + Self.columns.count]) : nil)
        } catch let e as EddyError { return .failure(e.message) } catch {
            return .failure("\(error)")
        }
    }

    @Test(arguments: [false, true]) func overwritingMatchesAppending(pruned: Bool) throws {
        var fresh = try JSONFormat().makeDeserializer(columns: Self.columns, context: Self.context)
        var reused = try JSONFormat().makeDeserializer(columns: Self.columns, context: Self.context)
        if pruned {
            fresh.prune(reading: [true, false, true, false, true, true])
            reused.prune(reading: [true, false, true, false, true, true])
        }
        // One row for all documents, as a query task keeps it, with a prefix and a tail.
        var row: [Value] = [.string("key"), .int(1)] + Self.leftovers + [.bigint(99)]
        for doc in JSONPruningTests.documents {
            let expected = appended(doc, &fresh)
            let got = overwritten(doc, &reused, row: &row, base: 2)
            #expect(row[0] == .string("key") && row[1] == .int(1), "\(doc)")
            switch (expected, got) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(doc)")
            case (.failure(let a), .failure(let b)): #expect(a == b, "\(doc)")
            default: Issue.record("\(doc): \(expected) vs \(got)")
            }
        }
        // A Kafka null clears the slots.
        guard case .success(nil) = overwritten(nil, &reused, row: &row, base: 2) else { Issue.record("null"); return }
        #expect(Array(row[2 ..< 2 + Self.columns.count]) == [Value](repeating: .null, count: Self.columns.count))
    }

    @Test func aShortRowIsLengthened() throws {
        var d = try JSONFormat().makeDeserializer(columns: Self.columns, context: Self.context)
        var row: [Value] = [.int(5)]
        let has = try Array(#"{"id":1,"name":"n"}"#.utf8).withUnsafeBytes { try d.deserialize($0, overwriting: &row, at: 1, count: Self.columns.count) }
        #expect(has)
        #expect(row == [.int(5), .int(1), .string("n"), .null, .null, .null, .null])
    }

    @Test func aSingleUnwrappedColumnIsOverwritten() throws {
        var d = try JSONFormat().makeDeserializer(columns: [Column("V", .bigint)], context: SerdeContext(
            info: FormatInfo("JSON"), features: SerdeFeatures(.unwrapSingles), topic: "t"))
        var row: [Value] = [.string("a"), .string("b")]
        _ = try Array("42".utf8).withUnsafeBytes { try d.deserialize($0, overwriting: &row, at: 1, count: 1) }
        #expect(row == [.string("a"), .bigint(42)])
    }

    /// Formats without their own overwrite go through the default: same values, the row cut
    /// after the slots at most.
    @Test func theDefaultOverwriteAppends() throws {
        var d = try DelimitedFormat().makeDeserializer(columns: [Column("A", .int), Column("B", .string)], context: SerdeContext(
            info: FormatInfo("DELIMITED"), topic: "t"))
        var row: [Value] = [.int(0), .string("old"), .string("old"), .bigint(9)]
        let has = try Array("1,x".utf8).withUnsafeBytes { try d.deserialize($0, overwriting: &row, at: 1, count: 2) }
        #expect(has)
        #expect(Array(row[0 ..< 3]) == [.int(0), .int(1), .string("x")])
    }
}

extension Optional where Wrapped == [UInt8] {
    fileprivate func withUnsafeBytesOrNil<R>(_ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard let self else { return try body(nil) }
        return try self.withUnsafeBytes { try body($0) }
    }
}
