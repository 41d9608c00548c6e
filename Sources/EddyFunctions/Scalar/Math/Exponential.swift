#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EddyCore

struct Exp: ScalarFunction {
    static let name = "exp", category = FunctionCategory.mathematical
    static let description = "The exponential of a value."
    static var signatures: [Signature] { Signature.double1(Glibc.exp) }
}
struct Ln: ScalarFunction {
    static let name = "ln", category = FunctionCategory.mathematical
    static let description = "The natural logarithm of a value."
    static var signatures: [Signature] { Signature.double1(Glibc.log) }
}
struct Sqrt: ScalarFunction {
    static let name = "sqrt", category = FunctionCategory.mathematical
    static let description = "The square root of a value."
    static var signatures: [Signature] { Signature.double1(Glibc.sqrt) }
}
struct Cbrt: ScalarFunction {
    static let name = "cbrt", category = FunctionCategory.mathematical
    static let description = "Returns the cube root of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.cbrt) }
}
struct Log: ScalarFunction {
    static let name = "log", category = FunctionCategory.mathematical
    static let description = "Returns the logarithm of a value: the natural logarithm with one argument, or the logarithm in the given base with two."
    static var signatures: [Signature] {
        Signature.double1(Glibc.log) + [ParamType.int, .bigint, .double].map { p in
            .strict([p, p], names: ["base", "value"], returns: .double) { a, _ in
                let base = a[0].doubleValue!, value = a[1].doubleValue!
                // Bases that make the logarithm undefined give NaN, as in ksqlDB.
                if base <= 0 || base == 1 || value < 0 { return .double(.nan) }
                return .double(Glibc.log(value) / Glibc.log(base))
            }
        }
    }
}
struct Power: ScalarFunction {
    static let name = "power", category = FunctionCategory.mathematical
    static let description = "Returns the value raised to the power of the exponent."
    static var signatures: [Signature] {
        [ParamType.int, .bigint, .double].map { p in
            .strict([p, p], names: ["base", "exponent"], returns: .double) { a, _ in .double(Glibc.pow(a[0].doubleValue!, a[1].doubleValue!)) }
        }
    }
}
struct Pi: ScalarFunction {
    static let name = "pi", category = FunctionCategory.mathematical
    static let description = "Returns an approximate value of pi."
    static var signatures: [Signature] { [Signature([], returns: .double) { _ in .double(Double.pi) }] }
}
struct RandomFunction: ScalarFunction {
    static let name = "random", category = FunctionCategory.mathematical
    static let description = "Returns a random number between 0.0 (inclusive) and 1.0 (exclusive)."
    static var signatures: [Signature] { [Signature([], returns: .double) { _ in .double(Double.random(in: 0..<1)) }] }
}
