import EddyCore
import Testing
@testable import EddyFunctions

/// REDUCE over a map visits entries in the order of ksqlDB's `HashMap` (presized for the entry
/// count), not in the document order Eddy keeps, so a non-commutative fold gives ksqlDB's result.
@Suite struct JavaHashMapOrderTests {
    func s(_ text: String) -> Value { .string(text) }

    @Test func hashCodesMatchJava() {
        #expect(JavaHashMapOrder.hashCode(s("hello")) == 99_162_322)
        #expect(JavaHashMapOrder.hashCode(s("abc")) == 96_354)
        #expect(JavaHashMapOrder.hashCode(s("")) == 0)
        #expect(JavaHashMapOrder.hashCode(.int(-7)) == UInt32(bitPattern: -7))
        // Long.hashCode(1L << 32) == 1.
        #expect(JavaHashMapOrder.hashCode(.bigint(1 << 32)) == 1)
        #expect(JavaHashMapOrder.hashCode(.bool(true)) == 1231)
        #expect(JavaHashMapOrder.hashCode(.decimal(SQLDecimal("1.5")!)) == nil)
    }

    @Test func tableSizeFollowsPresizingAndResizes() {
        // Two entries outgrow a table of two (threshold 1).
        #expect(JavaHashMapOrder.tableSize(forEntries: 2) == 4)
        #expect(JavaHashMapOrder.tableSize(forEntries: 3) == 4)
        #expect(JavaHashMapOrder.tableSize(forEntries: 4) == 8)
        #expect(JavaHashMapOrder.tableSize(forEntries: 7) == 16)
        #expect(JavaHashMapOrder.tableSize(forEntries: 12) == 16)
        #expect(JavaHashMapOrder.tableSize(forEntries: 13) == 32)
    }

    @Test func orderIsByBucketThenInsertion() {
        let fruit = ["apple", "kiwi", "fig", "plum"].map(s)
        #expect(JavaHashMapOrder.order(of: fruit) == [3, 0, 1, 2])
        let greek = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"].map(s)
        #expect(JavaHashMapOrder.order(of: greek) == [4, 5, 6, 0, 3, 1, 2])
        #expect(JavaHashMapOrder.order(of: [s("x"), .bytes([1])]) == nil)
    }

    @Test func reduceOverAMapFoldsInJavaOrder() throws {
        let m: Value = .map(MapValue(["apple", "kiwi", "fig", "plum"].map { (s($0), Value.int(1)) }))
        // Appends each key: the result shows the visiting order.
        let append = Lambda(arity: 3) { args in .string((args[0].stringValue ?? "") + "," + (args[1].stringValue ?? "")) }
        let types: [ArgumentType] = [.type(.map(key: .string, value: .int)), .type(.string), .lambda(arity: 3, returnType: .string)]
        #expect(try call("REDUCE", m, s("start"), types: types, lambdas: [append]) == s("start,plum,apple,kiwi,fig"))
    }
}
