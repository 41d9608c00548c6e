#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// CPU time per thread name during a benchmark phase, from Linux's `/proc/self/task/*/schedstat`
/// (nanoseconds on CPU). The process total says how much a phase costs; this says who pays:
/// the query thread, librdkafka's broker threads (fetching, compressing), the mock broker.
///
/// Threads come and go within a phase (each query has its own clients), so a sampler thread
/// reads every thread's counter every 20 ms and keeps the last value seen; a thread that ends
/// loses at most its last 20 ms. Names are aggregated with trailing digits dropped
/// (`rdk:broker1`, `rdk:broker2` → `rdk:broker`). On other systems the breakdown is empty.
final class ThreadCPUSampler: Sendable {
    private struct Sample { var name: String; var nanos: UInt64 }
    private let base: [Int32: UInt64]
    private let latest = Mutex<[Int32: Sample]>([:])
    private let stopping = Atomic<Bool>(false)
    private let done = Atomic<Bool>(false)

    init() {
        var base: [Int32: UInt64] = [:]
        for (tid, sample) in Self.readAll() { base[tid] = sample.nanos }
        self.base = base
        startThread(name: "eddy-bench-cpu") { [self] in
            while !stopping.load(ordering: .relaxed) {
                let now = Self.readAll()
                latest.withLock { seen in for (tid, sample) in now { seen[tid] = sample } }
                sleepMilliseconds(20)
            }
            done.store(true, ordering: .relaxed)
        }
    }

    /// Stops sampling; CPU seconds per thread name since `init`, largest first (the sampler's
    /// own thread left out).
    func finish() -> [(name: String, seconds: Double)] {
        let last = Self.readAll()
        latest.withLock { seen in for (tid, sample) in last { seen[tid] = sample } }
        stopping.store(true, ordering: .relaxed)
        while !done.load(ordering: .relaxed) { sleepMilliseconds(5) }
        var byName: [String: UInt64] = [:]
        for (tid, sample) in latest.withLock({ $0 }) where sample.name != "eddy-bench-cpu" {
            let spent = sample.nanos &- (base[tid] ?? 0)
            byName[Self.family(sample.name), default: 0] += spent
        }
        return byName.map { ($0.key, Double($0.value) / 1e9) }.sorted { $0.seconds > $1.seconds }
    }

    static func family(_ name: String) -> String {
        var s = Substring(name)
        while let last = s.last, last.isNumber { s = s.dropLast() }
        return s.isEmpty ? name : String(s)
    }

    private static func readAll() -> [Int32: Sample] {
        #if canImport(Glibc)
        guard let dir = opendir("/proc/self/task") else { return [:] }
        defer { closedir(dir) }
        var samples: [Int32: Sample] = [:]
        while let entry = readdir(dir) {
            let tidText = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let tid = Int32(tidText) else { continue }
            guard let stat = readSmallFile("/proc/self/task/\(tidText)/schedstat"),
                  let nanos = UInt64(stat.prefix { $0 != " " }),
                  let comm = readSmallFile("/proc/self/task/\(tidText)/comm") else { continue }
            samples[tid] = Sample(name: String(comm.prefix { $0 != "\n" }), nanos: nanos)
        }
        return samples
        #else
        return [:]
        #endif
    }

    private static func readSmallFile(_ path: String) -> String? {
        #if canImport(Glibc)
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 128) }
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n], as: UTF8.self)
        #else
        return nil
        #endif
    }
}
