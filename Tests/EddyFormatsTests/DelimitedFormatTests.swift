import EddyCore
import Testing
@testable import EddyFormats

@Suite struct DelimitedFormatTests {
    let columns = [Column("B", .boolean), Column("I", .int), Column("D", .double), Column("S", .string),
                   Column("X", .decimal(precision: 5, scale: 2))]

    func serde(_ columns: [Column], delimiter: String? = nil) throws -> (any RowSerializer, any RowDeserializer) {
        var info = FormatInfo("DELIMITED")
        if let delimiter { info.properties[FormatInfo.delimiterProperty] = delimiter }
        let ctx = SerdeContext(info: info, topic: "t")
        return (try DelimitedFormat().makeSerializer(columns: columns, context: ctx),
                try DelimitedFormat().makeDeserializer(columns: columns, context: ctx))
    }

    func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

    @Test func writesAndReadsEveryPrimitive() throws {
        var (ser, de) = try serde(columns)
        let row: [Value] = [.bool(true), .int(-7), .double(1.5), .string("hi"), .decimal(SQLDecimal("12.30")!)]
        let written = try ser.serialize(row)
        #expect(text(written) == "true,-7,1.5,hi,12.30")
        #expect(try de.deserialize(written) == row)
    }

    @Test func emptyFieldsAreNull() throws {
        var (ser, de) = try serde(columns)
        let row: [Value] = [.null, .null, .null, .null, .null]
        #expect(text(try ser.serialize(row)) == ",,,,")
        #expect(try de.deserialize(Array(",,,,".utf8)) == row)
    }

    @Test func quotesLikeCommonsCSV() throws {
        var (ser, de) = try serde([Column("A", .string), Column("B", .string), Column("C", .int)])
        let row: [Value] = [.string("a,b"), .string("say \"hi\""), .int(1)]
        let written = try ser.serialize(row)
        #expect(text(written) == "\"a,b\",\"say \"\"hi\"\"\",1")
        #expect(try de.deserialize(written) == row)
        // A leading '-' is quoted only as the record's first field.
        var (single, _) = try serde([Column("N", .int)])
        #expect(text(try single.serialize([.int(-10)])) == "\"-10\"")
    }

    @Test func customDelimiter() throws {
        var (ser, de) = try serde([Column("A", .string), Column("B", .int)], delimiter: "TAB")
        let written = try ser.serialize([.string("x"), .int(2)])
        #expect(text(written) == "x\t2")
        #expect(try de.deserialize(written) == [.string("x"), .int(2)])
    }

    @Test func badRecordsThrowInsteadOfTrapping() throws {
        var (_, de) = try serde(columns)
        #expect(throws: EddyError.self) { try de.deserialize(Array("true,1".utf8)) }
        #expect(throws: EddyError.self) { try de.deserialize(Array("true,notanint,1.0,s,1.00".utf8)) }
        #expect(throws: EddyError.self) { try de.deserialize(Array("true,1,1.0,\"unterminated,1.00".utf8)) }
        #expect(throws: EddyError.self) { try de.deserialize(Array("true,1,1.0,s,12345.678".utf8)) }
        #expect(try de.deserialize(nil as [UInt8]?) == nil)
    }

    @Test func bytesAreBase64() throws {
        var (ser, de) = try serde([Column("B", .bytes)])
        let written = try ser.serialize([.bytes([1, 2, 3])])
        #expect(text(written) == "AQID")
        #expect(try de.deserialize(written) == [.bytes([1, 2, 3])])
    }
}
