import EddyCore
@testable import EddyRuntime
import Testing

/// `GroupIndex` (the combiner's key lookup) must find exactly the groups a `[Value]`-keyed
/// dictionary finds: same case and payload only (`.int(1)` is not `.bigint(1)`), NULL as a key,
/// through growth and after `removeAll`.
@Suite struct GroupIndexTests {
    static func randomKey(_ rng: inout SplitMix64, range: Int64) -> Value {
        let n = Int64.random(in: -range...range, using: &rng)
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return .null
        case 1: return .bool(n & 1 == 0)
        case 2: return .int(Int32(truncatingIfNeeded: n))
        case 3: return .bigint(n)
        case 4: return .date(Int32(truncatingIfNeeded: n))
        case 5: return .time(Int32(truncatingIfNeeded: n))
        case 6: return .timestamp(n)
        case 7: return .string("s\(n)")
        case 8: return .double(Double(n) / 2)
        default: return .bigint(n << 40)
        }
    }

    @Test(arguments: [Int64(3), 50, 5_000])
    func oneColumnKeysMatchADictionary(range: Int64) {
        var rng = SplitMix64(state: UInt64(range))
        let index = GroupIndex()
        var reference: [Value: Int] = [:]
        for round in 0..<3 {
            for _ in 0..<2_000 {
                let key = Self.randomKey(&rng, range: range)
                let found = index.find(key)
                #expect(found == reference[key], "round \(round), key \(key)")
                if found == nil {
                    index.insert(key, group: reference.count)
                    reference[key] = reference.count
                }
            }
            index.removeAll()
            reference.removeAll()
            #expect(index.find(.int(1)) == nil)
        }
    }

    @Test func sameNumberInOtherCasesIsAnotherGroup() {
        let index = GroupIndex()
        index.insert(.int(1), group: 0)
        #expect(index.find(.int(1)) == 0)
        #expect(index.find(.bigint(1)) == nil)
        #expect(index.find(.date(1)) == nil)
        #expect(index.find(.bool(true)) == nil)
        #expect(index.find(.string("1")) == nil)
        index.insert(.null, group: 1)
        #expect(index.find(.null) == 1)
        #expect(index.find(.int(0)) == nil)
    }

    @Test func severalColumnKeys() {
        let index = GroupIndex()
        index.insert([.int(1), .string("a")], group: 0)
        #expect(index.find([.int(1), .string("a")]) == 0)
        #expect(index.find([.int(1), .string("b")]) == nil)
        index.removeAll()
        #expect(index.find([.int(1), .string("a")]) == nil)
    }
}
