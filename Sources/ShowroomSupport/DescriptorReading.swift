#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Blocking reads from a pipe or socket that survive signals. Foundation's `FileHandle.availableData` and
/// `readDataToEndOfFile()` stop the whole process when a read is interrupted (EINTR), and a process that
/// starts many programs (a build's Pagefind and ffmpeg, a preview that indexes after every edit, the test
/// runner) is interrupted often: each child that ends sends it a signal.
package enum DescriptorReading {
    /// The next bytes that arrive, or nil at the end of the input (or on an error other than EINTR).
    package static func next(_ descriptor: Int32, upTo limit: Int = 65_536) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: limit)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, limit) }
            if count > 0 { return Array(buffer[..<count]) }
            if count < 0 && errno == EINTR { continue }
            return nil
        }
    }

    /// The whole file at `path`, read straight into one array of its size, without Foundation's `Data` and
    /// a copy out of it (the preview reads the whole catalog after every edit); nil if it cannot be read.
    package static func file(atPath path: String) -> [UInt8]? {
        // Non-blocking: a FIFO in its place must not hang the read (it is refused just below).
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        // One byte of room past the size the file had, to see its end without growing the array.
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size) + 1)
        var filled = 0
        while true {
            // Full: the file grew since it was measured.
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4_096, bytes.count / 2))) }
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count > 0 { filled += count; continue }
            if count < 0 && errno == EINTR { continue }
            guard count == 0 else { return nil }
            bytes.removeSubrange(filled...)
            return bytes
        }
    }

    /// Everything until the input ends.
    package static func all(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = next(descriptor) { bytes += chunk }
        return bytes
    }
}
