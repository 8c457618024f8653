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

    /// Everything until the input ends.
    package static func all(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = next(descriptor) { bytes += chunk }
        return bytes
    }
}
