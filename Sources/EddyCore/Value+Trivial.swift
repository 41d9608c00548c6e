/// Slot writes without the outlined destroy of the value they replace.
///
/// Assigning a `Value` through a pointer or an array element calls an out-of-line "consume" of
/// the old value (a switch over every case, ~12 instructions) even when that value holds no
/// reference. Hot loops that rewrite the same slots for every record (row reset, pseudo columns,
/// projections) mostly replace numbers and NULLs: testing the case inline and initializing over a
/// trivial value skips the call, and is exact, since such a value owns nothing to release.
extension Value {
    /// Whether the value holds no reference: NULL, BOOLEAN, the integers, DOUBLE and the
    /// temporal types (DECIMAL, strings, bytes and the containers hold storage).
    @inline(__always) public var isTrivial: Bool {
        switch self {
        case .null, .bool, .int, .bigint, .double, .date, .time, .timestamp: return true
        default: return false
        }
    }
}

extension UnsafeMutablePointer where Pointee == Value {
    /// `pointee = value`, skipping the release of a trivial old value.
    @inline(__always) public func overwrite(with value: __owned Value) {
        if pointee.isTrivial {
            initialize(to: value)
        } else {
            pointee = value
        }
    }

    /// `pointee = source.pointee`, copying a trivial value bit for bit (no outlined copy) and
    /// skipping the release of a trivial old value.
    @inline(__always) public func overwrite(withCopyOf source: UnsafePointer<Value>) {
        if source.pointee.isTrivial && pointee.isTrivial {
            UnsafeMutableRawPointer(self).copyMemory(from: UnsafeRawPointer(source), byteCount: MemoryLayout<Value>.size)
        } else {
            pointee = source.pointee
        }
    }
}
