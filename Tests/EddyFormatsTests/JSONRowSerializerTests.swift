import EddyCore
import Testing
@testable import EddyFormats

/// The row serializer (flat field prefixes, integers without the general dispatch)
/// must produce the general writer's bytes.
@Suite struct JSONRowSerializerTests {
    @Test func rowsMatchTheGeneralWriter() throws {
        let columns = [Column("I", .int), Column("B", .bigint), Column("S", .string), Column("T", .boolean),
                       Column("D", .date), Column("TS", .timestamp), Column("quoted \"name\"", .string)]
        let ints: [Int32] = [0, 7, 10, 99, 100, -1, -10, 12345, .max, .min]
        let bigs: [Int64] = [0, 9, 1_000_000_000_000, -99, .max, .min]
        let strings = ["", "plain", "quote \" and \\ slash", "tab\tnew\nline\r\u{8}\u{c}", "\u{1}\u{1f}\u{7f}", "é ünïcode 🎉"]
        var serializer = try JSONFormat().makeSerializer(columns: columns, context: SerdeContext(info: FormatInfo("JSON"), topic: "t"))
        var n = 0
        for i in ints {
            for b in bigs {
                let s = strings[n % strings.count]
                n += 1
                let rows: [[Value]] = [
                    [.int(i), .bigint(b), .string(s), .bool(n % 2 == 0), .date(i), .timestamp(b), .string(strings[(n + 1) % strings.count])],
                    [.null, .null, .null, .null, .null, .null, .null],
                ]
                for row in rows {
                    var expected = "{"
                    for (c, v) in zip(columns, row) {
                        if expected.count > 1 { expected += "," }
                        expected += JSONValueWriter.text(.string(c.name)) + ":" + JSONValueWriter.text(v)
                    }
                    expected += "}"
                    let got = try serializer.serialize(row).map { String(decoding: $0, as: UTF8.self) }
                    #expect(got == expected)
                }
            }
        }
    }
}
