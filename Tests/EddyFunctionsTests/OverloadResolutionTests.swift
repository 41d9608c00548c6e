import EddyCore
import Testing
@testable import EddyFunctions

@Suite struct OverloadResolutionTests {
    let registry = FunctionRegistry.builtin

    @Test func unknownFunction() {
        #expect(throws: EddyError.self) { try registry.resolveScalar(name: "WONT_FIND_ME", argumentTypes: []) }
        do { _ = try registry.resolveScalar(name: "WONT_FIND_ME", argumentTypes: []) } catch let e as EddyError {
            #expect(e.message == "Can't find any functions with the name 'WONT_FIND_ME'")
        } catch {}
    }

    @Test func namesAreCaseInsensitive() throws {
        let r = try registry.resolveScalar(name: "aBs", argumentTypes: [.type(.int)])
        #expect(r.returnType == .int)
    }

    @Test func exactMatchWins() throws {
        #expect(try registry.resolveScalar(name: "ABS", argumentTypes: [.type(.bigint)]).returnType == .bigint)
        #expect(try registry.resolveScalar(name: "ABS", argumentTypes: [.type(.decimal(precision: 4, scale: 2))]).returnType
                == .decimal(precision: 4, scale: 2))
    }

    @Test func noMatchMessage() {
        do {
            _ = try registry.resolveScalar(name: "least", argumentTypes: [.type(.string), .type(.int)])
            Issue.record("expected failure")
        } catch let e as EddyError {
            #expect(e.message.hasPrefix("Function 'least' does not accept parameters (STRING, INTEGER).\nValid alternatives are:"))
        } catch { Issue.record("\(error)") }
        do {
            _ = try registry.resolveScalar(name: "least", argumentTypes: [])
            Issue.record("expected failure")
        } catch let e as EddyError {
            #expect(e.message.hasPrefix("Function 'least' does not accept parameters ()."))
        } catch { Issue.record("\(error)") }
    }

    @Test func ambiguousImplicitCasts() {
        for args: [ArgumentType] in [[.type(.int), .type(.bigint)], [.null, .null, .null, .null],
                                     [.type(.int), .type(.bigint), .type(.decimal(precision: 50, scale: 30))]] {
            do {
                _ = try registry.resolveScalar(name: "greatest", argumentTypes: args)
                Issue.record("expected ambiguity for \(args)")
            } catch let e as EddyError {
                #expect(e.message.contains("Function 'greatest' cannot be resolved due to ambiguous method parameters"))
            } catch { Issue.record("\(error)") }
        }
    }

    @Test func implicitWideningToDouble() throws {
        let r = try registry.resolveScalar(name: "power", argumentTypes: [.type(.int), .type(.double)])
        #expect(r.argumentTypes == [.double, .double])
        #expect(r.returnType == .double)
    }

    @Test func nullLiteralMatchesAndGenericsBind() throws {
        let r = try registry.resolveScalar(name: "COALESCE", argumentTypes: [.null, .type(.string), .type(.string)])
        #expect(r.returnType == .string)
        #expect(try call("COALESCE", .null, .null, str("a"), types: [.null, .null, .type(.string)]) == str("a"))
        #expect(throws: EddyError.self) {
            try registry.resolveScalar(name: "COALESCE", argumentTypes: [.type(.string), .type(.int)])
        }
    }
}

/// EXPLODE keeps ksqlDB's declared name and its DECIMAL overload, which show in a rejection.
@Suite struct ExplodeOverloadTests {
    let registry = FunctionRegistry.builtin

    @Test func decimalArrayKeepsItsPrecision() throws {
        let t = try registry.resolveTableFunction(name: "EXPLODE", argumentTypes: [.type(.array(.decimal(precision: 20, scale: 10)))])
        #expect(t.returnType == .decimal(precision: 20, scale: 10))
        #expect(try registry.resolveTableFunction(name: "EXPLODE", argumentTypes: [.type(.array(.string))]).returnType == .string)
    }

    @Test func rejectionListsBothOverloadsInLowerCase() {
        do {
            _ = try registry.resolveTableFunction(name: "EXPLODE", argumentTypes: [.type(.map(key: .string, value: .int))])
            Issue.record("expected failure")
        } catch {
            #expect(error.eddyMessage.hasPrefix("Function 'explode' does not accept parameters (MAP<STRING, INTEGER>).\nValid alternatives are:\nexplode(ARRAY<DECIMAL> input)\nexplode(ARRAY<T> list)"))
        }
    }
}
