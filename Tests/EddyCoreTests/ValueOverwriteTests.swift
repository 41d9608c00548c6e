import EddyCore
import Testing

/// The slot writes that skip the outlined destroy of a trivial old value: every mix of trivial
/// and storage-holding old and new values must leave both slots holding what plain assignment
/// would, with the storage still alive (a wrong bitwise copy or a skipped retain shows up as a
/// changed or freed string once the source slot is overwritten).
@Suite struct ValueOverwriteTests {
    let samples: [Value] = [
        .null, .bool(true), .int(7), .bigint(-9), .double(2.5), .date(3), .time(4), .timestamp(5),
        .string(String(repeating: "long string past the small-string limit ", count: 2)),
        .bytes([1, 2, 3]), .array([.string("inner element long enough to allocate storage")]),
    ]

    @Test func overwriteWithAValueMatchesAssignment() {
        for old in samples {
            for new in samples {
                let slot = UnsafeMutablePointer<Value>.allocate(capacity: 1)
                slot.initialize(to: old)
                slot.overwrite(with: new)
                #expect(slot.pointee == new)
                slot.deinitialize(count: 1)
                slot.deallocate()
            }
        }
    }

    @Test func overwriteWithACopyKeepsBothSlotsValid() {
        for old in samples {
            for new in samples {
                let source = UnsafeMutablePointer<Value>.allocate(capacity: 1)
                let target = UnsafeMutablePointer<Value>.allocate(capacity: 1)
                source.initialize(to: new)
                target.initialize(to: old)
                target.overwrite(withCopyOf: source)
                // Replacing the source releases its reference: the copy must hold its own.
                source.pointee = .string(String(repeating: "replacement ", count: 4))
                #expect(target.pointee == new)
                source.deinitialize(count: 1)
                target.deinitialize(count: 1)
                source.deallocate()
                target.deallocate()
            }
        }
    }

    @Test func trivialCasesHoldNoStorage() {
        #expect(samples.filter(\.isTrivial).count == 8)
        #expect(!Value.decimal(SQLDecimal("1.5")!).isTrivial)
    }
}
