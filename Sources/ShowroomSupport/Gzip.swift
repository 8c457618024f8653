import CZlib

/// gzip (RFC 1952) through zlib, a piece at a time, so a feed of any size is compressed in flat memory.
///
/// The output depends only on the input and the level: zlib writes no file name and a modification time
/// of 0 into the header (only the operating system byte is the platform's), so a build stays byte for byte
/// the same.
public final class GzipCompressor {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output: [UInt8] = []
    private var finished = false
    /// Bytes given to `append` so far.
    public private(set) var inputCount = 0

    /// Level 6 is zlib's default: feeds repeat each product's text once per variant, which any level finds.
    public init(level: Int32 = 6) {
        // zlib keeps a pointer back to the stream and refuses one that has moved: it lives on the heap.
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = showroom_deflate_init_gzip(stream, level)
        precondition(status == Z_OK, "zlib could not start a gzip stream (\(status))")
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `bytes`; returns what zlib has written since the last call (often nothing).
    public func append(_ bytes: [UInt8]) -> [UInt8] {
        precondition(!finished, "append after finish")
        inputCount += bytes.count
        run(bytes, flush: Z_NO_FLUSH)
        return takeOutput()
    }

    /// Ends the stream (the CRC and length trailer) and returns the rest of the compressed bytes.
    public func finish() -> [UInt8] {
        precondition(!finished, "finish twice")
        finished = true
        run([], flush: Z_FINISH)
        return takeOutput()
    }

    private func takeOutput() -> [UInt8] {
        defer { output.removeAll(keepingCapacity: true) }
        return output
    }

    private func run(_ input: [UInt8], flush: Int32) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        input.withUnsafeBufferPointer { source in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = UInt32(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    stream.pointee.next_out = target.baseAddress
                    stream.pointee.avail_out = UInt32(target.count)
                    let status = deflate(stream, flush)
                    return (status, target.count - Int(stream.pointee.avail_out))
                }
                // Only a programming error makes deflate fail here (a bad stream or flush value).
                precondition(status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR, "zlib deflate failed (\(status))")
                output += chunk[..<produced]
                if flush == Z_FINISH ? status == Z_STREAM_END : (stream.pointee.avail_in == 0 && produced < chunk.count) { break }
            }
            stream.pointee.next_in = nil
        }
    }

    /// `bytes` compressed whole.
    public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
        let compressor = GzipCompressor(level: level)
        return compressor.append(bytes) + compressor.finish()
    }
}

public enum Gzip {
    public struct DecompressionError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The gzip member at the start of `bytes`, decompressed (for `showroom check` and the tests).
    public static func decompress(_ bytes: [UInt8]) throws(DecompressionError) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deinitialize(count: 1); stream.deallocate() }
        guard showroom_inflate_init_gzip(stream) == Z_OK else { throw DecompressionError(description: "zlib could not start") }
        defer { inflateEnd(stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        let status = bytes.withUnsafeBufferPointer { source -> Int32 in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.pointee.avail_in = UInt32(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    stream.pointee.next_out = target.baseAddress
                    stream.pointee.avail_out = UInt32(target.count)
                    let status = inflate(stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.pointee.avail_out))
                }
                output += chunk[..<produced]
                if status != Z_OK { return status }
            }
        }
        guard status == Z_STREAM_END else {
            let reason = status == Z_BUF_ERROR ? "the data ends before the gzip stream does" : "not valid gzip data (zlib error \(status))"
            throw DecompressionError(description: reason)
        }
        return output
    }
}
