import ShowroomModel
import ShowroomSupport

/// Reads Mustache template text into the instructions `CompiledTemplates` runs, in one pass over the
/// UTF-8 bytes.
///
/// The reading rules are swift-mustache 2.1.1's, the engine themes were written against, so pages stay
/// byte for byte the same. Every case of the core Mustache spec passes (`MustacheSpecTests`); beyond
/// what the spec says, these rules keep pages as they were:
/// - spaces and tabs after a template's last line break are left out;
/// - after a section, whether a tag later on the line can be standalone follows the section's opening
///   tag, not its closing one;
/// - a standalone partial's indentation is written even when the partial renders nothing;
/// - a set-delimiter tag inside a section lasts until the section closes;
/// - a tag name is letters, digits and `. - _ ? *`; `name(…)` applies transforms (`{{count(tags)}}`,
///   `{{index()}}` for the current position in a list).
/// Unlike swift-mustache, a `{{` left open at the end of a line or of the template and an unknown
/// transform are errors (it dropped the one and rendered nothing for the other), and a `{` at the very
/// end is text (it refused the template). Template inheritance (`{{<parent}}`, `{{$block}}`) and dynamic
/// partial names (`{{>*name}}`) are errors.
package struct MustacheParser {
    /// How `{{name}}` escapes until a `{{% CONTENT_TYPE: … }}` tag says otherwise.
    package enum ContentType {
        case html
        /// Read as if the text began with `{{% CONTENT_TYPE: TEXT}}`, which is how feed fields and
        /// overlay texts have always been read: that tag on their first line means no tag of the first
        /// line is standalone, and a first line holding only spaces is left out.
        case text
    }

    /// The transforms `TemplateValue.transformed` knows, and `index` (a list item's position).
    static let transforms: Set<String> = [
        "capitalized", "count", "empty", "enumerated", "equalzero", "even", "first", "index", "last", "lowercased",
        "minusone", "odd", "plusone", "reversed", "sorted", "uppercased",
    ]

    private struct OpenSection {
        var name: String
        var transforms: [String]
        /// `{{#name}}` as written, and the tag that closes it, for error messages.
        var tag: String
        var closingTag: String
        /// Where its `.section` instruction is, to be given its end when the section closes.
        var instruction: Int
        var openedStandalone: Bool
        var delimiters: (start: [UInt8], end: [UInt8])
    }

    private let bytes: [UInt8]
    private var position = 0
    private var startDelimiter: [UInt8] = Array("{{".utf8)
    private var endDelimiter: [UInt8] = Array("}}".utf8)
    /// Whether a tag here could be standalone (alone on its line but for spaces and tabs).
    private var atLineStart = true
    /// The spaces and tabs that started the line, written before the next text or non-standalone tag.
    private var indentation = 0..<0
    private var sections: [OpenSection] = []
    private var template = ParsedTemplate()
    private let keepsIndentation: Bool

    private init(_ source: String, keepsIndentation: Bool) {
        bytes = Array(source.utf8)
        self.keepsIndentation = keepsIndentation
    }

    /// `keepsIndentation: false` leaves out the spaces and tabs that start each line of the template's own
    /// text (standalone partials then indent nothing either); interpolated values are never touched.
    package static func parse(_ source: String, contentType: ContentType = .html, keepsIndentation: Bool = true) throws(MustacheSyntaxError) -> ParsedTemplate {
        var parser = MustacheParser(source, keepsIndentation: keepsIndentation)
        if contentType == .text {
            parser.template.program.append(.escaping(false))
            parser.atLineStart = parser.isStandalone()
        }
        try parser.parse()
        return parser.template
    }

    private mutating func parse() throws(MustacheSyntaxError) {
        while position < bytes.count {
            if atLineStart {
                let start = position
                while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 { position += 1 }
                indentation = keepsIndentation ? start..<position : position..<position
            }
            let textStart = position
            let (textEnd, stop) = readText()
            switch stop {
            case .newline:
                appendText(indentation, textStart..<position)
                atLineStart = true
                continue
            case .tag, .end:
                if textEnd > textStart {
                    appendText(indentation, textStart..<textEnd)
                    indentation = 0..<0
                    atLineStart = false
                }
            }
            if stop == .end { break }
            guard position < bytes.count, lineBreakLength(at: position) == 0 else {
                throw error("a tag is not closed (missing \(string(endDelimiter)))", at: textEnd)
            }
            try parseTag(openedAt: textEnd)
        }
        if let open = sections.last {
            throw error("a section is never closed (\(open.tag) needs its \(open.closingTag))", at: position)
        }
    }

    private enum Stop { case newline, tag, end }

    /// Reads text up to a line break (and past it), a tag's start delimiter (and past it) or the end.
    /// Returns where the text ends.
    private mutating func readText() -> (end: Int, stop: Stop) {
        let first = startDelimiter[0]
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x0A {
                position += 1
                return (position - 1, .newline)
            }
            if byte == 0x0D, position + 1 < bytes.count, bytes[position + 1] == 0x0A {
                position += 2
                return (position - 2, .newline)
            }
            if byte == first, hasPrefix(startDelimiter, at: position) {
                position += startDelimiter.count
                return (position - startDelimiter.count, .tag)
            }
            position += 1
        }
        return (position, .end)
    }

    private mutating func parseTag(openedAt tagStart: Int) throws(MustacheSyntaxError) {
        switch bytes[position] {
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            let inverted = bytes[position] == UInt8(ascii: "^")
            position += 1
            let name = try parseName()
            let tag = string(bytes[tagStart..<position])
            let standalone = isStandalone()
            if !standalone { flushIndentation() }
            sections.append(OpenSection(name: name.name, transforms: name.transforms, tag: tag,
                                        closingTag: string(startDelimiter) + "/" + name.text + string(endDelimiter),
                                        instruction: template.program.count, openedStandalone: standalone, delimiters: (startDelimiter, endDelimiter)))
            template.names.append(CompiledTemplates.TemplateName(name: name.name, transforms: name.transforms))
            template.program.append(.section(name: Int32(template.names.count - 1), end: -1, inverted: inverted))
            indentation = 0..<0
            atLineStart = standalone
        case UInt8(ascii: "/"):
            position += 1
            let nameStart = position
            let name = try parseName()
            guard let open = sections.last, open.name == name.name, open.transforms == name.transforms else {
                let closing = string(bytes[tagStart..<position])
                if let open = sections.last {
                    throw error("a section is closed with a different name than it was opened with (\(open.tag)…\(closing)): "
                                + "close it with \(open.closingTag)", at: nameStart)
                }
                throw error("\(closing) closes a section that was never opened: remove it, or open the section before it", at: nameStart)
            }
            if !isStandalone() { flushIndentation() }
            sections.removeLast()
            if case .section(let name, _, let inverted) = template.program[open.instruction] {
                template.program[open.instruction] = .section(name: name, end: Int32(template.program.count), inverted: inverted)
            }
            (startDelimiter, endDelimiter) = open.delimiters
            indentation = 0..<0
            atLineStart = open.openedStandalone
        case UInt8(ascii: "!"):
            position += 1
            guard let end = find(endDelimiter, from: position) else {
                throw error("a comment is not closed (missing \(string(endDelimiter)))", at: tagStart)
            }
            position = end + endDelimiter.count
            atLineStart = isStandalone()
        case UInt8(ascii: "{"):
            flushIndentation()
            position += 1
            let name = try parseName()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "}") else {
                throw error("a {{{triple mustache}}} is not closed (missing its third })", at: position)
            }
            position += 1
            appendVariable(name, escaped: false)
            atLineStart = false
        case UInt8(ascii: "&"):
            flushIndentation()
            position += 1
            appendVariable(try parseName(), escaped: false)
            atLineStart = false
        case UInt8(ascii: ">"):
            position += 1
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "*") {
                throw error("dynamic partial names ({{>*name}}) are not supported: name the partial, {{> name}}", at: position)
            }
            let name = try parsePartialName()
            if !indentation.isEmpty { appendText(indentation, position..<position) }
            let standalone = isStandalone()
            var indented: Int32 = -1
            if standalone, !indentation.isEmpty {
                template.indentations.append(Array(bytes[indentation]))
                indented = Int32(template.indentations.count - 1)
            }
            template.partials.append(name)
            template.program.append(.partial(template: Int32(template.partials.count - 1), indentation: indented))
            indentation = 0..<0
            atLineStart = standalone
        case UInt8(ascii: "<"), UInt8(ascii: "$"):
            throw error("template inheritance ({{<parent}} and {{$block}}) is not supported: use partials, {{> name}}", at: tagStart)
        case UInt8(ascii: "="):
            position += 1
            try parseDelimiters(tagStart: tagStart)
            atLineStart = isStandalone()
        case UInt8(ascii: "%"):
            position += 1
            try parsePragma(tagStart: tagStart)
            atLineStart = isStandalone()
        default:
            flushIndentation()
            appendVariable(try parseName(), escaped: true)
            atLineStart = false
        }
    }

    // MARK: Names

    private static let nameCharacters: [Bool] = {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*".utf8)
        return (0..<256).map { allowed.contains(UInt8($0)) }
    }()

    private func isNameByte(_ byte: UInt8, brackets: Bool) -> Bool {
        Self.nameCharacters[Int(byte)] || (brackets && (byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")")))
    }

    /// A tag's name up to and past its end delimiter, split into the name and its transforms:
    /// `count(tags)` is `tags` with `count`; `a(b(c))` applies `b`, then `a`.
    private mutating func parseName() throws(MustacheSyntaxError) -> (name: String, transforms: [String], text: String) {
        skipWhitespace()
        let start = position
        while position < bytes.count, isNameByte(bytes[position], brackets: true) { position += 1 }
        let text = bytes[start..<position]
        try expectEndDelimiter()

        var index = text.startIndex
        func segment() -> String {
            let segmentStart = index
            while index < text.endIndex, isNameByte(text[index], brackets: false) { index += 1 }
            return string(text[segmentStart..<index])
        }
        let first = segment()
        guard index < text.endIndex else { return (first, [], first) }
        func malformed() -> MustacheSyntaxError {
            error("\"\(string(text))\" is not a name or a transform: write name, or transform(name) as in {{count(tags)}}", at: start)
        }
        guard text[index] == UInt8(ascii: "(") else { throw malformed() }
        index += 1
        var transforms = [first]
        while true {
            let name = segment()
            guard index < text.endIndex else { throw malformed() }
            if text[index] == UInt8(ascii: "(") {
                transforms.append(name)
                index += 1
                continue
            }
            guard text[index] == UInt8(ascii: ")") else { throw malformed() }
            index += 1
            var closing = 1
            while index < text.endIndex, text[index] == UInt8(ascii: ")") {
                closing += 1
                index += 1
            }
            guard closing == transforms.count, index == text.endIndex else { throw malformed() }
            for transform in transforms where !Self.transforms.contains(transform) {
                throw error("unknown transform \"\(transform)\" in \(string(startDelimiter))\(string(text))\(string(endDelimiter)): "
                            + "the transforms are \(Self.transforms.sorted().joined(separator: ", "))", at: start)
            }
            return (name, transforms, string(text))
        }
    }

    private mutating func parsePartialName() throws(MustacheSyntaxError) -> String {
        skipWhitespace()
        let start = position
        while position < bytes.count, isNameByte(bytes[position], brackets: true) || bytes[position] == UInt8(ascii: "/") { position += 1 }
        let name = string(bytes[start..<position])
        try expectEndDelimiter()
        return name
    }

    private mutating func expectEndDelimiter() throws(MustacheSyntaxError) {
        skipWhitespace()
        guard hasPrefix(endDelimiter, at: position) else {
            guard position < bytes.count else { throw error("a tag is not closed (missing \(string(endDelimiter)))", at: position) }
            throw error("a tag is not closed (missing \(string(endDelimiter))): a name holds letters, digits and . - _ ? *, "
                        + "and \(string(bytes[position..<min(position + 1, bytes.count)]).debugDescription) cannot stand in one", at: position)
        }
        position += endDelimiter.count
    }

    // MARK: Set delimiters and pragmas

    /// `{{=<% %>=}}`: two delimiters without white space inside, separated by white space.
    private mutating func parseDelimiters(tagStart: Int) throws(MustacheSyntaxError) {
        func invalid() -> MustacheSyntaxError {
            error("invalid set-delimiter tag: write {{=<% %>=}}, the new start and end delimiters separated by a space, "
                  + "each without spaces or =", at: tagStart)
        }
        skipWhitespace()
        let start = position
        while position < bytes.count, whitespaceLength(at: position) == 0 { position += 1 }
        guard position < bytes.count else { throw invalid() }
        let newStart = Array(bytes[start..<position])
        skipWhitespace()
        let end = position
        while position < bytes.count, whitespaceLength(at: position) == 0, bytes[position] != UInt8(ascii: "=") { position += 1 }
        guard position < bytes.count else { throw invalid() }
        let newEnd = Array(bytes[end..<position])
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "="), hasPrefix(endDelimiter, at: position + 1),
              !newStart.isEmpty, !newEnd.isEmpty else { throw invalid() }
        position += 1 + endDelimiter.count
        (startDelimiter, endDelimiter) = (newStart, newEnd)
    }

    /// `{{% CONTENT_TYPE: TEXT}}` (no escaping from here to the end of this template or section) or `HTML`.
    private mutating func parsePragma(tagStart: Int) throws(MustacheSyntaxError) {
        func invalid() -> MustacheSyntaxError {
            error("invalid {{% … }} pragma: the one Showroom knows is {{% CONTENT_TYPE: TEXT}} (or HTML)", at: tagStart)
        }
        func word() -> String {
            skipWhitespace()
            let start = position
            while position < bytes.count, isNameByte(bytes[position], brackets: false) { position += 1 }
            return string(bytes[start..<position])
        }
        let variable = word()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw invalid() }
        position += 1
        let value = word()
        skipWhitespace()
        guard hasPrefix(endDelimiter, at: position), variable == "CONTENT_TYPE" else { throw invalid() }
        position += endDelimiter.count
        switch value {
        case "HTML": template.program.append(.escaping(true))
        case "TEXT": template.program.append(.escaping(false))
        default: throw invalid()
        }
    }

    // MARK: Lines and white space

    /// Whether the tag just read stands alone on its line: if so, the spaces, tabs and line break after it
    /// are read too. The end of the text counts as the end of a line, but spaces before it do not.
    private mutating func isStandalone() -> Bool {
        guard atLineStart else { return false }
        guard position < bytes.count else { return true }
        var cursor = position
        while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
        let lineBreak = lineBreakLength(at: cursor)
        guard lineBreak > 0 else { return false }
        position = cursor + lineBreak
        return true
    }

    /// The length of the line break (in Swift's sense of a newline Character) that starts at `index`, or 0.
    private func lineBreakLength(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        switch bytes[index] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0  // U+0085
        case 0xE2:  // U+2028, U+2029
            return index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// The length of the white space character (Unicode's White_Space) that starts at `index`, or 0.
    private func whitespaceLength(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        let byte = bytes[index]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : 0 }
        func follows(_ tail: UInt8...) -> Bool {
            index + tail.count < bytes.count && tail.indices.allSatisfy { bytes[index + 1 + $0] == tail[$0] }
        }
        switch byte {
        case 0xC2 where follows(0x85) || follows(0xA0): return 2
        case 0xE1 where follows(0x9A, 0x80): return 3  // U+1680
        case 0xE2:
            guard index + 2 < bytes.count else { return 0 }
            let (second, third) = (bytes[index + 1], bytes[index + 2])
            // U+2000…U+200A, U+2028, U+2029, U+202F, U+205F
            if second == 0x80, (0x80...0x8A).contains(third) || third == 0xA8 || third == 0xA9 || third == 0xAF { return 3 }
            return second == 0x81 && third == 0x9F ? 3 : 0
        case 0xE3 where follows(0x80, 0x80): return 3  // U+3000
        default: return 0
        }
    }

    private mutating func skipWhitespace() {
        while true {
            let length = whitespaceLength(at: position)
            guard length > 0 else { return }
            position += length
        }
    }

    // MARK: Output

    private mutating func appendText(_ first: Range<Int>, _ second: Range<Int>) {
        guard !first.isEmpty || !second.isEmpty else { return }
        let start = Int32(template.text.count)
        template.text.append(contentsOf: bytes[first])
        template.text.append(contentsOf: bytes[second])
        template.program.append(.text(start: start, end: Int32(template.text.count)))
    }

    private mutating func flushIndentation() {
        appendText(indentation, 0..<0)
        indentation = 0..<0
    }

    private mutating func appendVariable(_ name: (name: String, transforms: [String], text: String), escaped: Bool) {
        template.names.append(CompiledTemplates.TemplateName(name: name.name, transforms: name.transforms))
        template.program.append(.variable(name: Int32(template.names.count - 1), escaped: escaped))
    }

    // MARK: Bytes

    private func hasPrefix(_ prefix: [UInt8], at index: Int) -> Bool {
        guard index + prefix.count <= bytes.count else { return false }
        for offset in prefix.indices where bytes[index + offset] != prefix[offset] { return false }
        return true
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if hasPrefix(needle, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func string(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// An error at `index`, with its line and column (in characters, 1-based) and the line's text.
    private func error(_ reason: String, at index: Int) -> MustacheSyntaxError {
        let index = min(index, bytes.count)
        var lineStart = index
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = index
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        var line = 1
        for byte in bytes[..<lineStart] where byte == 0x0A { line += 1 }
        return MustacheSyntaxError(line: line, column: string(bytes[lineStart..<index]).count + 1, reason: reason,
                                   lineText: string(bytes[lineStart..<lineEnd]))
    }
}

/// Where a template does not parse, in its own text (1-based; the column in characters).
package struct MustacheSyntaxError: Error, Equatable {
    package var line: Int
    package var column: Int
    /// What is wrong and how to fix it.
    package var reason: String
    /// The text of that line.
    package var lineText: String
}
