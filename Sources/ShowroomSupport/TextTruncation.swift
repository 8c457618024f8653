/// Shortening text to the length limits of feeds and structured data.
package enum TextTruncation {
    /// Cut at a word boundary, with an ellipsis, to stay within a limit. Counts Unicode code points, as
    /// the feed specs and XML schemas do: "é" written as e + combining accent is two, not one.
    package static func truncate(_ text: String, to limit: Int) -> String {
        // A string has no more code points than UTF-8 bytes: most text needs no counting at all.
        guard text.utf8.count > limit, limit > 1 else { return text }
        // The common case, on bytes: code points counted as bytes that do not continue one, and a space
        // near the cut with only ASCII in between (so the cut is a character boundary). The same result as
        // `truncateByCharacters`, without walking Characters (every title and description of every feed comes here).
        let fast: String?? = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var scalars = 0
            var cut = -1  // where code point `limit - 1` starts: the text keeps the ones before it
            var index = 0
            while index < bytes.count {
                if bytes[index] & 0xC0 != 0x80 {
                    if scalars == limit - 1 { cut = index }
                    scalars += 1
                    if scalars > limit { break }
                }
                index += 1
            }
            guard scalars > limit else { return text }
            let near = max(10, limit / 5)
            var probe = cut - 1
            while probe >= 0, cut - probe < near, bytes[probe] < 0x80 {
                if bytes[probe] == UInt8(ascii: " ") {
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<probe]), as: UTF8.self) + "…"
                }
                probe -= 1
            }
            return nil
        }
        if let fast, let result = fast { return result }
        return truncateByCharacters(text, to: limit)
    }

    /// Whole characters (never half an emoji or an accent without its letter), then back to a space if one
    /// is near.
    package static func truncateByCharacters(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        let scalars = text.unicodeScalars
        guard let over = scalars.index(scalars.startIndex, offsetBy: limit, limitedBy: scalars.endIndex), over != scalars.endIndex else { return text }
        // Whole characters (never half an emoji or an accent without its letter), then back to a space.
        var end = scalars.index(scalars.startIndex, offsetBy: limit - 1)
        while end.samePosition(in: text) == nil { end = scalars.index(before: end) }
        var cut = text[..<end]
        // Back up to a word boundary only if one is near: text without spaces (Chinese, Japanese) is cut
        // at a character instead of losing almost everything.
        let near = max(10, limit / 5)  // the limit, not cut.count: counting characters walked the whole text
        var probe = cut.endIndex
        for _ in 1..<near {  // within `near` characters of the end
            guard probe > cut.startIndex else { break }
            probe = cut.index(before: probe)
            if cut[probe] == " " {
                cut = cut[..<probe]
                break
            }
        }
        return cut + "…"
    }
}
