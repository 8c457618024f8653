import Crypto

/// SHA-256, for the build fingerprint, the build report's file digests and the video cache keys. swift-crypto
/// (BoringSSL's assembly) hashes a large store's inputs several times faster than the plain Swift version
/// this replaced, whose compression loop was a fifth of a rebuild with nothing changed.
package struct SHA256 {
    private var hasher = Crypto.SHA256()

    package init() {}

    package static func hex(_ bytes: [UInt8]) -> String {
        var hash = SHA256()
        hash.update(bytes)
        return hex(digest: hash.finish())
    }

    static func hex(digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    package mutating func update(_ bytes: [UInt8]) {
        hasher.update(data: bytes)
    }

    package mutating func finish() -> [UInt8] {
        Array(hasher.finalize())
    }
}
