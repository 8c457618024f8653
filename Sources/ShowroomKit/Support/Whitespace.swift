extension String {
    /// The text without leading and trailing white space and newlines (Unicode White_Space, the same set
    /// as Foundation's `.whitespacesAndNewlines`). Foundation trims through a UTF-16 copy of the whole
    /// string, which was several percent of a large build when done on every write-up; this looks only
    /// at the ends.
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Whether the text is empty or only white space and newlines.
    var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}
