import Foundation

/// ksqlDB runs a lambda body as generated Java, where arithmetic on a NULL throws: the exception
/// escapes the lambda, and the enclosing function call yields NULL (with a processing-log entry).
/// Compiled closures return values rather than throw, so a per-thread flag carries that failure
/// from the arithmetic to the lambda's caller, which turns it into an error.
enum LambdaFailure {
    private static let key: pthread_key_t = {
        var k = pthread_key_t()
        pthread_key_create(&k, nil)
        return k
    }()

    static func raise() { pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1)) }

    /// Whether a failure was raised since the last call; clears it.
    static func take() -> Bool {
        guard pthread_getspecific(key) != nil else { return false }
        pthread_setspecific(key, nil)
        return true
    }
}

struct LambdaEvaluationError: Error, CustomStringConvertible {
    var description: String { "Null value in lambda arithmetic (java.lang.NullPointerException)" }
}
