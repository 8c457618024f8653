
/// FNV-1a 64-bit: a fast, stable fingerprint for cache-busting asset names and change detection.
/// Not a security hash.
public struct ContentHash {
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The first `length` hex digits of the fingerprint.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes, length: Int = 10) -> String where Bytes.Element == UInt8 {
        let text = String(fnv1a64(bytes), radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - text.count)) + text).prefix(length))
    }
}
