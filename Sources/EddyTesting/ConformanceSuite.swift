import EddyCore
import Foundation

/// Runs QTT files or directories and reports per case, per file and in total.
public struct ConformanceSuite {
    public var runner = CaseRunner()
    public var filter: String?

    public init(filter: String? = nil) { self.filter = filter }

    /// The test files under the given paths, sorted: QTT `.json` files, `--@test` `.sql` files,
    /// and directories holding a `ksql-test-runner` triple (`statements.sql`, `input.json`,
    /// `output.json`), which count as one file each. Directories are searched recursively.
    public static func files(in paths: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for p in paths {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else { continue }
            guard isDir.boolValue else { out.append(p); continue }
            if TripleLoader.isTriple(directory: p) { out.append(p); continue }
            let items = ((try? fm.contentsOfDirectory(atPath: p)) ?? []).sorted()
            for item in items {
                let path = (p as NSString).appendingPathComponent(item)
                var sub: ObjCBool = false
                _ = fm.fileExists(atPath: path, isDirectory: &sub)
                if sub.boolValue { out += files(in: [path]) }
                else if item.hasSuffix(".json") || item.hasSuffix(".sql") { out.append(path) }
            }
        }
        return out
    }

    /// Loads the cases of one path returned by `files(in:)`.
    public static func load(_ path: String) throws -> [ConformanceCase] {
        var isDir: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
        if isDir.boolValue { return [try TripleLoader.load(directory: path)] }
        if path.hasSuffix(".sql") { return try SqlTestLoader.load(path: path) }
        return try TestFileLoader.load(path: path)
    }

    public func run(paths: [String], onCase: (CaseOutcome) -> Void) -> [CaseOutcome] {
        var all: [CaseOutcome] = []
        for file in Self.files(in: paths) {
            let cases: [ConformanceCase]
            do { cases = try Self.load(file) } catch {
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
