import EddyCore
import Testing
@testable import EddyFunctions

@Suite struct CollectionFunctionTests {
    let ints: Value = .array([.int(3), .null, .int(1), .int(3)])

    @Test func arrayBasics() throws {
        #expect(try call("ARRAY_CONTAINS", ints, .int(1)) == .bool(true))
        #expect(try call("ARRAY_CONTAINS", .null, .int(1), types: [.type(.array(.int)), .type(.int)]) == .bool(false))
        #expect(try call("ARRAY_DISTINCT", ints) == .array([.int(3), .null, .int(1)]))
        #expect(try call("ARRAY_SORT", ints) == .array([.int(1), .int(3), .int(3), .null]))
        #expect(try call("ARRAY_SORT", ints, str("desc")) == .array([.int(3), .int(3), .int(1), .null]))
        #expect(try call("ARRAY_MAX", ints) == .int(3))
        #expect(try call("ARRAY_MIN", .array([str("Foo"), str("baz"), .null])) == str("Foo"))
        #expect(try call("ARRAY_REMOVE", ints, .int(3)) == .array([.null, .int(1)]))
        #expect(try call("ARRAY_JOIN", ints) == str("3,null,1,3"))
        #expect(try call("ARRAY_LENGTH", ints) == .int(4))
        #expect(try call("SLICE", ints, .int(2), .int(3)) == .array([.null, .int(1)]))
        #expect(try call("ARRAY_EXCEPT", ints, .array([.int(1)])) == .array([.int(3), .null]))
        #expect(try call("ARRAY_UNION", .array([.int(1)]), .array([.int(2), .int(1)])) == .array([.int(1), .int(2)]))
        #expect(try call("GENERATE_SERIES", .int(3), .int(1)) == .array([.int(3), .int(2), .int(1)]))
        #expect(try call("GENERATE_SERIES", .int(1), .int(5), .int(2)) == .array([.int(1), .int(3), .int(5)]))
    }

    @Test func genericMismatchIsRejected() {
        #expect(throws: EddyError.self) {
            try FunctionRegistry.builtin.resolveScalar(name: "ARRAY_CONTAINS", argumentTypes: [.type(.array(.int)), .type(.string)])
        }
    }

    @Test func maps() throws {
        let m: Value = .map(MapValue([(str("b"), .int(2)), (str("a"), .int(1))]))
        #expect(try call("MAP_KEYS", m) == .array([str("b"), str("a")]))
        #expect(try call("AS_MAP", .array([str("x"), str("y")]), .array([.int(1)])) == .map(MapValue([(str("x"), .int(1)), (str("y"), .null)])))
        let entries = try call("ENTRIES", m, .bool(true))
        #expect(entries == .array([.struct(StructValue(names: ["K", "V"], values: [str("a"), .int(1)])),
                                   .struct(StructValue(names: ["K", "V"], values: [str("b"), .int(2)]))]))
        let r = try FunctionRegistry.builtin.resolveScalar(name: "ENTRIES", argumentTypes: [.type(.map(key: .string, value: .int)), .type(.boolean)])
        #expect(r.returnType == .array(.struct([.init("K", .string), .init("V", .int)])))
    }

    @Test func lambdas() throws {
        let reg = FunctionRegistry.builtin
        let arrayArg: [ArgumentType] = [.type(.array(.int)), .lambda(arity: 1, returnType: nil)]
        #expect(try reg.lambdaParameterTypes(function: "TRANSFORM", argumentTypes: arrayArg, lambdaIndex: 0) == [.int])
        let resolved = try reg.resolveScalar(name: "transform", argumentTypes: [.type(.array(.int)), .lambda(arity: 1, returnType: .string)])
        #expect(resolved.returnType == .array(.string))
        let double = Lambda(arity: 1) { .int(($0[0].int32Value ?? 0) * 2) }
        #expect(try call("TRANSFORM", .array([.int(1), .int(2)]), types: [.type(.array(.int)), .lambda(arity: 1, returnType: .int)],
                         lambdas: [double]) == .array([.int(2), .int(4)]))
        let isOdd = Lambda(arity: 1) { .bool(($0[0].int32Value ?? 0) % 2 == 1) }
        #expect(try call("FILTER", .array([.int(1), .int(2), .int(3)]), types: [.type(.array(.int)), .lambda(arity: 1, returnType: .boolean)],
                         lambdas: [isOdd]) == .array([.int(1), .int(3)]))
        let sum = Lambda(arity: 2) { .bigint(($0[0].int64Value ?? 0) + ($0[1].int64Value ?? 0)) }
        let reduceTypes: [ArgumentType] = [.type(.array(.int)), .type(.bigint), .lambda(arity: 2, returnType: .bigint)]
        #expect(try reg.lambdaParameterTypes(function: "REDUCE", argumentTypes: reduceTypes, lambdaIndex: 0) == [.bigint, .int])
        #expect(try call("REDUCE", .array([.int(1), .int(2)]), .bigint(10), types: reduceTypes, lambdas: [sum]) == .bigint(13))
        let mapTypes: [ArgumentType] = [.type(.map(key: .string, value: .int)), .lambda(arity: 2, returnType: .string),
                                        .lambda(arity: 2, returnType: .int)]
        #expect(try reg.lambdaParameterTypes(function: "TRANSFORM", argumentTypes: mapTypes, lambdaIndex: 1) == [.string, .int])
        #expect(try reg.resolveScalar(name: "TRANSFORM", argumentTypes: mapTypes).returnType == .map(key: .string, value: .int))
    }

    @Test func transformingTwoMapEntriesToOneKeyFails() throws {
        let mapTypes: [ArgumentType] = [.type(.map(key: .string, value: .int)), .lambda(arity: 2, returnType: .string),
                                        .lambda(arity: 2, returnType: .int)]
        var m = MapValue()
        m.set(.string("a"), .int(1))
        m.set(.string("b"), .int(2))
        let constantKey = Lambda(arity: 2) { _ in .string("k") }
        let identity = Lambda(arity: 2) { $0[1] }
        #expect(throws: EddyError.self) {
            try call("TRANSFORM", .map(m), types: mapTypes, lambdas: [constantKey, identity])
        }
        let upper = Lambda(arity: 2) { .string(($0[0].stringValue ?? "").uppercased()) }
        var expected = MapValue()
        expected.set(.string("A"), .int(1))
        expected.set(.string("B"), .int(2))
        #expect(try call("TRANSFORM", .map(m), types: mapTypes, lambdas: [upper, identity]) == .map(expected))
    }
}
