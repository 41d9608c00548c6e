import Testing
import EddyCore
@testable import EddyFormats
import EddySchemaRegistry

/// AVRO (Swift codec) skips unread STRING and BYTES columns; read columns and failures stay as
/// they are.
@Suite struct AvroPruningTests {
    let registry = InMemorySchemaRegistry.withFormatSupport()
    let columns = [Column("I", .int), Column("S", .string), Column("BY", .bytes), Column("T", .string)]
    let context = SerdeContext(info: FormatInfo("AVRO"), topic: "t")

    func message() throws -> [UInt8] {
        var s = try AvroFormat(registry: registry).makeSerializer(columns: columns, context: context)
        return try #require(try s.serialize([.int(4), .string("skipped"), .bytes([1, 2]), .string("kept")]))
    }

    @Test func unreadStringsAndBytesComeBackNull() throws {
        let bytes = try message()
        var d = try AvroFormat(registry: registry).makeDeserializer(columns: columns, context: context)
        d.prune(reading: [true, false, false, true])
        #expect(try d.deserialize(bytes) == [.int(4), .null, .null, .string("kept")])
        var full = try AvroFormat(registry: registry).makeDeserializer(columns: columns, context: context)
        #expect(try full.deserialize(bytes) == [.int(4), .string("skipped"), .bytes([1, 2]), .string("kept")])
    }

    @Test func truncatedUnreadStringStillFails() throws {
        let bytes = try message()
        // Cut inside the unread string: both the full and the pruned read must fail, alike.
        let cut = Array(bytes.prefix(bytes.count - 12))
        func failure(_ reading: [Bool]?) -> String? {
            do {
                var d = try AvroFormat(registry: registry).makeDeserializer(columns: columns, context: context)
                if let reading { d.prune(reading: reading) }
                _ = try d.deserialize(cut)
                return nil
            } catch { return "\(error)" }
        }
        let full = failure(nil)
        #expect(full != nil)
        #expect(failure([true, false, true, true]) == full)
    }
}
