import EddyCore
import Testing
@testable import EddyFormats

/// The codec's fast paths against plain references: integer text against Swift's, the word-wise
/// string scan against a byte-wise rule, and the object loop's inline INT/BIGINT/null handling
/// against the duplicate-key rule (exact beats upper-cased, the last of equals wins).
@Suite struct JSONCodecPathTests {
    @Test func integerTextMatchesSwift() {
        var values: [Int64] = [0, 9, 10, 99, 100, 101, 999, 1000, 9999, 10000, 99999, 100_000, .max, .min, .max - 1, .min + 1]
        var p: Int64 = 1
        for _ in 0 ..< 18 {
            p *= 10
            values += [p - 1, p, p + 1, -(p - 1), -p, -(p + 1)]
        }
        var rng = SplitMix64(state: 7)
        for _ in 0 ..< 2000 { values.append(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 63)) }
        var buffer = [UInt8](repeating: 0, count: JSONIntegerText.maxBytes)
        for v in values {
            let n = buffer.withUnsafeMutableBufferPointer { JSONIntegerText.write(v, to: $0.baseAddress!) }
            #expect(String(decoding: buffer[..<n], as: UTF8.self) == String(v), "\(v)")
        }
    }

    @Test func integerRowsWithLongAndShortNamesMatchTheGeneralWriter() throws {
        let columns = (1 ... 20).map { Column(String(repeating: "N", count: $0) + "\($0)", $0 % 2 == 0 ? .int : .bigint) }
        var serializer = try JSONFormat().makeSerializer(columns: columns, context: SerdeContext(info: FormatInfo("JSON"), topic: "t"))
        for row in 0 ..< 50 {
            let values: [Value] = columns.indices.map { i in
                let v = Int64(row * 7919 + i) * (row % 3 == 0 ? -1 : 1) * Int64(1 << (i % 40))
                return i % 2 == 1 ? .int(Int32(truncatingIfNeeded: v)) : .bigint(v)
            }
            var expected = "{"
            for (c, v) in zip(columns, values) {
                if expected.count > 1 { expected += "," }
                expected += JSONValueWriter.text(.string(c.name)) + ":" + JSONValueWriter.text(v)
            }
            expected += "}"
            #expect(try serializer.serialize(values).map { String(decoding: $0, as: UTF8.self) } == expected)
        }
        var none = try JSONFormat().makeSerializer(columns: [], context: SerdeContext(info: FormatInfo("JSON"), topic: "t"))
        #expect(try none.serialize([]).map { String(decoding: $0, as: UTF8.self) } == "{}")
    }

    /// Every string of length 0–20 with one special byte (or none) at each position, cut short or
    /// not: the scan must end, fail, or fall back to unescaping exactly as the byte-wise rule says.
    @Test func wordWiseStringScanAgreesWithTheByteWiseRule() {
        for length in 0 ... 20 {
            for special: UInt8? in [nil, 0x22, 0x5C, 0x00, 0x1F, 0x20, 0x7F, 0x80, 0xFF] {
                for at in 0 ..< max(length, 1) {
                    var body = (0 ..< length).map { UInt8(0x61 + $0 % 26) }
                    if let special, at < length { body[at] = special }
                    for closed in [true, false] {
                        let input = [0x22] + body + (closed ? [0x22, 0x2C] : [])
                        let expected = reference(input)
                        #expect(scan(input) == expected, "\(input)")
                        #expect(skip(input) == (expected.plainEnd ?? 0), "\(input)")
                    }
                }
            }
        }
    }

    enum Scan: Equatable {
        case plain(Int, Int), escaped(Int), failed
        var plainEnd: Int? { if case .plain(_, let end) = self { end } else { nil } }
    }

    /// Where `skipPlainString` leaves the cursor: past the string when it is plain, else untouched.
    func skip(_ input: [UInt8]) -> Int {
        input.withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes)
            return scanner.skipPlainString() ? scanner.pos : 0
        }
    }

    func scan(_ input: [UInt8]) -> Scan {
        input.withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes)
            var scratch: [UInt8] = []
            do {
                if let r = try scanner.readString(&scratch) { return .plain(r.upperBound, scanner.pos) }
                return .escaped(scanner.pos)
            } catch { return .failed }
        }
    }

    func reference(_ input: [UInt8]) -> Scan {
        var p = 1, escaped = false
        while p < input.count {
            let c = input[p]
            if c == 0x22 { return escaped ? .escaped(p + 1) : .plain(p, p + 1) }
            if c == 0x5C {
                // The bodies here hold letters after a backslash: \b \f \n \r \t are escapes, \u
                // is never followed by four hex digits, and any other letter is an error.
                guard p + 1 < input.count, [0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74].contains(input[p + 1]) else { return .failed }
                escaped = true
                p += 2
                continue
            }
            if c < 0x20 { return .failed }
            p += 1
        }
        return .failed
    }

    func read(_ text: String, reading: [Bool]? = nil) throws -> [Value]? {
        let columns = [Column("ID", .int), Column("BIG", .bigint), Column("S", .string)]
        var d = try JSONFormat().makeDeserializer(columns: columns, context: SerdeContext(info: FormatInfo("JSON"), topic: "t"))
        if let reading { d.prune(reading: reading) }
        return try d.deserialize(Array(text.utf8))
    }

    @Test func inlineIntegersAndNullsFollowTheDuplicateRule() throws {
        #expect(try read(#"{"id":1,"ID":null}"#) == [.null, .null, .null])
        #expect(try read(#"{"ID":1,"id":2}"#) == [.int(1), .null, .null])
        #expect(try read(#"{"id":1,"id":2,"big":-3}"#) == [.int(2), .bigint(-3), .null])
        #expect(try read(#"{"id":null,"id":3,"BIG":null,"big":4}"#) == [.int(3), .null, .null])
        #expect(try read(#"{"ID":5,"ID":null,"big":9223372036854775807}"#) == [.null, .bigint(.max), .null])
        #expect(try read(#"{"ID":5,"ID":"6","BIG":"7","S":null}"#) == [.int(6), .bigint(7), .null])
        #expect(try read(#"{"id":4294967297,"big":18446744073709551617}"#) == [.int(1), .bigint(1), .null])
        #expect(try read(#"{"id":1,"s":"x","big":2}"#, reading: [false, false, true]) == [.null, .null, .string("x")])
        #expect(try read(#"{"id":null,"s":null,"big":2.5}"#, reading: [false, false, false]) == [.null, .null, .null])
    }
}
