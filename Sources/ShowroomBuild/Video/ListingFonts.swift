import Foundation
import ShowroomModel

/// Font files for one listing's words: the first family of the look's CSS font stack that is installed,
/// and for each line with characters that font lacks (a Japanese title under a Latin font), an installed
/// font that has every character of the line. ffmpeg draws a line with one font and shows a box for each
/// character the font lacks, silently, so every line gets a font that has all of its characters.
struct ListingFonts: Sendable, Equatable {
    var regular: String
    var bold: String
    /// The lines the stack's font cannot draw, with the file of the font that can.
    var lines: [FontLine: String] = [:]

    func file(for text: String, bold: Bool) -> String {
        lines[FontLine(text: text, bold: bold)] ?? (bold ? self.bold : regular)
    }

    /// What a render's cache name depends on; the same as before fallbacks existed when there are none.
    var cacheKey: String {
        "\(regular)\n\(bold)\n" + lines.sorted { ($0.key.text, $0.key.bold ? 1 : 0) < ($1.key.text, $1.key.bold ? 1 : 0) }
            .map { "\($0.key.bold ? "bold" : "regular") \($0.key.text) = \($0.value)\n" }.joined()
    }
}

/// A line of a listing's words, and whether it is drawn bold.
struct FontLine: Sendable, Hashable {
    var text: String
    var bold: Bool
}

/// One face of an installed font, as fontconfig describes it.
struct FontFace: Sendable, Equatable {
    var families: [String]
    var file: String
    /// The face's index in a font collection; ffmpeg's drawtext always draws the first (0).
    var index: Int
    /// fontconfig's slant: 0 upright, 100 italic, 110 oblique.
    var slant: Int
    var coverage: CharacterCoverage

    /// What drawtext can draw a line with, upright like the rest of the words.
    var isDrawable: Bool { index == 0 && slant == 0 }

    /// Reads one line of `Fontconfig.format`.
    init?(fontconfigLine line: Substring) {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard fields.count == 5, !fields[1].isEmpty else { return nil }
        families = fields[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        file = String(fields[1])
        index = Int(fields[2]) ?? 0
        slant = Int(fields[3]) ?? 0
        coverage = CharacterCoverage(fontconfig: fields[4])
    }

    init(families: [String], file: String, index: Int = 0, slant: Int = 0, coverage: CharacterCoverage) {
        (self.families, self.file, self.index, self.slant, self.coverage) = (families, file, index, slant, coverage)
    }
}

/// The characters a font has, as fontconfig writes them: hex code points and ranges ("20-7e a0-17f").
struct CharacterCoverage: Sendable, Equatable {
    private(set) var ranges: [ClosedRange<UInt32>]

    init(_ ranges: [ClosedRange<UInt32>]) { self.ranges = ranges.sorted { $0.lowerBound < $1.lowerBound } }

    init(fontconfig text: Substring) {
        self.init(text.split(separator: " ").compactMap { part in
            let bounds = part.split(separator: "-", maxSplits: 1).map { UInt32($0, radix: 16) }
            guard let low = bounds.first ?? nil, let high = bounds.count == 2 ? bounds[1] : low, low <= high else { return nil }
            return low...high
        })
    }

    func contains(_ value: UInt32) -> Bool {
        var (low, high) = (0, ranges.count)
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].contains(value)
    }

    func lacking(_ scalars: [UInt32]) -> [UInt32] { scalars.filter { !contains($0) } }

}

/// The machine's fonts as fontconfig sees them (tests stand in a fixed set).
protocol FontCatalog: Sendable {
    /// fontconfig's best face for a pattern (`fc-match`).
    func match(_ pattern: String) async -> FontFace?
    /// Every installed face, best first for a pattern: fontconfig's order of fallbacks (`fc-match --all`).
    func fallbacks(_ pattern: String) async -> [FontFace]
}

/// `fc-match`.
struct Fontconfig: FontCatalog {
    let fcMatch: ExternalTool
    static let format = "%{family}\t%{file}\t%{index}\t%{slant}\t%{charset}\n"

    static func find() -> Fontconfig? { ExternalTool.find("fc-match").map(Fontconfig.init) }

    func match(_ pattern: String) async -> FontFace? {
        await faces(["--format=" + Self.format, pattern]).first
    }

    func fallbacks(_ pattern: String) async -> [FontFace] {
        await faces(["--all", "--format=" + Self.format, pattern])
    }

    private func faces(_ arguments: [String]) async -> [FontFace] {
        guard let result = try? await fcMatch.run(arguments), result.status == 0 else { return [] }
        return result.output.split(separator: "\n").compactMap { FontFace(fontconfigLine: $0) }
    }
}

