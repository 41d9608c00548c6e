#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CRdKafka

/// A dedicated OS thread that runs librdkafka's blocking calls (poll, flush, consume, commit)
/// so they never occupy a thread of Swift's cooperative pool.
///
/// Jobs run one at a time in submission order. With an `idle` action (e.g. `rd_kafka_poll`
/// with a short timeout) the thread runs it whenever no job is queued, and `wake` must make
/// that action return early (e.g. `rd_kafka_yield`) so new jobs are not delayed.
final class KafkaThread: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    private let lock = ConditionLock()
    private var jobs: [Job] = []
    private var stopping = false
    private let idle: Job?
    private let wake: Job?
    private var thread: pthread_t?
    let name: String

    init(name: String, idle: Job? = nil, wake: Job? = nil) {
        self.name = name
        self.idle = idle
        self.wake = wake
        let box = Unmanaged.passRetained(self).toOpaque()
        var tid = pthread_t()
        let rc = pthread_create(&tid, nil, kafkaThreadMain, box)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        thread = tid
    }

    /// Queues a job. Jobs submitted after `stop()` are dropped.
    func submit(_ job: @escaping Job) {
        enqueue(job, andStop: false)
    }

    /// Queues a last job, then lets the thread end without waiting for it. Owners call this from
    /// `deinit` with a job that holds the native handles, so they are destroyed on this thread
    /// (after any running poll returns) and `deinit` itself never blocks.
    func retire(_ job: @escaping Job) {
        enqueue(job, andStop: true)
    }

    private func enqueue(_ job: @escaping Job, andStop: Bool) {
        lock.withLock {
            guard !stopping else { return }
            jobs.append(job)
            stopping = andStop
            lock.broadcast()
            // Under the lock, so the handle `wake` touches cannot be destroyed by a job yet.
            wake?()
        }
    }

    /// Runs `body` on this thread and suspends the calling task until it finishes.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
            let accepted = lock.withLock { () -> Bool in
                guard !stopping else { return false }
                jobs.append { continuation.resume(with: Result { try body() }) }
                lock.broadcast()
                wake?()
                return true
            }
            if !accepted {
                continuation.resume(throwing: KafkaError(code: .state, message: "\(name) is shut down"))
            }
        }
    }

    /// Finishes queued jobs, then ends the thread and waits for it. Safe to call twice.
    func stop() {
        let alreadyStopping = lock.withLock { () -> Bool in
            defer { stopping = true; lock.broadcast() }
            if !stopping { wake?() }
            return stopping
        }
        guard !alreadyStopping, let thread, !pthread_equal(thread, pthread_self()).isTrue else { return }
        pthread_join(thread, nil)
    }

    fileprivate func main() {
        setThreadName(name)
        while true {
            let batch: [Job]? = lock.withLock {
                while jobs.isEmpty && !stopping && idle == nil { lock.wait() }
                if jobs.isEmpty && stopping { return nil }
                defer { jobs.removeAll(keepingCapacity: true) }
                return jobs
            }
            guard let batch else { break }
            for job in batch { job() }
            if batch.isEmpty { idle?() }
        }
    }
}

private extension Int32 {
    var isTrue: Bool { self != 0 }
}

private func setThreadName(_ name: String) {
    eddy_set_thread_name(name)
}

/// A named function rather than a closure literal: a closure passed to pthread_create crashed here.
private func kafkaThreadMain(_ argument: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
    let thread = Unmanaged<KafkaThread>.fromOpaque(argument!).takeRetainedValue()
    thread.main()
    return nil
}

/// Names the calling OS thread (15 bytes on Linux), so top and perf show what each thread is.
/// For threads created outside EddyKafka; Foundation's `Thread.name` does not reach the OS here.
public func setCurrentThreadName(_ name: String) {
    eddy_set_thread_name(name)
}
