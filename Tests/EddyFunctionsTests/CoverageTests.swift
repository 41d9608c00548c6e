import EddyCore
import Foundation
import Testing
@testable import EddyFunctions

/// Functions not exercised elsewhere, plus a sweep over every overload of every scalar: NULL arguments
/// must never crash, and overloads declared NULL-on-NULL-input must return NULL.
@Suite struct CoverageTests {
    let reg = FunctionRegistry.builtin

    /// A concrete type for a declared parameter, binding generics to simple types.
    func sample(_ p: ParamType) -> ArgumentType? {
        switch p {
        case .boolean: .type(.boolean)
        case .int: .type(.int)
        case .bigint: .type(.bigint)
        case .double: .type(.double)
        case .decimal: .type(.decimal(precision: 10, scale: 2))
        case .string: .type(.string)
        case .bytes: .type(.bytes)
        case .date: .type(.date)
        case .time: .type(.time)
        case .timestamp: .type(.timestamp)
        case .intervalUnit: .intervalUnit
        case .array(let e): sample(e)?.sqlType.map { .type(.array($0)) }
        case .map(let k, let v):
            sample(k)?.sqlType.flatMap { k in sample(v)?.sqlType.map { .type(.map(key: k, value: $0)) } }
        case .anyStruct: .type(.struct([.init("A", .string)]))
        case .any, .generic: .type(.int)
        case .lambda: nil
        }
    }

    @Test func everyOverloadSurvivesNullArguments() throws {
        for name in reg.allFunctions.filter({ $0.kind == .scalar }).map(\.name) {
            let def = try #require(reg.scalar(named: name))
            for sig in def.signatures {
                let arity = sig.parameters.count
                let types = sig.parameters.map(sample)
                guard types.allSatisfy({ $0 != nil }) else { continue }
                let resolved = try reg.resolveScalar(name: name, argumentTypes: types.map { $0! })
                let values: [Value] = types.map { $0 == .intervalUnit ? .string("DAYS") : .null }
                var args = FunctionArguments(values: values)
                let result = try? resolved.invoke(&args)
                if sig.nullPolicy == .nullOnNullInput, arity > 0, resolved.argumentTypes.count == arity {
                    #expect(result == nil || result == .null, "\(name)\(types) gave \(String(describing: result))")
                }
            }
        }
    }

    @Test func trigonometry() throws {
        let x = 0.5
        let cases: [(String, Double)] = [("ACOS", acos(x)), ("ASIN", asin(x)), ("ATAN", atan(x)), ("COS", cos(x)),
                                         ("COSH", cosh(x)), ("COT", 1 / tan(x)), ("SIN", sin(x)), ("SINH", sinh(x)),
                                         ("TAN", tan(x)), ("TANH", tanh(x)), ("CBRT", cbrt(x))]
        for (name, expected) in cases {
            #expect(try call(name, .double(x)) == .double(expected), "\(name)")
        }
        #expect(try call("ATAN2", .double(1), .double(1)) == .double(atan2(1, 1)))
        #expect(try call("DEGREES", .double(Double.pi)) == .double(180))
        #expect(try call("RADIANS", .int(180)) == .double(Double.pi))
        #expect(try call("PI") == .double(Double.pi))
        #expect(try call("ACOS", .int(2)) == .double(.nan) || (try call("ACOS", .int(2))).doubleValue?.isNaN == true)
        // A bare NULL matches every numeric overload, which ksqlDB reports as ambiguous.
        #expect(throws: EddyError.self) { try call("SIN", .null, types: [.null]) }
        #expect(try call("SIN", .null, types: [.type(.double)]) == .null)
    }

    @Test func stringsAndMasks() throws {
        #expect(try call("LCASE", str("ABc")) == str("abc"))
        #expect(try call("MASK_LEFT", str("AbCd12"), .int(3)) == str("XxXd12"))
        #expect(try call("MASK_KEEP_RIGHT", str("AbCd12"), .int(2)) == str("XxXx12"))
        #expect(try call("MASK_LEFT", str("AbCd12"), .int(2), str("*")) == str("*xCd12"))
        #expect(try call("REPLACE", str("banana"), str("an"), str("AN")) == str("bANANa"))
        #expect(try call("REPLACE", str("banana"), .null, str("x"), types: [.type(.string), .null, .type(.string)]) == .null)
        // MD5 of the UTF-8 bytes, in lower-case hex, as commons-codec's md5Hex.
        #expect(try call("MD5", str("")) == str("d41d8cd98f00b204e9800998ecf8427e"))
        #expect(try call("MD5", str("r1")) == str("7c92cf1eee8d99cc85f8355a3d6e4b86"))
        #expect(try call("MD5", str("The quick brown fox jumps over the lazy dog")) == str("9e107d9d372bb6826bd81d3542a419d6"))
        #expect(try call("MD5", .null, types: [.type(.string)]) == .null)
    }

