
extension String {
    /// The text without leading and trailing white space and newlines (Unicode White_Space, the same set
    /// as Foundation's `.whitespacesAndNewlines`). Foundation trims through a UTF-16 copy of the whole
    /// string, which was several percent of a large build when done on every write-up; this looks only
    /// at the ends.
    package func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Whether the text is empty or only white space and newlines.
    package var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}

extension String {
    /// Runs of white space (line breaks included) become one space, and none is left at either end: the
    /// same as `split(whereSeparator: \.isWhitespace).joined(separator: " ")`. ASCII text is done on its
    /// bytes, where splitting by `Character` looked up Unicode properties for every letter.
    package var collapsingWhitespace: String {
        let fast = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var pendingSpace = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !output.isEmpty
                    continue
                }
                if pendingSpace { output.append(0x20) }
                pendingSpace = false
                output.append(byte)
            }
            return String(decoding: output, as: UTF8.self)
        }
        if let fast, let result = fast { return result }
        return split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
