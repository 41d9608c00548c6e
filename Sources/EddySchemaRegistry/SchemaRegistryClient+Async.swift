import Foundation

extension SchemaRegistryClient {
    /// Runs a (possibly blocking) registry call on a dedicated thread, so async callers never block
    /// the cooperative pool while an HTTP request is in flight.
    public func onRegistryThread<T: Sendable>(_ body: @escaping @Sendable (Self) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { [self] in
                continuation.resume(with: Result { try body(self) })
            }
            thread.name = "eddy-schema-registry"
            thread.start()
        }
    }
}
