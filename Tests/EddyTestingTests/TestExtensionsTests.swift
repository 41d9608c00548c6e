import EddyCore
import EddyFunctions
import EddyTestExtensions
import Testing

/// The ksqlDB test-only functions: present for `eddy test`, absent from the builtin (user) registry.
@Suite struct TestExtensionsTests {
    let reg = TestExtensions.registry

    func call(_ name: String, _ types: [ArgumentType], _ values: [Value]) throws -> Value {
        let resolved = try reg.resolveScalar(name: name, argumentTypes: types)
        var args = FunctionArguments(values: values)
        return try resolved.invoke(&args)
    }

    @Test func userRegistryNeverSeesTestFunctions() {
        for name in ["TEST_UDF", "TEST_UDTF", "TEST_UDAF", "WHENCONDITION", "BAD_UDF", "MULTI_ARG", "VAR_ARG"] {
            #expect(reg.exists(name), "\(name)")
            #expect(!FunctionRegistry.builtin.exists(name), "\(name)")
        }
    }

    @Test func testUdfReportsTheChosenOverload() throws {
        #expect(try call("test_udf", [.type(.int), .type(.string)], [.int(1), .string("x")]) == .string("doStuffIntString"))
        #expect(try call("test_udf", [.type(.bigint), .null], [.bigint(1), .null]) == .string("doStuffLongString"))
        #expect(try call("test_udf", [.type(.bigint), .type(.bigint), .null], [.bigint(1), .bigint(2), .null])
                == .string("doStuffLongLongString"))
        #expect(try call("test_udf", [.type(.bigint), .type(.int), .type(.bigint)], [.bigint(1), .int(2), .bigint(3)])
                == .string("doStuffLongVarargs"))
        let a = Value.struct(StructValue(names: ["A"], values: [.string("v")]))
        #expect(try call("test_udf", [.type(.struct([.init("A", .string)]))], [a]) == .string("v"))
    }

    @Test func caseProbesThrowWhenEvaluatedEagerly() throws {
        #expect(try call("WhenCondition", [.type(.boolean), .type(.boolean)], [.bool(true), .bool(true)]) == .bool(true))
        #expect(throws: (any Error).self) {
            try call("WhenResult", [.type(.int), .type(.boolean)], [.int(1), .bool(false)])
        }
    }

    @Test func testUdtfRendersJavaStrings() throws {
        let tf = try reg.resolveTableFunction(name: "test_udtf", argumentTypes: [
            .type(.int), .type(.bigint), .type(.double), .type(.boolean), .type(.string),
            .type(.decimal(precision: 20, scale: 10)), .type(.struct([.init("A", .string)])),
        ])
        var args = FunctionArguments(values: [
            .int(1), .bigint(2), .double(3.1), .bool(true), .string("foo"),
            .decimal(SQLDecimal("123.4560000000")!), .struct(StructValue(names: ["A"], values: [.string("bar")])),
        ])
        #expect(try tf.invoke(&args) == ["1", "2", "3.1", "true", "foo", "123.4560000000", "Struct{A=bar}"].map(Value.string))
        let decimal = try reg.resolveTableFunction(name: "test_udtf", argumentTypes: [.type(.decimal(precision: 5, scale: 2))])
        #expect(decimal.returnType == .decimal(precision: 30, scale: 10))
    }

    @Test func variadicAggregates() throws {
        let multi = try reg.resolveAggregate(
            name: "MULTI_ARG", argumentTypes: [.type(.bigint), .type(.string), .type(.int), .type(.string), .type(.string)],
            literalArguments: [nil, nil, .int(5), .string("10"), .string("200")])
        var acc = multi.makeAccumulator()
        #expect(acc.result() == .bigint(5 + 2 + 3))
        acc.add([.bigint(4), .string("abc")])
        acc.add([.null, .null])
        #expect(acc.result() == .bigint(10 + 4 + 3))
        #expect(throws: EddyError.self) {
            _ = try reg.resolveAggregate(name: "MULTI_ARG", argumentTypes: [.type(.bigint), .type(.string)])
        }

        let mid = try reg.resolveAggregate(
            name: "MID_VAR_ARG", argumentTypes: [.type(.bigint), .type(.string), .type(.string), .type(.int), .type(.int)],
            literalArguments: [nil, nil, nil, .int(7), .int(3)])
        var m = mid.makeAccumulator()
        m.add([.bigint(1), .string("ab"), .string("cde")])
        #expect(mid.argumentTypes == [.bigint, .string, .string])
        #expect(m.result() == .bigint(1 + 2 + 3 + 10))

        let generic = try reg.resolveAggregate(
            name: "GENERIC_VAR_ARG", argumentTypes: [.type(.double), .type(.int), .type(.string), .type(.string)])
        #expect(generic.returnType == .array(.double))
        var g = generic.makeAccumulator()
        g.add([.double(1), .int(1), .string("a"), .string("b")])
        g.add([.double(2), .int(1), .null, .string("b")])
        #expect(g.result() == .array([.double(1)]))
        #expect(throws: EddyError.self) {
            _ = try reg.resolveAggregate(name: "GENERIC_VAR_ARG", argumentTypes: [.type(.double), .type(.int), .type(.string), .type(.int)])
        }
    }
}
