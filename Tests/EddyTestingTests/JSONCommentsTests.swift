import Foundation
import Testing
@testable import EddyTesting

@Suite struct JSONCommentsTests {
    private func stripped(_ s: String) -> String { String(decoding: JSONComments.strip(Array(s.utf8)), as: UTF8.self) }

    @Test func lineAndBlockCommentsBecomeSpaces() {
        let text = "{\"a\": 1, // trailing note\n /* block\n more */ \"b\": 2}"
        let out = stripped(text)
        #expect(!out.contains("note") && !out.contains("block") && !out.contains("more"))
        #expect(out.filter { $0 == "\n" }.count == 2)
        #expect(out.utf8.count == text.utf8.count)
    }

    @Test func slashesInsideStringsAreKept() {
        let text = #"{"url": "http://x/*y*/", "q": "say \"//\" twice"}"#
        #expect(stripped(text) == text)
    }

    @Test func loaderReadsACommentedFile() throws {
        let path = NSTemporaryDirectory() + "eddy-commented-\(getpid()).json"
        let body = """
        {
          // the only case
          "tests": [ /* one */ {"name": "c1", "statements": ["SELECT 1;"]} ]
        }
        """
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cases = try TestFileLoader.load(path: path)
        #expect(cases.map(\.name) == ["c1"])
    }
}
