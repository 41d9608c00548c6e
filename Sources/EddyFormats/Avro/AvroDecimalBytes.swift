import EddyCore
import BigInt

/// Decimal unscaled values as Avro stores them: big-endian two's complement, minimal length
/// (Java's `BigInteger.toByteArray`), or sign-extended to a fixed size.
enum AvroDecimalBytes {
    static func encode(_ d: SQLDecimal, size: Int? = nil) -> [UInt8] {
        let v = d.unscaled
        var bytes: [UInt8]
        if v.signum() >= 0 {
            bytes = Array(v.magnitude.serialize())  // big-endian magnitude, no leading zeros
            if bytes.first.map({ $0 & 0x80 != 0 }) ?? true { bytes.insert(0, at: 0) }
        } else {
            // Two's complement of |v| - 1, inverted.
            let m = (v.magnitude - 1).serialize()
            bytes = m.map { ~$0 }
            if bytes.first.map({ $0 & 0x80 == 0 }) ?? true { bytes.insert(0xFF, at: 0) }
        }
        if let size, bytes.count < size {
            let fill: UInt8 = v.signum() < 0 ? 0xFF : 0
            bytes.insert(contentsOf: [UInt8](repeating: fill, count: size - bytes.count), at: 0)
        }
        return bytes
    }
}