/// Chooses the fonts of a build's listings: the stack's font where it has a line's characters,
/// otherwise the first face in fontconfig's order of fallbacks for that font that has them all. The
/// choice depends on the line and the machine only, never on other products, so a product's cached
/// render stays valid when others change.
struct ListingFontChooser {
    let catalog: FontCatalog
    /// The stack's font.
    let regular: FontFace
    let bold: FontFace
    /// fontconfig's fallbacks for the regular and the bold face, read once when a line first needs one.
    private var fallbacks: [Bool: [FontFace]] = [:]

    /// The first family of `stack` that is installed; generic families (serif, sans-serif…) match
    /// whatever the machine has for them. Nil when fontconfig knows no font at all.
    init?(stack: String, catalog: FontCatalog) async {
        let generic = ["serif", "sans-serif", "monospace", "system-ui", "ui-serif", "ui-sans-serif", "ui-monospace", "cursive", "fantasy"]
        let families = stack.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
        for family in families + ["sans-serif"] where !family.isEmpty {
            let pattern = family.replacingOccurrences(of: "ui-", with: "").replacingOccurrences(of: "system-", with: "sans-")
            guard let regular = await catalog.match(pattern), let bold = await catalog.match(pattern + ":weight=bold") else { continue }
            if generic.contains(family.lowercased()) || regular.families.contains(where: { $0.lowercased() == family.lowercased() }) {
                (self.catalog, self.regular, self.bold) = (catalog, regular, bold)
                return
            }
        }
        return nil
    }

    /// A line no installed font can draw whole.
    struct Undrawable: Error, Equatable {
        var line: String
        /// The characters of the line the stack's font lacks.
        var lacking: [UInt32]
    }

    /// The fonts for a listing's lines, or the first line no installed font has every character of.
    mutating func fonts(for lines: [FontLine]) async -> Result<ListingFonts, Undrawable> {
        var fonts = ListingFonts(regular: regular.file, bold: bold.file)
        for line in lines {
            let needed = Self.drawn(line.text)
            let lacking = (line.bold ? bold : regular).coverage.lacking(needed)
            guard !lacking.isEmpty else { continue }
            if fallbacks[line.bold] == nil {
                let family = regular.families.first ?? "sans-serif"
                fallbacks[line.bold] = await catalog.fallbacks(family + (line.bold ? ":weight=bold" : "")).filter(\.isDrawable)
            }
            guard let face = fallbacks[line.bold]?.first(where: { $0.coverage.lacking(needed).isEmpty }) else {
                return .failure(Undrawable(line: line.text, lacking: lacking))
            }
            fonts.lines[line] = face.file
        }
        return .success(fonts)
    }

    /// The code points of `text` a font must have: white space and invisible controls draw nothing.
    static func drawn(_ text: String) -> [UInt32] {
        Set(text.unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: false
            default: true
            }
        }.map(\.value)).sorted()
    }
}

extension ListingFontChooser.Undrawable {
    /// The build error for the product whose listing has this line, at the product in the catalog.
    func diagnostic(handle: String, font: String, at location: SourceLocation?) -> Diagnostic {
        let characters = lacking.prefix(12).compactMap(Unicode.Scalar.init).map { String($0) }.joined(separator: " ")
            + (lacking.count > 12 ? " …" : "")
        let codes = lacking.prefix(3).map { "U+" + String($0, radix: 16, uppercase: true).leftPadded(to: 4) }.joined(separator: ", ")
        let isCJK = lacking.contains(where: Self.isCJK)
        return .error("the video listing of \"\(handle)\" cannot draw \"\(line)\": no installed font has all its characters, "
                      + "and the theme's font \(font) lacks \(characters) (\(codes)\(lacking.count > 3 ? ", …" : ""))", at: location,
                      hint: "install a font that has them (Debian/Ubuntu: sudo apt-get install "
                      + (isCJK ? "fonts-noto-cjk" : "fonts-noto-core") + "), or name one first in \"font\" of the storyboard's \"look\"")
    }

    /// Chinese, Japanese and Korean: Hangul Jamo, the CJK and kana blocks, Hangul syllables, compatibility
    /// ideographs, full-width forms and the supplementary ideographs.
    static func isCJK(_ value: UInt32) -> Bool {
        (0x1100...0x11FF).contains(value) || (0x2E80...0x9FFF).contains(value) || (0xAC00...0xD7AF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFF00...0xFFEF).contains(value) || (0x20000...0x3FFFF).contains(value)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
