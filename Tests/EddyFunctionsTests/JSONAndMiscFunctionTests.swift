import EddyCore
import Testing
@testable import EddyFunctions

@Suite struct JSONAndMiscFunctionTests {
    @Test func extractJsonField() throws {
        let doc = str(#"{"a": {"b": [1, {"c": "x"}]}, "n": 1.50}"#)
        #expect(try call("EXTRACTJSONFIELD", doc, str("$.a.b[1].c")) == str("x"))
        #expect(try call("EXTRACTJSONFIELD", doc, str("$.n")) == str("1.50"))
        #expect(try call("EXTRACTJSONFIELD", doc, str("$.a.b")) == str(#"[1,{"c":"x"}]"#))
        #expect(try call("EXTRACTJSONFIELD", doc, str("$.missing")) == .null)
        #expect(try call("EXTRACTJSONFIELD", str("not json"), str("$.a")) == .null)
    }

    @Test func jsonHelpers() throws {
        #expect(try call("JSON_ARRAY_LENGTH", str("[1, [2], {}]")) == .int(3))
        #expect(try call("JSON_ARRAY_LENGTH", str("{}")) == .null)
        #expect(try call("IS_JSON_STRING", str("\"abc\"")) == .bool(true))
        #expect(try call("IS_JSON_STRING", str("abc")) == .bool(false))
        #expect(try call("JSON_KEYS", str(#"{"b":1,"a":2}"#)) == .array([str("b"), str("a")]))
        #expect(try call("JSON_ITEMS", str(#"[{"a":1}, 2]"#)) == .array([str(#"{"a":1}"#), str("2")]))
        #expect(try call("JSON_RECORDS", str(#"{"a":[1]}"#)) == .map(MapValue([(str("a"), str("[1]"))])))
        #expect(try call("JSON_ARRAY_CONTAINS", str("[1, 2.5]"), .int(1)) == .bool(true))
        #expect(try call("JSON_ARRAY_CONTAINS", str("[1, 2.5]"), .double(2.5)) == .bool(true))
        #expect(try call("JSON_ARRAY_CONTAINS", str("[\"a\"]"), str("b")) == .bool(false))
        #expect(try call("JSON_CONCAT", str(#"{"a":1}"#), str(#"{"a":2,"b":3}"#)) == str(#"{"a":2,"b":3}"#))
        #expect(try call("JSON_CONCAT", str("[1]"), str("2")) == str("[1,2]"))
        let s: Value = .struct(StructValue(names: ["A", "B"], values: [.int(1), .array([str("x"), .null])]))
        #expect(try call("TO_JSON_STRING", s) == str(#"{"A":1,"B":["x",null]}"#))
    }

    @Test func geoAndUrls() throws {
        guard case .double(let km) = try call("GEO_DISTANCE", .double(37.4439), .double(-122.1663), .double(51.5257), .double(-0.1122)) else {
            Issue.record("type"); return
        }
        #expect(abs(km - 8634.6528) < 0.01)
        #expect(try call("URL_EXTRACT_HOST", str("http://test@confluent.io:8080")) == str("confluent.io"))
        #expect(try call("URL_EXTRACT_PORT", str("http://test@confluent.io")) == .null)
        #expect(try call("URL_EXTRACT_PATH", str("http://www.test.com?query#fragment")) == str(""))
        #expect(try call("URL_EXTRACT_QUERY", str("http://www.test.com/path?q1&q2")) == str("q1&q2"))
        #expect(try call("URL_EXTRACT_PARAMETER", str("http://www.test.com/?one=a&two=b&three"), str("two")) == str("b"))
        #expect(try call("URL_DECODE_PARAM", str("%3Ffoo+%24bar")) == str("?foo $bar"))
        #expect(try call("URL_ENCODE_PARAM", str("?foo $bar")) == str("%3Ffoo+%24bar"))
    }
}
