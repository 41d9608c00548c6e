import EddyCore
import Testing
@testable import EddyFormats

@Suite struct ValidationTests {
    let registry = FormatRegistry.builtIn

    func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let e as EddyError { return e.message } catch { return "\(error)" }
        return nil
    }

    @Test func unknownFormat() {
        #expect(message { _ = try registry.format(named: "foo") } == "Unknown format: FOO")
        #expect(registry.names == ["DELIMITED", "JSON", "KAFKA", "NONE"])
        #expect((try? registry.format(named: "json"))?.name == "JSON")
    }

    @Test func kafkaRejectsComplexTypesAndMultipleColumns() {
        let kafka = KafkaFormat()
        #expect(message { try kafka.validate(columns: [Column("FOO", .array(.int))], isKey: false) }
            == "The 'KAFKA' format does not support type 'ARRAY'")
        #expect(message { try kafka.validate(columns: [Column("K", .boolean, .key)], isKey: true) }
            == "The 'KAFKA' format does not support type 'BOOLEAN'")
        #expect(message { try kafka.validate(columns: [Column("K", .decimal(precision: 4, scale: 2), .key)], isKey: true) }
            == "The 'KAFKA' format does not support type 'DECIMAL'")
        #expect(message { try kafka.validate(columns: [Column("V0", .int), Column("V1", .string)], isKey: false) }
            == "The 'KAFKA' format only supports a single field. Got: [`V0` INTEGER, `V1` STRING]")
        #expect(message { try kafka.validate(columns: [Column("K", .bytes, .key)], isKey: true) } == nil)
        #expect(kafka.supportsKeyType(.bigint) && !kafka.supportsKeyType(.boolean))
    }

    @Test func delimitedRejectsComplexTypesNamingTheColumn() {
        let f = DelimitedFormat()
        #expect(message { try f.validate(columns: [Column("K", .struct([.init("F", .double)]), .key)], isKey: true) }
            == "The 'DELIMITED' format does not support type 'STRUCT', column: `K`")
        #expect(message { try f.validate(columns: [Column("A", .int), Column("B", .map(key: .string, value: .int))], isKey: false) }
            == "The 'DELIMITED' format does not support type 'MAP', column: `B`")
        #expect(message { try f.validate(columns: [Column("K1", .string, .key), Column("K2", .date, .key)], isKey: true) } == nil)
    }

    @Test func noneRejectsColumns() {
        #expect(message { try NoneFormat().validate(columns: [Column("K", .string, .key)], isKey: true) }
            == "The 'NONE' format can only be used when no columns are defined. Got: [`K` STRING KEY]")
        #expect(message { try NoneFormat().validate(columns: [Column("FOO", .int)], isKey: false) }
            == "The 'NONE' format can only be used when no columns are defined. Got: [`FOO` INTEGER]")
        #expect(message { try NoneFormat().validate(columns: [], isKey: true) } == nil)
    }

    @Test func jsonRejectsNonStringMapKeys() {
        #expect(message { try JSONFormat().validate(columns: [Column("FOO", .map(key: .int, value: .double))], isKey: false) }
            == "JSON only supports MAP types with STRING keys")
    }

    @Test func delimiterProperty() {
        #expect(message { _ = try registry.format(for: FormatInfo("DELIMITED", properties: ["delimiter": "<~>"])) }
            == "Invalid delimiter value: '<~>'. Delimiter must be a single character or TAB,SPACE\nExample valid value: ';'")
        #expect(message { _ = try Delimiter(parsing: " ") }?.hasPrefix("Delimiter cannot be empty") == true)
        #expect((try? Delimiter(parsing: "TAB"))?.character == "\t")
        #expect((try? Delimiter(parsing: "SPACE"))?.character == " ")
        #expect(message { _ = try registry.format(for: FormatInfo("KAFKA", properties: ["delimiter": ","])) }
            == "KAFKA does not support the following configs: [delimiter]")
    }

    @Test func keyFormatWrapperMessage() {
        let cols = [Column("ID", .int, .key), Column("AGE", .int, .key)]
        let reason = message { try KafkaFormat().validate(columns: cols, isKey: true) } ?? ""
        #expect(FormatMessages.keyFormatDoesNotSupportSchema(format: "KAFKA", columns: cols, features: .none, reason: reason)
            == "Key format does not support schema.\nformat: KAFKA\nschema: Persistence{columns=[`ID` INTEGER KEY, `AGE` INTEGER KEY], features=[]}\nreason: The 'KAFKA' format only supports a single field. Got: [`ID` INTEGER KEY, `AGE` INTEGER KEY]")
        #expect(FormatMessages.column(Column("K", .struct([.init("F", .double)]), .key)) == "`K` STRUCT<`F` DOUBLE> KEY")
    }

    @Test func valueWrappingPolicy() throws {
        #expect(message { _ = try SerdeFeaturesPolicy.valueFeatures(format: DelimitedFormat(), valueColumnCount: 1, wrapSingleValue: true) }
            == "Format 'DELIMITED' does not support 'WRAP_SINGLE_VALUE' set to 'true'.")
        #expect(try SerdeFeaturesPolicy.valueFeatures(format: KafkaFormat(), valueColumnCount: 1, wrapSingleValue: false)
            == SerdeFeatures(.unwrapSingles))
        #expect(message { _ = try SerdeFeaturesPolicy.valueFeatures(format: JSONFormat(), valueColumnCount: 2, wrapSingleValue: false) }
            == "'WRAP_SINGLE_VALUE' is only valid for single-field value schemas")
        #expect(SerdeFeaturesPolicy.keyFeatures(format: JSONFormat(), keyColumnCount: 1) == SerdeFeatures(.unwrapSingles))
        #expect(SerdeFeaturesPolicy.keyFeatures(format: KafkaFormat(), keyColumnCount: 1) == .none)
        #expect(SerdeFeatures(.unwrapSingles).description == "[UNWRAP_SINGLES]")
    }
}

@Suite struct BlankFormatPropertyTests {
    @Test func blankValueIsShownTrimmed() {
        do {
            try FormatProperties.validate(formatName: "AVRO", properties: ["fullSchemaName": "  "], supported: ["fullSchemaName"])
            Issue.record("expected failure")
        } catch {
            #expect(error.eddyMessage == "fullSchemaName cannot be empty. Format configuration: {fullSchemaName=}")
        }
    }
}
