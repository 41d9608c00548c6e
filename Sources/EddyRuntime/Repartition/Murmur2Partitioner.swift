/// Kafka's default partitioner for keyed records: murmur2 over the serialized key, made
/// positive, modulo the partition count. Repartition topics must use it so that a record lands
/// where a Java producer (Kafka Streams, ksqlDB) would put it, and on Kafka where librdkafka's
/// `murmur2_random` partitioner puts the same key.
public enum Murmur2Partitioner {
    /// Kafka's `Utils.murmur2` (seed 0x9747b28c, little-endian 4-byte blocks).
    public static func hash(_ bytes: [UInt8]) -> Int32 {
        let m: UInt32 = 0x5bd1_e995
        let r: UInt32 = 24
        let length = bytes.count
        var h: UInt32 = 0x9747_b28c ^ UInt32(truncatingIfNeeded: length)
        let blocks = length / 4
        for i in 0..<blocks {
            let b = i * 4
            var k = UInt32(bytes[b]) | UInt32(bytes[b + 1]) << 8 | UInt32(bytes[b + 2]) << 16 | UInt32(bytes[b + 3]) << 24
            k = k &* m
            k ^= k >> r
            k = k &* m
            h = h &* m
            h ^= k
        }
        let tail = blocks * 4
        switch length % 4 {
        case 3:
            h ^= UInt32(bytes[tail + 2]) << 16
            fallthrough
        case 2:
            h ^= UInt32(bytes[tail + 1]) << 8
            fallthrough
        case 1:
            h ^= UInt32(bytes[tail])
            h = h &* m
        default:
            break
        }
        h ^= h >> 13
        h = h &* m
        h ^= h >> 15
        return Int32(bitPattern: h)
    }

    /// The partition Kafka's default partitioner picks for `key` (`toPositive(murmur2) % n`).
    public static func partition(for key: [UInt8], partitions: Int) -> Int32 {
        let positive = hash(key) & 0x7fff_ffff
        return Int32(Int(positive) % max(1, partitions))
    }
}
