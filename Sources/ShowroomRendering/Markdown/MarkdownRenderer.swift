import CCmarkGFM
import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// GitHub-flavored Markdown to HTML through libcmark-gfm: tables, strikethrough, autolinks, task lists,
/// the tag filter and footnotes. Raw HTML in Markdown is omitted (cmark's safe mode), so a write-up
/// can never inject a script into the storefront.
///
/// Not thread-safe: each rendering worker owns one renderer (the extension list is looked up once).
public final class MarkdownRenderer {
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]
    private static let registration: Void = { cmark_gfm_core_extensions_ensure_registered() }()
    private static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE | CMARK_OPT_VALIDATE_UTF8

    private let extensions: [OpaquePointer]

    public init() {
        _ = Self.registration
        extensions = Self.extensionNames.compactMap { cmark_find_syntax_extension($0) }
        precondition(extensions.count == Self.extensionNames.count, "libcmark-gfm-extensions is missing GFM extensions")
    }

    /// - Parameter basePath: prefixed to root-relative link and image targets (`/shipping/` →
    ///   `/store/shipping/`) when the site is deployed under a folder.
    public func html(from markdown: String, basePath: String = "") -> String {
        withDocument(markdown) { parser, document in
            if !basePath.isEmpty { prefixRootRelativeLinks(in: document, with: basePath) }
            guard let rendered = cmark_render_html(document, Self.options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// Parses with the GFM extensions attached and hands the document tree to `body`.
    private func withDocument(_ markdown: String, _ body: (_ parser: OpaquePointer, _ document: OpaquePointer) -> String) -> String {
        guard let parser = cmark_parser_new(Self.options) else { return "" }
        defer { cmark_parser_free(parser) }
        for syntaxExtension in extensions { cmark_parser_attach_syntax_extension(parser, syntaxExtension) }
        var markdown = markdown
        markdown.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        // cmark-gfm adds the extensions' trigger characters (":" and "w" for autolinks, "~" for strikethrough)
        // to one process-wide table when a parse's inline phase starts, and removes them when it ends. Two
        // documents finishing at once would each strip the other's, and autolinks would come and go between
        // builds; so the inline phase runs one document at a time (rendering stays parallel).
        Self.inlinePhase.lock()
        let finished = cmark_parser_finish(parser)
        Self.inlinePhase.unlock()
        guard let document = finished else { return "" }
        defer { cmark_node_free(document) }
        return body(parser, document)
    }

    private static let inlinePhase = NSLock()

    private func prefixRootRelativeLinks(in document: OpaquePointer, with basePath: String) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { continue }
            let target = String(cString: url)
            if target.hasPrefix("/"), !target.hasPrefix("//") { cmark_node_set_url(node, basePath + target) }
        }
    }

    /// Plain text of the Markdown (for descriptions in meta tags and feeds): no markup, whitespace folded.
    public func plainText(from markdown: String) -> String {
        withDocument(markdown) { _, document in plainText(of: document) }
    }

    /// HTML and plain text from one parse (a product page needs both).
    public func htmlAndPlainText(from markdown: String, basePath: String = "") -> (html: String, text: String) {
        var text = ""
        let html = withDocument(markdown) { parser, document in
            text = plainText(of: document)  // before the links are rewritten: text has no URLs anyway
            if !basePath.isEmpty { prefixRootRelativeLinks(in: document, with: basePath) }
            guard let rendered = cmark_render_html(document, Self.options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
        return (html, text)
    }

    private func plainText(of document: OpaquePointer) -> String {
        var text = PlainTextBuffer()
        guard let iterator = cmark_iter_new(document) else { return "" }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER, type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                text.append(literal)
            } else if event == CMARK_EVENT_ENTER, type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text.space()
            } else if event == CMARK_EVENT_EXIT, type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM {
                text.endSentence()
            } else if event == CMARK_EVENT_EXIT, let name = cmark_node_get_type_string(node) {
                if strcmp(name, "table_cell") == 0 { text.space() }  // "Size 750 ml", not "Size750 ml"
                else if strcmp(name, "table_row") == 0 || strcmp(name, "table_header") == 0 { text.endSentence() }
            }
        }
        return text.string
    }
}

/// Collects plain text as UTF-8 with whitespace folded as it arrives: one space between words, none
/// at the ends. Bytes, not Characters: every write-up passes through here.
private struct PlainTextBuffer {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func space() { pendingSpace = !bytes.isEmpty }

    mutating func append(_ literal: UnsafePointer<CChar>) {
        let count = strlen(literal)
        literal.withMemoryRebound(to: UInt8.self, capacity: count + 1) { pointer in
            var index = 0
            while index < count {
                let width = Self.whitespaceWidth(pointer + index)
                if width > 0 {
                    space()
                    index += width
                    continue
                }
                // Copy up to the next byte that may start white space, at once (byte by byte was 2 % of a build).
                var end = index + 1
                while end < count, pointer[end] > 0x20, pointer[end] < 0x80 { end += 1 }
                if pendingSpace { bytes.append(UInt8(ascii: " ")); pendingSpace = false }
                bytes.append(contentsOf: UnsafeBufferPointer(start: pointer + index, count: end - index))
                index = end
            }
        }
    }

    /// Blocks run together in plain text, so a heading or list item without closing punctuation gets a
    /// full stop: "Honest candles. Pure beeswax…", not "Honest candles Pure beeswax…".
    mutating func endSentence() {
        guard !bytes.isEmpty else { return }
        if !Self.endsWithStop(bytes) { bytes.append(UInt8(ascii: ".")) }
        pendingSpace = true
    }

    private static let stops: [[UInt8]] = ".!?:;…。！？".unicodeScalars.map { Array(String($0).utf8) }

    private static func endsWithStop(_ bytes: [UInt8]) -> Bool {
        stops.contains { stop in bytes.count >= stop.count && bytes.suffix(stop.count).elementsEqual(stop) }
    }

    /// The UTF-8 length of the whitespace character at `pointer` (Unicode's White_Space), or 0.
    private static func whitespaceWidth(_ pointer: UnsafePointer<UInt8>) -> Int {
        let byte = pointer[0]
        if byte < 0x80 { return byte == 0x20 || (0x09...0x0D).contains(byte) ? 1 : 0 }
        switch byte {
        case 0xC2 where pointer[1] == 0x85 || pointer[1] == 0xA0: return 2  // NEL, no-break space
        case 0xE1 where pointer[1] == 0x9A && pointer[2] == 0x80: return 3  // ogham space mark
        case 0xE2 where pointer[1] == 0x80 && ((0x80...0x8A).contains(pointer[2]) || [0xA8, 0xA9, 0xAF].contains(pointer[2])): return 3
        case 0xE2 where pointer[1] == 0x81 && pointer[2] == 0x9F: return 3  // medium mathematical space
        case 0xE3 where pointer[1] == 0x80 && pointer[2] == 0x80: return 3  // ideographic space
        default: return 0
        }
    }
}
