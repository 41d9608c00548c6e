import EddyCore
import Testing
@testable import EddyFormats

@Suite struct JSONValueTests {
    @Test func parsesAndKeepsOrderAndLiterals() throws {
        let v = try JSONValue.parse(#" {"b": [1, -2.50, 1e3, true, null], "a": {"x": "h\u00e9\n\"q\""}, "b": 7} "#)
        guard case .object(let o) = v else { Issue.record("not an object"); return }
        #expect(o.keys == ["b", "a", "b"])
        #expect(v["b"] == .number(JSONNumber(text: "7", isIntegral: true)))
        #expect(o.values[0][1]?.numberValue?.text == "-2.50")
        #expect(o.values[0][1]?.numberValue?.decimal == SQLDecimal(unscaled: -250, scale: 2))
        #expect(o.values[0][2]?.numberValue?.double == 1000)
        #expect(v["a"]?["x"]?.stringValue == "hé\n\"q\"")
        #expect(v.jsonText == #"{"b":[1,-2.50,1e3,true,null],"a":{"x":"hé\n\"q\""},"b":7}"#)
    }

    @Test func roundTripsThroughText() throws {
        let texts = [#"[]"#, #"{}"#, #"[{"a":[[],{}]},"\u0001\t",-0,0.5E-3]"#, #""\ud83d\ude00""#]
        for t in texts {
            let v = try JSONValue.parse(t)
            #expect(try JSONValue.parse(v.jsonText) == v)
        }
        #expect(try JSONValue.parse(#""\ud83d\ude00""#).stringValue == "😀")
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "{\"a\":1,}", "01", "1.", "-", "tru", "nulls", "\"abc", "\"a\u{1}\"",
        "[1 2]", "{'a':1}", "\"\\x\"", "\"\\u12\"", "[1]x", "NaN", "+1", "{\"a\":}",
    ])
    func rejectsMalformedInput(text: String) {
        #expect(throws: JSONSyntaxError.self) { _ = try JSONValue.parse(text) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { _ = try JSONValue.parse(deep) }
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect((try? JSONValue.parse(ok)) != nil)
    }

    @Test func trailingContentIsOptional() throws {
        #expect(throws: JSONSyntaxError.self) { _ = try JSONValue.parse("{} x") }
        #expect(try JSONValue.parse("{} x", allowTrailing: true) == .object(JSONObject()))
    }

    @Test func randomBytesNeverTrap() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("{}[]\",:0123456789-.eEtrufalsn \\u".utf8)
        for _ in 0 ..< 2000 {
            let n = Int.random(in: 0 ..< 24, using: &rng)
            let bytes = (0 ..< n).map { _ in alphabet.randomElement(using: &rng)! }
            _ = try? JSONValue.parse(bytes)
        }
    }
}

@Suite struct JavaTextTests {
    @Test(arguments: [
        (1.0, "1.0"), (-0.0, "-0.0"), (0.0, "0.0"), (100.0, "100.0"), (0.001, "0.001"), (0.0001, "1.0E-4"),
        (1234567.0, "1234567.0"), (12345678.0, "1.2345678E7"), (1e21, "1.0E21"), (9876.54321, "9876.54321"),
        (Double.leastNonzeroMagnitude, "4.9E-324"), (1.7976931348623157e308, "1.7976931348623157E308"), (Double.nan, "NaN"),
        (-Double.infinity, "-Infinity"), (123.456, "123.456"), (0.1, "0.1"), (-1.5e-7, "-1.5E-7"),
    ])
    func doubles(value: Double, text: String) {
        #expect(JavaText.double(value) == text)
    }

    @Test func bigDecimals() {
        #expect(JavaText.bigDecimal(SQLDecimal("1.50")!) == "1.50")
        #expect(JavaText.bigDecimal(SQLDecimal(unscaled: 1, scale: -3)) == "1E+3")
        #expect(JavaText.bigDecimal(SQLDecimal(unscaled: 15, scale: 8)) == "1.5E-7")
        #expect(JavaText.bigDecimal(SQLDecimal(unscaled: -15, scale: 7)) == "-0.0000015")
    }

    @Test func base64() {
        for n in 0 ..< 10 {
            let bytes = (0 ..< n).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(ByteBase64.decode(Array(ByteBase64.encode(bytes).utf8)) == bytes)
        }
        #expect(ByteBase64.encode(Array("variations".utf8)) == "dmFyaWF0aW9ucw==")
        #expect(ByteBase64.decode(Array("IQ=".utf8)) == nil)
        #expect(ByteBase64.decode(Array("I*==".utf8)) == nil)
        #expect(ByteBase64.decode(Array("IQ==".utf8)) == [0x21])
    }
}
