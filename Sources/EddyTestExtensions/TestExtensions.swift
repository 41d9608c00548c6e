import EddyFunctions

/// Functions that ksqlDB defines only in its test sources (`ksqldb-engine/src/test/.../function`) and
/// that its conformance files call: TEST_UDF, TEST_UDTF, TEST_UDAF, WHENCONDITION, MULTI_ARG, ...
///
/// `eddy test` runs with this registry so those files can pass. A user's engine never sees these
/// functions: only the conformance runner depends on this module.
public enum TestExtensions {
    public static let registry: FunctionRegistry = FunctionRegistry.builtin.adding(
        scalars: [TestUdf.definition, WhenCondition.definition, WhenResult.definition, BadUdf.definition],
        aggregates: TestAggregates.all,
        tableFunctions: [TestUdtf.definition])
}

/// The failure a test function raises on purpose; the evaluator logs it and yields NULL.
struct TestFunctionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
