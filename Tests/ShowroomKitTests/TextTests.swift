import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomImport
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport
@testable import ShowroomTemplates

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

    @Test("caption cues escape markup and drop empty lines, as the String split they replace did", arguments: [
        ["Kestrel & Pine", "Waxed <Canvas> Daypack -->"],
        ["", "only\n\nsecond", ""],
        ["\nleading", "trailing\n"],
        ["kept\r\nwhole", "über 🐟"],
    ])
    func captionCue(lines: [String]) {
        let overlays = lines.map { ListingOverlay(kind: .text, position: .bottom, text: $0) }
        let listing = VideoListing(handle: "h", title: "T", brand: nil, language: "en", price: Price(regular: Money(minorUnits: 100, currency: "USD")),
                                   fromPrice: false, availability: .inStock, totalTicks: 9, look: .fallback, logo: nil, poster: nil,
                                   scenes: [ListingScene(id: "s", kind: .card, startTicks: 1, ticks: 8, overlays: overlays)])
        let caption = lines.filter { !$0.isEmpty }.joined(separator: "\n")
        let reference = caption.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n")
        #expect(String(decoding: ListingCaptions.webVTT(listing), as: UTF8.self) == "WEBVTT\n\ns\n00:00:00.500 --> 00:00:04.500\n\(reference)\n")
    }

    @Test("caption timestamps", arguments: [(0.0, "00:00:00.000"), (4.5, "00:00:04.500"), (61.25, "00:01:01.250"), (3723.0, "01:02:03.000"), (360_000.0, "100:00:00.000")])
    func captionTimestamp(seconds: Double, expected: String) {
        #expect(ListingCaptions.timestamp(seconds) == expected)
    }

    @Test("plain text of Markdown folds every kind of white space between words", arguments: [
        ("Pure  beeswax,\tpoured\u{00A0}by hand", "Pure beeswax, poured by hand."),
        ("# Title\n\nLine one\nline\u{2003}two", "Title. Line one line two."),
        ("`code  span` and *em*", "code span and em."),
        ("Ünïcödé 🐟 wörds", "Ünïcödé 🐟 wörds."),
    ])
    func plainText(markdown: String, expected: String) {
        #expect(MarkdownRenderer().plainText(from: markdown) == expected)
    }
}
