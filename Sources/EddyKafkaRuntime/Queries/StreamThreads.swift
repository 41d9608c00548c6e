import EddyKafka
import Foundation
import Synchronization

/// Shares one consumer-group member's partitions among a query's stream threads.
///
/// A query has one member per server, however many stream threads it runs. The first thread
/// (the lead) reads the consumer's own queue, where librdkafka also delivers rebalances; the
/// others read queues of their own, to which the lead routes their partitions at each
/// assignment (`PartitionSpread`: a topic only the lead reads, a repartition topic, stays with
/// it). On a revocation the lead asks every other thread to commit and drop its revoked
/// partitions, and waits for it, before the assignment changes; that thread then waits until
/// the change is applied, so it never reads a message of a partition it gave up.
///
/// One member rather than one per thread: a group with fewer members rebalances less, and
/// librdkafka 2.0.2's mock broker cannot form a group of several members reliably (its
/// SyncGroup race, docs/design/kafka-runtime.md).
final class StreamThreadRouter: @unchecked Sendable {
    /// The topics each thread reads, by thread.
    private let readers: [Set<String>]
    /// Set once before the threads start; rebalances come only from the lead's `consume`.
    private var consumer: KafkaConsumer?
    private var loops: [QueryLoop] = []
    /// How long the lead waits for a thread to release its partitions.
    private let releaseTimeout: Double

    init(readers: [[String]], releaseTimeout: Double = 60) {
        self.readers = readers.map(Set.init)
        self.releaseTimeout = releaseTimeout
    }

    func attach(_ consumer: KafkaConsumer, loops: [QueryLoop]) {
        self.consumer = consumer
        self.loops = loops
    }

    /// Breaks the consumer → hook → router → consumer cycle once the consumer has left.
    func detach() {
        consumer = nil
        loops = []
    }

    /// On the lead's thread, before librdkafka applies the change.
    func rebalanced(_ event: ConsumerEvent) {
        guard let consumer, let lead = loops.first else { return }
        switch event {
        case .assigned(let partitions):
            let shares = PartitionSpread.spread(partitions, over: readers)
            for (loop, share) in zip(loops, shares) { consumer.route(share, to: loop.queue) }
            lead.take(shares[0])
            for (loop, share) in zip(loops.dropFirst(), shares.dropFirst()) { loop.control.post(.take(share)) }
        case .revoked(let partitions), .lost(let partitions):
            let lost = if case .lost = event { true } else { false }
            lead.release(partitions, lost: lost)
            for loop in loops.dropFirst() {
                guard loop.control.post(.release(partitions, lost: lost)) else { continue }
                loop.wakeup()
                if !loop.control.waitForRelease(timeout: releaseTimeout) {
                    loop.logger.warning("stream thread did not release its partitions within \(Int(releaseTimeout)) s")
                }
            }
        default:
            break
        }
    }

    /// On the lead's thread, once the change is applied: threads that released may read again.
    func applied(_ event: ConsumerEvent) {
        switch event {
        case .revoked, .lost:
            for loop in loops.dropFirst() { loop.control.resume() }
        default:
            break
        }
    }
}

/// What the lead asks of another stream thread, and that thread's answers.
final class StreamThreadControl: @unchecked Sendable {
    enum Request {
        /// Partitions routed to the thread's queue: stream times are restored before reading.
        case take([TopicPartition])
        /// Commit (unless lost) and forget these partitions, then wait for `resume`.
        case release([TopicPartition], lost: Bool)
    }

    private let condition = NSCondition()
    private var requests: [Request] = []
    private var released = false
    private var resumed = false
    private var closed = false
    /// Read by the thread after every fill without taking the lock.
    private let hasRequests = Atomic<Bool>(false)

    var pending: Bool { hasRequests.load(ordering: .acquiring) }

    /// Queues a request; false if the thread has stopped (it holds nothing then).
    @discardableResult
    func post(_ request: Request) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        if case .release = request {
            released = false
            resumed = false
        }
        requests.append(request)
        hasRequests.store(true, ordering: .releasing)
        return true
    }

    /// The thread's side: takes the queued requests.
    func take() -> [Request] {
        condition.lock()
        defer { condition.unlock() }
        let taken = requests
        requests.removeAll()
        hasRequests.store(false, ordering: .releasing)
        return taken
    }

    /// The thread committed and forgot what it was asked to release.
    func acknowledgeRelease() {
        broadcast { released = true }
    }

    /// The lead's side: false if `timeout` passed first.
    func waitForRelease(timeout: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !released && !closed {
            if !condition.wait(until: deadline) { return released || closed }
        }
        return true
    }

    func resume() {
        broadcast { resumed = true }
    }

    /// The thread's side after a release: waits for `resume`, checking `stop` every 100 ms.
    func waitForResume(until stop: () -> Bool) {
        condition.lock()
        defer { condition.unlock() }
        while !resumed && !closed {
            condition.unlock()
            let stopping = stop()
            condition.lock()
            if stopping { return }
            _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
        }
    }

    /// The thread has stopped: later requests are refused and a waiting lead is released.
    func close() {
        broadcast {
            closed = true
            requests.removeAll()
            hasRequests.store(false, ordering: .releasing)
        }
    }

    /// Changes the shared state under the lock and wakes every waiter.
    private func broadcast(_ change: () -> Void) {
        condition.lock()
        change()
        condition.broadcast()
        condition.unlock()
    }
}
