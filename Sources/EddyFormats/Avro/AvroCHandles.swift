import CAvro

/// An Avro C failure: the library's last error text (`avro_strerror`, thread-local), or Eddy's
/// own reason when a value does not fit the generic value's shape.
struct AvroCError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }

    /// The library's message for the call that just failed on this thread.
    static func last(_ context: String) -> AvroCError {
        let text = avro_strerror().map { String(cString: $0) } ?? ""
        return AvroCError(message: text.isEmpty ? context : text)
    }
}

/// A parsed writer schema and one generic value of it, reused for every record: Avro C resets
/// the value on each read, so steady-state decoding allocates only what Avro C allocates itself
/// (string and bytes buffers).
///
/// Not thread-safe; each serde owns its handles (see `AvroCReadCache`), so a value is used by one
/// task at a time.
final class AvroCGenericValue: @unchecked Sendable {
    let schema: avro_schema_t
    let iface: UnsafeMutablePointer<avro_value_iface_t>
    var value = avro_value_t()

    init(json: String) throws {
        var parsed: avro_schema_t?
        let rc = json.utf8CString.withUnsafeBufferPointer { buf in
            avro_schema_from_json_length(buf.baseAddress, buf.count - 1, &parsed)
        }
        guard rc == 0, let parsed else { throw AvroCError.last("Invalid Avro schema") }
        guard let iface = avro_generic_class_from_schema(parsed) else {
            avro_schema_decref(parsed)
            throw AvroCError.last("Unsupported Avro schema")
        }
        guard avro_generic_value_new(iface, &value) == 0 else {
            eddy_avro_value_iface_decref(iface)
            avro_schema_decref(parsed)
            throw AvroCError.last("Cannot create an Avro value")
        }
        schema = parsed
        self.iface = iface
    }

    deinit {
        avro_value_decref(&value)
        eddy_avro_value_iface_decref(iface)
        avro_schema_decref(schema)
    }
}

/// An `avro_reader_memory` pointed at each message in turn, with no copy.
final class AvroCMemoryReader: @unchecked Sendable {
    let reader: avro_reader_t

    init() {
        // Avro C keeps the pointer only; every use sets a real source first.
        reader = avro_reader_memory(nil, 0)
    }

    deinit { avro_reader_free(reader) }

    /// Reads `bytes` into `value` (which Avro C resets first).
    func read(_ bytes: UnsafeRawBufferPointer, into value: inout avro_value_t) throws {
        avro_reader_memory_set_source(reader, bytes.baseAddress?.assumingMemoryBound(to: CChar.self),
                                      Int64(bytes.count))
        guard avro_value_read(reader, &value) == 0 else { throw AvroCError.last("Cannot read Avro value") }
    }
}

/// An `avro_writer_memory` over a scratch buffer kept for the serde's life; it doubles when a
/// record does not fit.
final class AvroCMemoryWriter: @unchecked Sendable {
    private(set) var buffer: UnsafeMutableRawBufferPointer
    private let writer: avro_writer_t
    /// Records larger than this are refused instead of growing the buffer further.
    static let maxSize = 64 << 20
    /// Linux's ENOSPC, which Avro C's memory writer returns when the buffer is full.
    static let noSpace: Int32 = 28

    init(capacity: Int = 4096) {
        buffer = .allocate(byteCount: capacity, alignment: 8)
        writer = avro_writer_memory(buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int64(capacity))
    }

    deinit {
        avro_writer_free(writer)
        buffer.deallocate()
    }

    /// Writes `value` and returns the encoded bytes, valid until the next call.
    func write(_ value: inout avro_value_t) throws -> UnsafeRawBufferPointer {
        while true {
            avro_writer_memory_set_dest(writer, buffer.baseAddress!.assumingMemoryBound(to: CChar.self), Int64(buffer.count))
            let rc = avro_value_write(writer, &value)
            if rc == 0 {
                return UnsafeRawBufferPointer(rebasing: buffer[0 ..< Int(avro_writer_tell(writer))])
            }
            // A full buffer is the only failure worth a retry.
            guard rc == Self.noSpace, buffer.count < Self.maxSize else { throw AvroCError.last("Cannot write Avro value") }
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 8)
            buffer.deallocate()
            buffer = bigger
        }
    }
}
