import EddyCore
import EddyFormats
import EddySQL
import Foundation

/// The `ksql-test-runner` format: a statements file, an input file (`{"inputs": [...]}`) and an
/// output file (`{"outputs": [...]}`), with records shaped as in QTT files.
public enum TripleLoader {
    public static func isTriple(directory: String) -> Bool {
        let fm = FileManager.default
        return ["statements.sql", "input.json", "output.json"].allSatisfy {
            fm.fileExists(atPath: (directory as NSString).appendingPathComponent($0))
        }
    }

    public static func load(directory: String) throws -> ConformanceCase {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        return try load(statements: path("statements.sql"), input: path("input.json"), output: path("output.json"),
                        name: (directory as NSString).lastPathComponent)
    }

    public static func load(statements: String, input: String, output: String, name: String) throws -> ConformanceCase {
        let sql = try String(contentsOfFile: statements, encoding: .utf8)
        let inputs = try JSONValue.parse(JSONComments.strip([UInt8](Data(contentsOf: URL(fileURLWithPath: input)))))
        let outputs = try JSONValue.parse(JSONComments.strip([UInt8](Data(contentsOf: URL(fileURLWithPath: output)))))
        // Each statement keeps its leading blank lines so error positions match the file.
        let texts = SQLParser.split(sql).map { String(repeating: "\n", count: $0.location.line - 1) + $0.text }
        return ConformanceCase(file: name, name: name, statements: texts, properties: [:], topics: [],
                               inputs: TestFileLoader.records(inputs["inputs"]),
                               outputs: TestFileLoader.records(outputs["outputs"]),
                               expectedError: nil, postSources: [], skipReason: nil)
    }
}
