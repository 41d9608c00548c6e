#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EddyCore

// Each takes INT, BIGINT or DOUBLE and returns DOUBLE, with java.lang.Math's NaN/Infinity results.

struct Acos: ScalarFunction {
    static let name = "acos", category = FunctionCategory.mathematical
    static let description = "Returns the inverse (arc) cosine of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.acos) }
}
struct Asin: ScalarFunction {
    static let name = "asin", category = FunctionCategory.mathematical
    static let description = "Returns the inverse (arc) sine of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.asin) }
}
struct Atan: ScalarFunction {
    static let name = "atan", category = FunctionCategory.mathematical
    static let description = "Returns the inverse (arc) tangent of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.atan) }
}
struct Atan2: ScalarFunction {
    static let name = "atan2", category = FunctionCategory.mathematical
    static let description = "Returns the inverse (arc) tangent of y / x."
    static var signatures: [Signature] {
        [ParamType.int, .bigint, .double].map { p in
            .strict([p, p], names: ["y", "x"], returns: .double) { a, _ in .double(Glibc.atan2(a[0].doubleValue!, a[1].doubleValue!)) }
        }
    }
}
struct Cos: ScalarFunction {
    static let name = "cos", category = FunctionCategory.mathematical
    static let description = "Returns the cosine of an INT, BIGINT, or DOUBLE value, in radians."
    static var signatures: [Signature] { Signature.double1(Glibc.cos) }
}
struct Cosh: ScalarFunction {
    static let name = "cosh", category = FunctionCategory.mathematical
    static let description = "Returns the hyperbolic cosine of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.cosh) }
}
struct Cot: ScalarFunction {
    static let name = "cot", category = FunctionCategory.mathematical
    static let description = "Returns the cotangent of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1 { 1.0 / Glibc.tan($0) } }
}
struct Sin: ScalarFunction {
    static let name = "sin", category = FunctionCategory.mathematical
    static let description = "Returns the sine of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.sin) }
}
struct Sinh: ScalarFunction {
    static let name = "sinh", category = FunctionCategory.mathematical
    static let description = "Returns the hyperbolic sine of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.sinh) }
}
struct Tan: ScalarFunction {
    static let name = "tan", category = FunctionCategory.mathematical
    static let description = "Returns the tangent of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.tan) }
}
struct Tanh: ScalarFunction {
    static let name = "tanh", category = FunctionCategory.mathematical
    static let description = "Returns the hyperbolic tangent of an INT, BIGINT, or DOUBLE value."
    static var signatures: [Signature] { Signature.double1(Glibc.tanh) }
}
struct Degrees: ScalarFunction {
    static let name = "degrees", category = FunctionCategory.mathematical
    static let description = "Converts a value in radians to a value in degrees."
    static var signatures: [Signature] { Signature.double1 { $0 * 180.0 / Double.pi } }
}
struct Radians: ScalarFunction {
    static let name = "radians", category = FunctionCategory.mathematical
    static let description = "Converts a value in degrees to a value in radians."
    static var signatures: [Signature] { Signature.double1 { $0 / 180.0 * Double.pi } }
}
