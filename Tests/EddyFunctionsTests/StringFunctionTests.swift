import EddyCore
import Testing
@testable import EddyFunctions

@Suite struct StringFunctionTests {
    @Test func padding() throws {
        #expect(try call("LPAD", str("foo"), .int(7), str("Bar")) == str("BarBfoo"))
        #expect(try call("RPAD", str("foo"), .int(5), str("Bar")) == str("fooBa"))
        #expect(try call("LPAD", str("foo"), .int(2), str("Bar")) == str("fo"))
        #expect(try call("LPAD", str("foo"), .int(-1), str("Bar")) == .null)
        #expect(try call("RPAD", str("foo"), .int(5), .null, types: [.type(.string), .type(.int), .type(.string)]) == .null)
        #expect(try call("LPAD", .bytes(Array("yes".utf8)), .int(8), .bytes(Array("no".utf8))) == .bytes(Array("nononyes".utf8)))
        #expect(try call("LPAD", .bytes(Array("yes".utf8)), .int(5), .bytes(Array("no".utf8))) == .bytes(Array("noyes".utf8)))
    }

    @Test func substringPositions() throws {
        #expect(try call("SUBSTRING", str("some_string"), .int(6)) == str("string"))
        #expect(try call("SUBSTRING", str("lower"), .int(2), .int(5)) == str("ower"))
        #expect(try call("SUBSTRING", str("hello"), .int(-3)) == str("llo"))
        #expect(try call("SUBSTRING", str("hello"), .int(-3), .int(2)) == str("ll"))
        #expect(try call("SUBSTRING", str("short"), .int(10)) == str(""))
        #expect(try call("SUBSTRING", str("abc"), .null, types: [.type(.string), .null]) == .null)
        #expect(try call("SUBSTRING", .bytes(Array("some_string".utf8)), .int(6), .int(3)) == .bytes(Array("str".utf8)))
    }

    @Test func lengthCountsUTF16Units() throws {
        #expect(try call("LEN", str("ABC")) == .int(3))
        #expect(try call("LEN", str("😀")) == .int(2))
        #expect(try call("LEN", .bytes([1, 2])) == .int(2))
    }

    @Test func instrOccurrences() throws {
        #expect(try call("INSTR", str("corporate floor"), str("or")) == .int(2))
        #expect(try call("INSTR", str("corporate floor"), str("or"), .int(4)) == .int(5))
        #expect(try call("INSTR", str("corporate floor"), str("or"), .int(4), .int(2)) == .int(14))
        #expect(try call("INSTR", str("corporate floor"), str("or"), .int(-4), .int(2)) == .int(2))
        #expect(try call("INSTR", str("no substring"), str("or")) == .int(0))
    }

    @Test func caseAndTrim() throws {
        #expect(try call("INITCAP", str("the   Quick br0wn fOx")) == str("The   Quick Br0wn Fox"))
        #expect(try call("INITCAP", str("some_string")) == str("Some_string"))
        #expect(try call("TRIM", str(" \t with white space \t")) == str("with white space"))
        #expect(try call("UCASE", str("MiXeD")) == str("MIXED"))
    }

    @Test func concatFamily() throws {
        #expect(try call("CONCAT", str("a"), .null, str("b"), types: [.type(.string), .null, .type(.string)]) == str("ab"))
        #expect(try call("CONCAT_WS", str("-"), str("a"), .null, str("b"), types: [.type(.string), .type(.string), .null, .type(.string)]) == str("a-b"))
        #expect(try call("CONCAT_WS", .null, str("a"), types: [.type(.string), .type(.string)]) == .null)
        #expect(try call("ELT", .int(2), str("x"), str("y")) == str("y"))
        #expect(try call("ELT", .int(3), str("x"), str("y")) == .null)
        #expect(try call("FIELD", str("hello"), str("world"), str("hello")) == .int(2))
        #expect(try call("FIELD", .null, str("hello"), types: [.type(.string), .type(.string)]) == .int(0))
    }

    @Test func splitKeepsEmptyParts() throws {
        #expect(try call("SPLIT", str(".abc$$"), str("$$")) == .array([str(".abc"), str("")]))
        #expect(try call("SPLIT", str("abc"), str("")) == .array([str("a"), str("b"), str("c")]))
        #expect(try call("SPLIT", str(""), str(",")) == .array([str("")]))
        #expect(try call("SPLIT_TO_MAP", str("a=1/b=2/a=3"), str("/"), str("=")) == .map(MapValue([(str("a"), str("3")), (str("b"), str("2"))])))
        // An entry split into more than two pieces keeps the first two; one without the
        // key-value delimiter is dropped.
        #expect(try call("SPLIT_TO_MAP", str("a:1/b:2"), str("&&"), str(":")) == .map(MapValue([(str("a"), str("1/b"))])))
        #expect(try call("SPLIT_TO_MAP", str("a:1/b"), str("/"), str(":")) == .map(MapValue([(str("a"), str("1"))])))
    }

    @Test func regexes() throws {
        #expect(try call("REGEXP_EXTRACT", str("(.*) (.*)"), str("steven zhang"), .int(2)) == str("zhang"))
        #expect(try call("REGEXP_EXTRACT_ALL", str("test."), str("some_test_string_testabab")) == .array([str("test_"), str("testa")]))
        #expect(try call("REGEXP_REPLACE", str("baabbabaa"), str("(ab)+"), str("cat")) == str("bacatbcataa"))
        #expect(try call("REGEXP_SPLIT_TO_ARRAY", str("aabcda"), str("(ab|cd)")) == .array([str("a"), str(""), str("a")]))
        let box = LogBox()
        #expect(try call("REGEXP_EXTRACT", str("(unclosed"), str("x"), log: box.append) == .null)
        #expect(box.count == 1)
    }

    @Test func masks() throws {
        #expect(try call("MASK", str("AbCd#$123xy Z")) == str("XxXx--nnnxx-X"))
        #expect(try call("MASK_KEEP_LEFT", str("AbCd#$123xy Z"), .int(5)) == str("AbCd#-nnnxx-X"))
        #expect(try call("MASK_RIGHT", str("AbCd#$123xy Z"), .int(5), str("Q"), str("q"), .null, str("=")) == str("AbCd#$123qq=Q"))
    }

    @Test func chrAndEncode() throws {
        #expect(try call("CHR", .int(75)) == str("K"))
        #expect(try call("CHR", .int(99000)) == str("\u{182B8}"))
        #expect(try call("CHR", str("\\ud820\\udeb8")) == str("\u{182B8}"))
        #expect(try call("CHR", str("75")) == .null)
        #expect(try call("ENCODE", str("4578616d706C6521"), str("hex"), str("base64")) == str("RXhhbXBsZSE="))
        #expect(try call("ENCODE", str("ΕλλάΔα"), str("ascii"), str("hex")) == str("3f3f3f3f3f3f"))
        #expect(try call("INT_FROM_BYTES", .bytes([0, 0, 7, 0xE5])) == .int(2021))
        #expect(try call("BIGINT_FROM_BYTES", .bytes([0, 0xF2, 5, 0x2A, 1, 0, 0, 0]), str("LITTLE_ENDIAN")) == .bigint(5_000_000_000))
    }
}

final class LogBox: @unchecked Sendable {
    private var lines: [String] = []
    var count: Int { lines.count }
    var append: @Sendable (String) -> Void { { [self] in self.lines.append($0) } }
}
