#if canImport(Glibc)
import Glibc

/// Replaces libzstd's `ZSTD_getFrameContentSize` for this process, so librdkafka decompresses
/// each zstd message set once instead of about three times.
///
/// librdkafka (2.0.2, and still in 2.x) sizes its output buffer with this function and, when a
/// frame does not record its decompressed size, guesses twice the input, then 6x, then 18x,
/// decompressing into each guess until one fits (`rd_kafka_zstd_decompress`). Frames written by
/// librdkafka linked against a shared libzstd (Debian's, so every Eddy producer) and by Java
/// producers record no size. With JSON orders (7x smaller compressed) every message set was
/// decompressed three times: in the bench, 800 failed calls for 400 message sets, 60% of the
/// consumers' zstd time.
///
/// Where the frame has no size this answers `ZSTD_decompressBound` instead: an upper bound
/// (the size, rounded up to whole 128 KiB blocks at most), so the first buffer fits; librdkafka
/// takes the real size from the decompression itself. Only librdkafka calls this function in
/// Eddy's process. The executable's definition takes precedence because librdkafka resolves
/// it dynamically; if libzstd's own cannot be found, the answer is "unknown" and librdkafka
/// guesses as before.
@_cdecl("ZSTD_getFrameContentSize")
public func eddyZstdFrameContentSize(_ source: UnsafeRawPointer?, _ size: Int) -> UInt64 {
    ZstdFrameSize.contentSize(source, size)
}

enum ZstdFrameSize {
    typealias SizeFunction = @convention(c) (UnsafeRawPointer?, Int) -> UInt64

    /// `ZSTD_CONTENTSIZE_UNKNOWN` and `ZSTD_CONTENTSIZE_ERROR`.
    static let unknown = UInt64.max
    static let error = UInt64.max - 1

    /// libzstd's functions: the next definition after this executable's (`RTLD_NEXT`), and the
    /// bound, which only libzstd defines. Addresses, because C function pointers are not Sendable.
    private static let libraryContentSize = UInt(bitPattern: dlsym(UnsafeMutableRawPointer(bitPattern: -1), "ZSTD_getFrameContentSize"))
    private static let libraryBound = UInt(bitPattern: dlsym(nil, "ZSTD_decompressBound"))

    static func contentSize(_ source: UnsafeRawPointer?, _ size: Int) -> UInt64 {
        guard let real = function(libraryContentSize) else { return unknown }
        let recorded = real(source, size)
        guard recorded == unknown, let bound = function(libraryBound) else { return recorded }
        let upper = bound(source, size)
        return upper == error ? recorded : upper
    }

    private static func function(_ address: UInt) -> SizeFunction? {
        guard let pointer = UnsafeRawPointer(bitPattern: address) else { return nil }
        return unsafeBitCast(pointer, to: SizeFunction.self)
    }
}
#endif
