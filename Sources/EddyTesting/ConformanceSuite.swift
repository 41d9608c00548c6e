import EddyCore
import Foundation

/// Runs QTT files or directories and reports per case, per file and in total.
public struct ConformanceSuite {
    public var runner = CaseRunner()
    public var filter: String?

    public init(filter: String? = nil) { self.filter = filter }

    /// Every `.json` file under the given paths, sorted.
    public static func files(in paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                let items = (try? fm.contentsOfDirectory(atPath: p)) ?? []
                out += items.filter { $0.hasSuffix(".json") }.sorted().map { (p as NSString).appendingPathComponent($0) }
            } else {
                out.append(p)
            }
        }
        return out
    }

    public func run(paths: [String], onCase: (CaseOutcome) -> Void) -> [CaseOutcome] {
        var all: [CaseOutcome] = []
        for file in Self.files(in: paths) {
            let cases: [ConformanceCase]
            do { cases = try TestFileLoader.load(path: file) } catch {
                let o = CaseOutcome(file: (file as NSString).lastPathComponent, name: "(load)", status: .fail, message: "\(error)")
                all.append(o)
                onCase(o)
                continue
            }
            for c in cases where filter.map({ c.name.contains($0) || c.file.contains($0) }) ?? true {
                let o = runner.run(c)
                all.append(o)
                onCase(o)
            }
        }
        return all
    }

    /// The JSON report: an array of {"file","test","status","message"}.
    public static func report(_ outcomes: [CaseOutcome]) throws -> Data {
        let rows = outcomes.map { ["file": $0.file, "test": $0.name, "status": $0.status.rawValue, "message": $0.message] }
        return try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
    }

    /// Pass rate per file, as `make conformance` prints it.
    public static func perFileSummary(_ outcomes: [CaseOutcome]) -> String {
        var order: [String] = []
        var counts: [String: (pass: Int, fail: Int, skip: Int)] = [:]
        for o in outcomes {
            if counts[o.file] == nil { order.append(o.file); counts[o.file] = (0, 0, 0) }
            switch o.status {
            case .pass: counts[o.file]!.pass += 1
            case .fail: counts[o.file]!.fail += 1
            case .skip: counts[o.file]!.skip += 1
            }
        }
        return order.map { f in
            let c = counts[f]!
            let run = c.pass + c.fail
            let pct = run == 0 ? 0 : Double(c.pass) * 100 / Double(run)
            return "\(f): \(c.pass)/\(run) (\(String(format: "%.0f", pct))%)" + (c.skip > 0 ? ", \(c.skip) skipped" : "")
        }.joined(separator: "\n")
    }
}
