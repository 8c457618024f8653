/// How many bytes `a` and `b` have in common at their start, compared eight at a time: the preview compares
/// the whole catalog with its previous version after every edit.
package func commonPrefixCount(_ a: [UInt8], _ b: [UInt8]) -> Int {
    let limit = min(a.count, b.count)
    return a.withUnsafeBytes { a in
        b.withUnsafeBytes { b in
            var count = 0
            while count + 8 <= limit, a.loadUnaligned(fromByteOffset: count, as: UInt64.self) == b.loadUnaligned(fromByteOffset: count, as: UInt64.self) {
                count += 8
            }
            while count < limit, a[count] == b[count] { count += 1 }
            return count
        }
    }
}

/// How many bytes `a` and `b` have in common at their end, counting no further back than the first
/// `prefix` bytes of the shorter (so that the common start and end do not overlap).
package func commonSuffixCount(_ a: [UInt8], _ b: [UInt8], afterPrefix prefix: Int) -> Int {
    let limit = min(a.count, b.count) - prefix
    return a.withUnsafeBytes { a in
        b.withUnsafeBytes { b in
            var count = 0
            while count + 8 <= limit,
                  a.loadUnaligned(fromByteOffset: a.count - count - 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: b.count - count - 8, as: UInt64.self) {
                count += 8
            }
            while count < limit, a[a.count - 1 - count] == b[b.count - 1 - count] { count += 1 }
            return count
        }
    }
}
