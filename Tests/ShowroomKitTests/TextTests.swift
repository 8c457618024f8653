import Testing
@testable import ShowroomKit

@Suite("Text helpers that work on UTF-8 bytes")
struct TextTests {
    @Test("collapsing white space on bytes matches splitting by Character", arguments: [
        "", "   ", "one", "  one  two\tthree\n\nfour  ", "a\r\nb", "a\u{0B}b\u{0C}c", "\u{1F}unit\u{1C}separators",
        "café  au\u{00A0}lait", "thin\u{2009}space and\u{3000}ideographic", "line\u{2028}separator", "emoji 🐟  fish ",
    ])
    func collapsing(text: String) {
        #expect(text.collapsingWhitespace == text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
    }

    @Test("XML text keeps what XML 1.0 allows and drops the rest", arguments: [
        ("tab\tline\ncarriage\r", "tab\tline\ncarriage\r"),
        ("bell\u{07}escape\u{1B}", "bellescape"),
        ("non\u{FFFE}characters\u{FFFF}", "noncharacters"),
        ("kept \u{FFFD} \u{EFBF} \u{10FFFF} 🐟 שלום", "kept \u{FFFD} \u{EFBF} \u{10FFFF} 🐟 שלום"),
    ])
    func xmlClean(text: String, expected: String) {
        #expect(XMLWriter.clean(text) == expected)
    }
}
