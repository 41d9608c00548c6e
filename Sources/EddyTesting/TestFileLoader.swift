import EddyCore
import EddyFormats
import Foundation

/// Reads QTT JSON files (`{"tests": [...]}`) into runnable cases, expanding `format` lists.
public enum TestFileLoader {
    /// The ksqlDB dialect version Eddy implements, for `versions` bounds.
    public static let dialectVersion = [7, 9, 0]

    public static func load(path: String) throws -> [ConformanceCase] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let root = try JSONValue.parse(JSONComments.strip([UInt8](data)))
        let file = (path as NSString).lastPathComponent
        guard let tests = root["tests"]?.arrayValue else {
            throw EddyError(.execution, "\(file): no \"tests\" array")
        }
        var cases: [ConformanceCase] = []
        for test in tests {
            let name = test["name"]?.stringValue ?? "unnamed"
            let formats = test["format"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if formats.isEmpty {
                cases.append(makeCase(test, file: file, name: name, format: nil))
            } else {
                for f in formats { cases.append(makeCase(test, file: file, name: "\(name) - \(f)", format: f)) }
            }
        }
        return cases
    }

    static func makeCase(_ test: JSONValue, file: String, name: String, format: String?) -> ConformanceCase {
        func sub(_ s: String) -> String { format.map { s.replacingOccurrences(of: "{FORMAT}", with: $0) } ?? s }
        let statements = (test["statements"]?.arrayValue ?? []).compactMap(\.stringValue).map(sub)
        var properties: [String: String] = [:]
        for (k, v) in test["properties"]?.objectValue ?? JSONObject() {
            properties[k] = v.stringValue ?? v.jsonText
        }
        let topics: [ConformanceCase.TopicSpec] = (test["topics"]?.arrayValue ?? []).map { t in
            var spec = ConformanceCase.TopicSpec(name: t["name"]?.stringValue ?? "",
                                      partitions: Int(t["partitions"]?.numberValue?.int64 ?? 1),
                                      keyFormat: t["keyFormat"]?.stringValue.map(sub),
                                      valueFormat: t["valueFormat"]?.stringValue.map(sub),
                                      keySchema: t["keySchema"], valueSchema: t["valueSchema"],
                                      keySchemaId: t["keySchemaId"]?.numberValue?.int64.map { Int($0) },
                                      valueSchemaId: t["valueSchemaId"]?.numberValue?.int64.map { Int($0) })
            spec.raw = t
            return spec
        }
        var c = ConformanceCase(file: file, name: name, statements: statements, properties: properties, topics: topics,
                                inputs: records(test["inputs"]), outputs: records(test["outputs"]),
                                expectedError: nil, postSources: [], skipReason: nil)
        if let e = test["expectedException"] {
            c.expectedError = .init(type: e["type"]?.stringValue ?? "", message: e["message"]?.stringValue)
        }
        if let sources = test["post"]?["sources"]?.arrayValue {
            c.postSources = sources.map { s in
                .init(name: s["name"]?.stringValue ?? "", type: s["type"]?.stringValue, schema: s["schema"]?.stringValue,
                      keyFormat: s["keyFormat"], valueFormat: s["valueFormat"]?.stringValue,
                      isWindowed: s["keyFormat"]?["windowType"].map { !$0.isNull })
            }
        }
        c.responses = test["responses"]?.arrayValue ?? []
        c.isRest = test["responses"] != nil || test["expectedError"] != nil
        if let e = test["expectedError"] {
            c.expectedError = .init(type: e["type"]?.stringValue ?? "", message: e["message"]?.stringValue)
        }
        for t in test["post"]?["topics"]?["topics"]?.arrayValue ?? [] {
            guard let name = t["name"]?.stringValue else { continue }
            c.postTopicSchemas.append(.init(topic: name, keySchema: t["keySchema"], valueSchema: t["valueSchema"]))
        }
        if test["enabled"]?.boolValue == false { c.skipReason = "disabled" }
        if let v = test["versions"] {
            if let min = v["min"]?.stringValue, compare(parse(min), dialectVersion) > 0 { c.skipReason = "requires \(min)" }
            if let max = v["max"]?.stringValue, compare(parse(max), dialectVersion) < 0 { c.skipReason = "only up to \(max)" }
        }
        return c
    }

    static func records(_ value: JSONValue?) -> [ConformanceCase.RecordSpec] {
        (value?.arrayValue ?? []).map { r in
            var headers: [(String, [UInt8]?)]?
            if let hs = r["headers"]?.arrayValue {
                headers = hs.map { h in
                    (h["KEY"]?.stringValue ?? h["key"]?.stringValue ?? "",
                     (h["VALUE"] ?? h["value"])?.stringValue.flatMap { Data(base64Encoded: $0).map { [UInt8]($0) } })
                }
            }
            var window: ConformanceCase.WindowSpec?
            if let w = r["window"], !w.isNull {
                window = .init(start: w["start"]?.numberValue?.int64 ?? 0, end: w["end"]?.numberValue?.int64 ?? 0,
                               type: w["type"]?.stringValue ?? "time")
            }
            return ConformanceCase.RecordSpec(topic: r["topic"]?.stringValue ?? "", key: r["key"],
                                              value: r["value"] ?? .null,
                                              timestamp: r["timestamp"]?.numberValue?.int64,
                                              partition: r["partition"]?.numberValue?.int64.map { Int32(truncatingIfNeeded: $0) },
                                              headers: headers, window: window)
        }
    }

    static func parse(_ v: String) -> [Int] { v.split(separator: ".").map { Int($0.prefix { $0.isNumber }) ?? 0 } }

    static func compare(_ a: [Int], _ b: [Int]) -> Int {
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}
