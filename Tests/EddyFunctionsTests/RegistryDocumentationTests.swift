import EddyCore
import Foundation
import Testing
@testable import EddyFunctions

@Suite struct RegistryDocumentationTests {
    let reg = FunctionRegistry.builtin

    @Test func everyFunctionDescribesItself() throws {
        let all = reg.allFunctions
        #expect(all.count > 120)
        for f in all {
            #expect(!f.description.isEmpty, "\(f.name) has no description")
            #expect(!f.variations.isEmpty, "\(f.name) has no signatures")
            #expect(try reg.describe(f.name.lowercased()).name == f.name)
        }
    }

    @Test func markdownListsEveryFunction() {
        let md = reg.markdownDocumentation()
        for f in reg.allFunctions { #expect(md.contains("### \(f.name)\n"), "\(f.name) missing from docs") }
    }

    /// docs/functions.md, when checked in, must match the registry (regenerate with `eddy docs functions`).
    @Test func checkedInDocsAreFresh() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/functions.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text == reg.markdownDocumentation(),
                "docs/functions.md is stale: run `eddy docs functions --output docs/functions.md`")
    }

    @Test func everyDocumentedKsqlFunctionIsRegistered() {
        let names = ["LPAD", "RPAD", "SUBSTRING", "REGEXP_EXTRACT", "SPLIT", "SPLIT_TO_MAP", "MASK", "INITCAP", "INSTR",
                     "LEN", "CONCAT", "CONCAT_WS", "ELT", "FIELD", "ENCODE", "UUID", "TRIM", "ABS", "ROUND", "FLOOR",
                     "CEIL", "EXP", "LN", "LOG", "SQRT", "POWER", "SIGN", "RANDOM", "GREATEST", "LEAST",
                     "FORMAT_TIMESTAMP", "PARSE_TIMESTAMP", "DATEADD", "DATESUB", "TIMESTAMPADD", "TIMESTAMPSUB",
                     "UNIX_DATE", "UNIX_TIMESTAMP", "CONVERT_TZ", "FROM_UNIXTIME", "FROM_DAYS", "EXTRACTJSONFIELD",
                     "JSON_ARRAY_CONTAINS", "IS_JSON_STRING", "JSON_KEYS", "JSON_RECORDS", "JSON_ITEMS", "JSON_CONCAT",
                     "TO_JSON_STRING", "AS_MAP", "SLICE", "ENTRIES", "GENERATE_SERIES", "ARRAY_CONTAINS", "ARRAY_JOIN",
                     "ARRAY_SORT", "AS_VALUE", "TO_BYTES", "FROM_BYTES", "IFNULL", "COALESCE", "NULLIF", "GEO_DISTANCE",
                     "CHR", "TRANSFORM", "FILTER", "REDUCE"]
        for n in names { #expect(reg.scalar(named: n) != nil, "\(n) missing") }
        for n in ["COUNT", "COUNT_DISTINCT", "SUM", "AVG", "MIN", "MAX", "TOPK", "TOPKDISTINCT", "HISTOGRAM",
                  "COLLECT_LIST", "COLLECT_SET", "EARLIEST_BY_OFFSET", "LATEST_BY_OFFSET", "STDDEV_SAMP",
                  "STDDEV_POP", "CORRELATION", "ATTR"] {
            #expect(reg.isAggregate(n), "\(n) missing")
        }
    }
}
