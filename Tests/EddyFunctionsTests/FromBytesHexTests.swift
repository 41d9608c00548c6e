import EddyCore
import Testing
@testable import EddyFunctions

/// FROM_BYTES prints hex in upper case, while ENCODE keeps lower case.
@Suite struct FromBytesHexTests {
    @Test func fromBytesHexIsUpperCase() throws {
        #expect(try call("FROM_BYTES", .bytes([0x1A, 0xB2]), str("hex")) == str("1AB2"))
        #expect(try call("FROM_BYTES", .bytes([0x1A, 0xB2]), str("base64")) == str("GrI="))
    }

    @Test func encodeToHexStaysLowerCase() throws {
        #expect(try call("ENCODE", str("GrI="), str("base64"), str("hex")) == str("1ab2"))
    }
}
