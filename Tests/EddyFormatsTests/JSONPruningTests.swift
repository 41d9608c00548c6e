import EddyCore
import Testing
@testable import EddyFormats

/// Decoding only the columns a plan reads must not change which records fail, nor how: an unread
/// column is validated as its type requires (ksqlDB deserializes the whole row), only not built.
@Suite struct JSONPruningTests {
    static let columns = [Column("ID", .int), Column("NAME", .string), Column("AMOUNT", .bigint),
                          Column("PRICE", .double), Column("TAGS", .array(.int)), Column("AT", .time)]

    enum Outcome { case success([Value]?), failure(String) }

    func decode(_ text: String, reading: [Bool]?) -> Outcome {
        do {
            var d = try JSONFormat().makeDeserializer(
                columns: Self.columns, context: SerdeContext(info: FormatInfo("JSON"), topic: "t"))
            if let reading { d.prune(reading: reading) }
            return .success(try d.deserialize(Array(text.utf8)))
        } catch let e as EddyError {
            return .failure(e.message)
        } catch {
            return .failure("\(error)")
        }
    }

    /// Well-formed rows, coercions, and every way a column can be malformed.
    static let documents = [
        #"{"id":1,"name":"a","amount":2,"price":1.5,"tags":[1],"at":5}"#,
        #"{"ID":-0,"NAME":"x\"y\u00e9","AMOUNT":"12","PRICE":"2.5","TAGS":null,"AT":0}"#,
        #"{"id":1e3,"name":12.50,"amount":123456789012345678901234,"price":7,"at":86400000}"#,
        #"{"id":"7","name":[1,"b",{"c":[true]},null],"amount":-5.9,"price":-0.0}"#,
        #"{"name":{"k":{"n":[1,2]}},"id":01}"#, #"{"name":x}"#, #"{"name":[1,]}"#, #"{"name":[x]}"#,
        #"{"name":[}"#, #"{"name":{"a":}}"#, #"{"name":tru}"#, #"{"name":"open"#, #"{"name":-}"#,
        #"{"id":"x"}"#, #"{"id":true}"#, #"{"id":[1]}"#, #"{"id":1.}"#, #"{"id":12a}"#, #"{"id":-}"#,
        #"{"amount":{"a":1}}"#, #"{"price":"abc"}"#, #"{"tags":["x"]}"#, #"{"tags":[1,}"#,
        #"{"at":-1}"#, #"{"at":86400001}"#, #"{"id":1,"id":"bad"}"#, #"{"ID":1,"id":"bad"}"#,
        #"{"id":2,"ID":"bad"}"#, #"{"id":1 , "name" : "sp" }"#, #"{"id":1,"name":"a""#, #"{"id":1,"name":"a",}"#,
        #"{"id":1"name":"a"}"#, #"{"id" 1}"#, #"{"na\u006de":"escaped key"}"#, #"{"NAMe":"mixed"}"#,
        #"{"id":1,"extra":[{"deep":"x"}],"name":"b"}"#, #"{}"#, #"null"#, #"[1]"#, #"{"id":1}   x"#,
    ]

    @Test func prunedRowsFailAndSucceedAsFullRows() {
        let masks: [[Bool]] = [
            [true, false, true, true, true, true], [false, true, false, false, false, false],
            [false, false, false, false, false, false], [true, true, true, true, true, true],
        ]
        for doc in Self.documents {
            let full = decode(doc, reading: nil)
            for mask in masks {
                let pruned = decode(doc, reading: mask)
                switch (full, pruned) {
                case (.success(let row?), .success(let prunedRow?)):
                    let expected = row.indices.map { mask[$0] ? row[$0] : .null }
                    #expect(prunedRow == expected, "\(doc) \(mask)")
                case (.success(nil), .success(nil)):
                    break
                case (.failure(let a), .failure(let b)):
                    #expect(a == b, "\(doc) \(mask)")
                default:
                    Issue.record("\(doc) \(mask): \(full) vs \(pruned)")
                }
            }
        }
    }

    @Test func aFailedRowLeavesTheOutputAsItWas() throws {
        var d = try JSONFormat().makeDeserializer(columns: Self.columns, context: SerdeContext(info: FormatInfo("JSON"), topic: "t"))
        var row: [Value] = [.int(9)]
        #expect(throws: EddyError.self) { _ = try d.deserialize(Array(#"{"id":1,"amount":"x"}"#.utf8), into: &row) }
        #expect(row == [.int(9)])
        _ = try d.deserialize(Array(#"{"id":1}"#.utf8), into: &row)
        #expect(row.count == 1 + Self.columns.count)
    }
}
