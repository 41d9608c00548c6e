import EddyCore
import Testing
@testable import EddyFormats

/// The object loop's inline `null` (a four-byte compare) must accept and reject exactly what the
/// general path's `readLiteral` does, with the same messages, for read and skipped columns alike.
@Suite struct JSONNullLiteralTests {
    enum Outcome: Equatable { case row([Value]?), failure(String) }

    func decode(_ text: String, _ type: SQLType, read: Bool) -> Outcome {
        do {
            var d = try JSONFormat().makeDeserializer(
                columns: [Column("A", type), Column("B", .int)], context: SerdeContext(info: FormatInfo("JSON"), topic: "t"))
            if !read { d.prune(reading: [false, true]) }
            return .row(try d.deserialize(Array(text.utf8)))
        } catch let e as EddyError {
            return .failure(e.message)
        } catch {
            return .failure("\(error)")
        }
    }

    static let tokens = ["null", "nullx", "null_", "null1", "nul", "nUll", "n", "null\u{e9}", "null ", "null\t"]

    @Test func inlineNullAgreesWithTheGeneralPath() {
        for token in Self.tokens {
            for tail in [#","b":2}"#, "}", "", #" ,"b":2}"#] {
                let text = #"{"a":"# + token + tail
                // DOUBLE is read through `decode`, which uses `readLiteral`: the reference.
                let reference = decode(text, .double, read: true)
                for (type, read) in [(SQLType.int, true), (.bigint, true), (.int, false), (.string, false), (.double, false)] {
                    let got = decode(text, type, read: read)
                    switch (reference, got) {
                    case (.failure(let want), .failure(let message)):
                        #expect(message == want, "\(text) as \(type) read \(read)")
                    case (.row(let want), .row(let row)):
                        #expect(row == want, "\(text) as \(type) read \(read)")
                    default:
                        Issue.record("\(text) as \(type) read \(read): \(got) vs \(reference)")
                    }
                }
            }
        }
    }

    @Test func nullThenValueKeepsTheRow() {
        #expect(decode(#"{"a":null,"b":7}"#, .int, read: true) == .row([.null, .int(7)]))
        #expect(decode(#"{"a":null,"b":7}"#, .string, read: false) == .row([.null, .int(7)]))
        #expect(decode(#"{"a":1,"a":null}"#, .int, read: true) == .row([.null, .null]))
    }
}