    /// Cases from ksqlDB's own UDF unit tests that Eddy once got wrong.
    @Test func ksqlUnitTestEdgeCases() throws {
        // INSTR: a NULL string or substring gives 0, not NULL.
        #expect(try call("INSTR", .null, str("OR"), types: [.type(.string), .type(.string)]) == .int(0))
        #expect(try call("INSTR", str("CORPORATE FLOOR"), .null, .int(1), types: [.type(.string), .type(.string), .type(.int)]) == .int(0))
        #expect(try call("INSTR", str("CORPORATE FLOOR"), str("OR"), .int(-3), .int(2)) == .int(2))
        #expect(try call("INSTR", str("CORPORATE FLOOR"), str("OR"), .int(100)) == .int(0))
        // An empty regex matches between every character.
        #expect(try call("REGEXP_REPLACE", str("abc"), str(""), str("n")) == str("nanbncn"))
        // java.util.Base64 decodes without '=' padding.
        #expect(try call("ENCODE", str("w5xiZXJtZW5zY2g"), str("base64"), str("utf8")) == str("Übermensch"))
        #expect(try call("CHR", str("\\u004b")) == str("K"))
    }

    @Test func collections() throws {
        let a = Value.array([.int(1), .int(2), .int(2)]), b = Value.array([.int(2), .int(3)])
        #expect(try call("ARRAY_CONCAT", a, b) == .array([.int(1), .int(2), .int(2), .int(2), .int(3)]))
        #expect(try call("ARRAY_INTERSECT", a, b) == .array([.int(2)]))
        let m1 = Value.map(MapValue([(str("a"), .int(1)), (str("b"), .int(2))]))
        let m2 = Value.map(MapValue([(str("b"), .int(20)), (str("c"), .int(3))]))
        #expect(try call("MAP_VALUES", m1) == .array([.int(1), .int(2)]))
        #expect(try call("MAP_UNION", m1, m2) == .map(MapValue([(str("a"), .int(1)), (str("b"), .int(20)), (str("c"), .int(3))])))
    }

    @Test func conversionsAndUrls() throws {
        let bytes = withUnsafeBytes(of: (3.25).bitPattern.bigEndian) { Array($0) }
        #expect(try call("DOUBLE_FROM_BYTES", .bytes(bytes)) == .double(3.25))
        #expect(try call("DOUBLE_FROM_BYTES", .bytes(Array(bytes.reversed())), str("LITTLE_ENDIAN")) == .double(3.25))
        #expect(try call("DOUBLE_FROM_BYTES", .bytes([1, 2])) == .null)
        #expect(try call("URL_EXTRACT_PROTOCOL", str("https://x.io/p?q=1#frag")) == str("https"))
        #expect(try call("URL_EXTRACT_FRAGMENT", str("https://x.io/p?q=1#frag")) == str("frag"))
        #expect(try call("URL_EXTRACT_FRAGMENT", str("https://x.io/p")) == .null)
        #expect(try call("URL_EXTRACT_HOST", str("https:///current/ksql/docs/syntax-reference.html")) == .null)
    }

    @Test func datesAndTimes() throws {
        #expect(try call("DATETOSTRING", .int(18000), str("yyyy-MM-dd")) == str("2019-04-14"))
        #expect(try call("TIMESUB", .string("SECONDS"), .int(5), .time(10_000),
                         types: [.intervalUnit, .type(.int), .type(.time)]) == .time(5_000))
        // TIME arithmetic wraps around midnight, as java.time.LocalTime does.
        #expect(try call("TIMESUB", .string("SECONDS"), .int(20), .time(10_000),
                         types: [.intervalUnit, .type(.int), .type(.time)]) == .time(86_390_000))
    }
}
