import EddyCore

/// Rows of TPC-C's `orders` table as TiCDC publishes them (the seed in ../shared/seeds: go-tpc
/// with 4 warehouses, one topic per table, partitioned by primary key). Column names are the
/// database's, lower case, as a CDC feed carries them; ksqlDB matches them case-insensitively.
public struct TPCCOrders: Sendable {
    public static let valueColumns: [Column] = [
        Column("o_id", .int), Column("o_d_id", .int), Column("o_w_id", .int), Column("o_c_id", .int),
        Column("o_entry_d", .string), Column("o_carrier_id", .int), Column("o_ol_cnt", .int),
        Column("o_all_local", .int),
    ]
    /// The primary key (o_w_id, o_d_id, o_id), as TiCDC's key record.
    public static let keyColumns: [Column] = [
        Column("o_w_id", .int, .value), Column("o_d_id", .int, .value), Column("o_id", .int, .value),
    ]

    public let warehouses: Int
    public let districts: Int
    private var nextOrder: [Int32]
    private var state: UInt64

    public init(warehouses: Int = 4, districts: Int = 10, seed: UInt64 = 0x5eed_0f_0dd5) {
        self.warehouses = warehouses
        self.districts = districts
        // TPC-C loads 3,000 orders per district before the run starts.
        nextOrder = Array(repeating: 3001, count: warehouses * districts)
        state = seed | 1
    }

    /// The next order entered at `millis`: key values and value values.
    public mutating func next(at millis: Int64) -> (key: [Value], value: [Value]) {
        let w = Int32(random(warehouses) + 1)
        let d = Int32(random(districts) + 1)
        let slot = Int(w - 1) * districts + Int(d - 1)
        let id = nextOrder[slot]
        nextOrder[slot] += 1
        // New orders are undelivered (no carrier) about a third of the time, as in a running TPC-C.
        let carrier: Value = random(3) == 0 ? .null : .int(Int32(random(10) + 1))
        let value: [Value] = [
            .int(id), .int(d), .int(w), .int(Int32(random(3000) + 1)), .string(Self.entryText(millis)), carrier,
            .int(Int32(random(11) + 5)), .int(random(100) == 0 ? 0 : 1),
        ]
        return ([.int(w), .int(d), .int(id)], value)
    }

    /// TiDB's DATETIME text: `yyyy-MM-dd HH:mm:ss`.
    static func entryText(_ millis: Int64) -> String {
        let iso = TemporalText.formatTimestamp(millis)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(8))
    }

    /// xorshift64*: cheap and reproducible, so the bench's data is the same on every run.
    private mutating func random(_ bound: Int) -> Int {
        state ^= state >> 12
        state ^= state << 25
        state ^= state >> 27
        return Int((state &* 2_685_821_657_736_338_717) >> 33) % bound
    }
}
