import EddyKafka
import Logging
import Synchronization

/// Warns when a topic on the embedded mock broker nears its hard-coded retention (about 5 MiB
/// or 100,000 message sets per partition, after which the oldest data vanishes silently), so
/// nobody mistakes dev mode for durable storage. Checks watermarks every `interval`.
public final class RetentionWatch: Sendable {
    /// The mock counts message sets, which watermarks cannot show; records are an upper bound,
    /// so warning at 80,000 records is early rather than late.
    public static let warningRecords: Int64 = 80_000

    private let admin: KafkaAdmin
    private let logger: Logger
    private let stopping = Atomic<Bool>(false)
    private let warned = Mutex<Set<String>>([])

    private let warningRecords: Int64

    public init(admin: KafkaAdmin, logger: Logger, warningRecords: Int64 = RetentionWatch.warningRecords) {
        self.admin = admin
        self.logger = logger
        self.warningRecords = warningRecords
    }

    public func start(interval: Duration = .seconds(10)) {
        let ms = Int(interval.components.seconds * 1000)
        startThread(name: "eddy-retention") { [self] in
            while !stopping.load(ordering: .relaxed) {
                check()
                var slept = 0
                while slept < ms && !stopping.load(ordering: .relaxed) {
                    sleepMilliseconds(200)
                    slept += 200
                }
            }
        }
    }

    public func stop() { stopping.store(true, ordering: .relaxed) }

    /// One pass over every topic; returns the warnings it logged (for tests).
    @discardableResult
    public func check() -> [String] {
        guard let topics = try? admin.listTopicsBlocking() else { return [] }
        var messages: [String] = []
        for topic in topics where topic.error == nil && !topic.name.hasPrefix("__") {
            for partition in topic.partitions {
                guard let marks = try? admin.watermarksBlocking(topic.name, partition: partition.id) else { continue }
                let place = "\(topic.name)-\(partition.id)"
                if marks.low > 0 {
                    messages += warnOnce("dropped:\(place)",
                        "dev mode: the embedded broker dropped the oldest \(marks.low) records of \(place) (it keeps about 5 MiB or 100,000 message sets per partition); it is not durable storage")
                } else if marks.count >= warningRecords {
                    messages += warnOnce("near:\(place)",
                        "dev mode: \(place) holds \(marks.count) records and nears the embedded broker's retention (about 5 MiB or 100,000 message sets per partition); older records will be dropped")
                }
            }
        }
        return messages
    }

    private func warnOnce(_ id: String, _ message: String) -> [String] {
        guard warned.withLock({ $0.insert(id).inserted }) else { return [] }
        logger.warning("\(message)")
        return [message]
    }
}
