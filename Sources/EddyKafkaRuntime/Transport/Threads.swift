import EddyKafka
import Foundation

/// Starts `body` on a new OS thread. Query loops, the statement executor and the dev feed block
/// in librdkafka, so each gets a thread of its own instead of a cooperative-pool thread.
func startThread(name: String, _ body: @escaping @Sendable () -> Void) {
    let thread = Thread {
        // Otherwise the OS thread keeps its creator's name in top and perf.
        setCurrentThreadName(name)
        body()
    }
    thread.name = name
    thread.stackSize = 4 << 20
    thread.start()
}

func sleepMilliseconds(_ ms: Int) {
    usleep(useconds_t(ms * 1000))
}

/// A one-shot latch a thread opens when it ends, for callers that must wait for it.
final class Latch: @unchecked Sendable {
    private let condition = NSCondition()
    private var open = false

    func signal() {
        condition.lock()
        open = true
        condition.broadcast()
        condition.unlock()
    }

    /// Returns false if `timeout` passed first.
    @discardableResult
    func wait(timeout: Double = .infinity) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout.isFinite ? timeout : 1e9)
        while !open {
            if !condition.wait(until: deadline) { return open }
        }
        return true
    }

    var isOpen: Bool {
        condition.lock()
        defer { condition.unlock() }
        return open
    }
}

/// Opens once `count` parties arrived: a query's stream threads each commit before any of them
/// leaves the group, since a member leaving starts a rebalance that fails the others' commits.
final class Barrier: @unchecked Sendable {
    private let condition = NSCondition()
    private var remaining: Int

    init(count: Int) { remaining = count }

    /// Arrives and waits for the others (at most `timeout` seconds).
    func arriveAndWait(timeout: Double) {
        condition.lock()
        defer { condition.unlock() }
        remaining -= 1
        if remaining <= 0 { condition.broadcast(); return }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while remaining > 0 {
            if !condition.wait(until: deadline) { return }
        }
    }
}

/// Runs `body` on a dedicated thread and suspends the calling task until it returns: how async
/// code (tests, the bench) calls the engine, whose topic calls block.
public func onDedicatedThread<T: Sendable>(
    name: String = "eddy-blocking", _ body: @escaping @Sendable () throws -> T
) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        startThread(name: name) { continuation.resume(with: Result { try body() }) }
    }
}
