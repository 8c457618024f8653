import CLibXML2
import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// Product descriptions from marketplaces and shop systems are HTML (often messy: `<font>`, stray `<br>`,
/// layout tables, entities). This turns them into the GitHub-flavored Markdown a person would write, using
/// libxml2's forgiving HTML parser for the structure (never regular expressions).
///
/// Kept: paragraphs, headings (an `h1` becomes `##`, since the page title is the product's `h1`), bold,
/// italic, strikethrough, code, links, images, lists (nested, ordered with their start), tables (GFM pipe
/// tables, first row as header), block quotes, preformatted text, rules. Dropped: scripts, styles, forms,
/// `javascript:` links, inline styling. Text is escaped so it reads back as the same text.
public enum HTMLToMarkdown {
    public static func convert(_ html: String) -> String { convertReportingLoss(html).markdown }

    /// The Markdown, and whether libxml2 gave up on part of the HTML: it stops reading at elements nested
    /// deeper than 256 levels (a limit kept on purpose: it also bounds the converter's recursion).
    static func convertReportingLoss(_ html: String) -> (markdown: String, tooDeep: Bool) {
        withBody(html) { body in
            var converter = Converter()
            return Converter.join(converter.blocks(firstChild: body?.pointee.children))
        }
    }

    /// The text alone, whitespace folded, block boundaries as spaces: for one-line fields such as a summary.
    public static func plainText(_ html: String) -> String {
        withBody(html) { body in
            var text = ""
            Converter.gatherText(body?.pointee.children, into: &text)
            return Converter.foldWhitespace(text)
        }.markdown
    }

    private final class DepthWatch {
        var exceeded = false
    }

    private static func withBody(_ html: String, _ body: (xmlNodePtr?) -> String) -> (markdown: String, tooDeep: Bool) {
        // Line breaks as HTML's input preprocessing reads them (CR LF and a lone CR become LF); libxml2 keeps
        // a lone CR, which Markdown then takes as a line end where the converter did not indent one.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.utf8.count)
        var afterCR = false
        for byte in html.utf8 {
            if byte == 0x0A, afterCR { afterCR = false; continue }
            afterCR = byte == 0x0D
            bytes.append(afterCR ? 0x0A : byte)
        }
        guard !bytes.isEmpty else { return ("", false) }
        guard let context = htmlNewParserCtxt() else { return ("", false) }
        defer { htmlFreeParserCtxt(context) }
        let watch = DepthWatch()
        let box = Unmanaged.passRetained(watch)
        defer { box.release() }
        // libxml2 2.9 has no per-context handler; this one is per thread, and reset after the parse.
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        xmlSetStructuredErrorFunc(box.toOpaque(), { data, error in
            guard let data, let message = error?.pointee.message, String(cString: message).contains("Excessive depth") else { return }
            Unmanaged<DepthWatch>.fromOpaque(data).takeUnretainedValue().exceeded = true
        })
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), nil, "UTF-8", options) }
        }
        guard let document else { return ("", watch.exceeded) }
        defer { xmlFreeDoc(document) }
        let root = xmlDocGetRootElement(document)
        var node = root?.pointee.children
        while let current = node, Converter.name(current) != "body" { node = current.pointee.next }
        return (body(node), watch.exceeded)
    }
}

private struct Converter {
    static let blockElements: Set<String> = [
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure", "figcaption",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "blockquote", "pre", "hr", "dl", "dt", "dd",
        "center", "address", "details", "summary",
    ]
    static let droppedElements: Set<String> = ["script", "style", "noscript", "template", "iframe", "object", "embed", "form",
                                               "button", "input", "select", "textarea", "svg", "head", "title", "meta", "link"]
    /// Stands for a `<br>` while whitespace is folded.
    static let hardBreak: Character = "\u{1}"

    static func name(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { showroom_xml_free(value) }
        let text = String(cString: value).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    static func children(_ first: xmlNodePtr?) -> [xmlNodePtr] {
        var nodes: [xmlNodePtr] = []
        var node = first
        while let current = node { nodes.append(current); node = current.pointee.next }
        return nodes
    }

    static func isElement(_ node: xmlNodePtr) -> Bool { node.pointee.type == XML_ELEMENT_NODE }

    static func text(_ node: xmlNodePtr) -> String {
        guard let content = node.pointee.content else { return "" }
        return String(cString: content)
    }

    static func isBlock(_ node: xmlNodePtr) -> Bool { isElement(node) && blockElements.contains(name(node)) }

    /// Whether an element holds block structure somewhere inside (then it is a container, not a phrase).
    static func containsBlock(_ node: xmlNodePtr) -> Bool {
        children(node.pointee.children).contains { isBlock($0) || (isElement($0) && containsBlock($0)) }
    }

    // MARK: Blocks

    mutating func blocks(firstChild: xmlNodePtr?) -> [String] { blocks(Self.children(firstChild)) }

    mutating func blocks(_ nodes: [xmlNodePtr]) -> [String] {
        var result: [String] = []
        var phrase = ""
        func flush() {
            let paragraph = Self.paragraph(phrase)
            if !paragraph.isEmpty { result.append(paragraph) }
            phrase = ""
        }
        for node in nodes {
            let elementName = Self.isElement(node) ? Self.name(node) : ""
            if Self.droppedElements.contains(elementName) { continue }
            if Self.isBlock(node) || (Self.isElement(node) && elementName != "a" && Self.containsBlock(node)) {
                flush()
                result += block(node)
            } else {
                Self.appendPhrase(inline(node), to: &phrase)
            }
        }
        flush()
        return result
    }

    /// Blocks separated by blank lines. Two lists in a row would merge into one, so the second uses the
    /// other bullet (`*`) or delimiter (`1)`), which CommonMark reads as a new list.
    static func join(_ blocks: [String]) -> String {
        var joined: [String] = []
        for block in blocks {
            var block = block
            if let previous = joined.last, listKind(previous) != nil, listKind(previous) == listKind(block) {
                block = block.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    if line.hasPrefix("- ") { return "* " + line.dropFirst(2) }
                    if line.first?.isASCIIDigit == true, let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isASCIIDigit),
                       line[line.index(after: dot)...].hasPrefix(" ") {
                        return line[..<dot] + ")" + line[line.index(after: dot)...]
                    }
                    return String(line)
                }.joined(separator: "\n")
            }
            joined.append(block)
        }
        return joined.joined(separator: "\n\n")
    }

    /// "-" or "1." when a block is a list as this converter writes them.
    static func listKind(_ block: String) -> String? {
        if block.hasPrefix("- ") { return "-" }
        return startsOrderedItem(block) ? "1." : nil
    }

    /// CommonMark only reads `**` as bold when it hugs the words and, next to punctuation, is not glued to a
    /// letter on the other side (`**Material:**Cotton` stays literal). A space there keeps the emphasis.
    static func appendPhrase(_ piece: String, to phrase: inout String) {
        guard let first = piece.first, let last = phrase.last else { phrase += piece; return }
        for marker in ["**", "~~", "*"] {
            if phrase.hasSuffix(marker), first.isLetter || first.isNumber {
                let before = phrase.dropLast(marker.count).last
                if let before, before.isPunctuation || before.isSymbol, before != "\\" { phrase += " "; break }
            }
            if piece.hasPrefix(marker), last.isLetter || last.isNumber, let after = piece.dropFirst(marker.count).first,
               after.isPunctuation || after.isSymbol {
                phrase += " "
                break
            }
        }
        phrase += piece
    }

    private mutating func block(_ node: xmlNodePtr) -> [String] {
        let elementName = Self.name(node)
        switch elementName {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            let level = max(2, Int(String(elementName.last!))!)
            let text = Self.paragraph(inlineChildren(node), escapeLineStart: false).replacingOccurrences(of: "\\\n", with: " ")
            return text.isEmpty ? [] : [String(repeating: "#", count: level) + " " + text]
        case "ul", "ol":
            let list = list(node, ordered: elementName == "ol")
            return list.isEmpty ? [] : [list]
        case "table":
            let table = table(node)
            return table.isEmpty ? [] : [table]
        case "blockquote":
            let inner = Self.join(blocks(firstChild: node.pointee.children))
            guard !inner.isEmpty else { return [] }
            return [inner.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }.joined(separator: "\n")]
        case "pre":
            var text = ""
            Self.gatherRawText(node.pointee.children, into: &text)
            while text.hasSuffix("\n") { text.removeLast() }
            guard !text.isEmpty else { return [] }
            var fence = "```"
            while text.contains(fence) { fence += "`" }
            return [fence + "\n" + text + "\n" + fence]
        case "hr":
            return ["---"]
        case "dt":
            let text = Self.paragraph(inlineChildren(node))
            return text.isEmpty ? [] : ["**" + text + "**"]
        default:
            return blocks(firstChild: node.pointee.children)
        }
    }

    private mutating func list(_ node: xmlNodePtr, ordered: Bool) -> String {
        var number = ordered ? (Self.attribute(node, "start").flatMap { Int($0) } ?? 1) : 1
        var items: [String] = []
        var lastMarkerWidth = 2
        for item in Self.children(node.pointee.children) {
            // Line breaks between <li> elements are text nodes of their own.
            if !Self.isElement(item), Self.text(item).allSatisfy(\.isWhitespace) { continue }
            let content: [String]
            if Self.isElement(item), Self.name(item) == "li" {
                content = blocks(firstChild: item.pointee.children)
            } else if Self.isElement(item), ["ul", "ol"].contains(Self.name(item)), !items.isEmpty {
                // A nested list written as a sibling of its item (common in hand-written HTML) belongs to the item before.
                let nested = list(item, ordered: Self.name(item) == "ol")
                if !nested.isEmpty { items[items.count - 1] += "\n" + Self.indent(nested, by: lastMarkerWidth) }
                continue
            } else {
                // Stray text or elements directly inside a list: an item of their own.
                content = blocks([item])
                if content.isEmpty { continue }
            }
            let marker = ordered ? "\(number). " : "- "
            number += 1
            lastMarkerWidth = marker.count
            // A list right after the item's text stays tight ("- Flat base\n  - stands on its own").
            var body = content.first ?? ""
            for (previous, next) in zip(content, content.dropFirst()) {
                body += (Self.listKind(next) != nil && !previous.contains("\n\n") ? "\n" : "\n\n") + next
            }
            items.append(marker + Self.indent(body, by: marker.count).dropFirst(marker.count))
        }
        return items.joined(separator: "\n")
    }

    private mutating func table(_ node: xmlNodePtr) -> String {
        var rows: [[String]] = []
        var rowBlocks: [String] = []
        func collect(_ parent: xmlNodePtr) {
            for child in Self.children(parent.pointee.children) where Self.isElement(child) {
                switch Self.name(child) {
                case "thead", "tbody", "tfoot": collect(child)
                case "tr":
                    let cells = Self.children(child.pointee.children).filter { Self.isElement($0) && ["td", "th"].contains(Self.name($0)) }
                    rows.append(cells.map { cell in
                        let content = blocks(firstChild: cell.pointee.children)
                        rowBlocks.append(Self.join(content))
                        return content.joined(separator: " ").replacingOccurrences(of: "\\\n", with: " ").replacingOccurrences(of: "\n", with: " ")
                    })
                default: break
                }
            }
        }
        collect(node)
        rows.removeAll { $0.allSatisfy(\.isEmpty) }
        let width = rows.map(\.count).max() ?? 0
        guard width > 0 else { return "" }
        // A one-column table, or one holding lists or tables, is layout: its cells are the content.
        if width == 1 || Self.hasStructure(node) {
            return rowBlocks.filter { !$0.isEmpty }.joined(separator: "\n\n")
        }
        let padded = rows.map { $0 + Array(repeating: "", count: width - $0.count) }
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        return ([line(padded[0]), line(Array(repeating: "---", count: width))] + padded.dropFirst().map(line)).joined(separator: "\n")
    }

    /// Whether a table's cells hold lists, tables or other blocks a GFM table cell cannot.
    static func hasStructure(_ table: xmlNodePtr) -> Bool {
        func search(_ node: xmlNodePtr, depth: Int) -> Bool {
            children(node.pointee.children).contains { child in
                guard isElement(child) else { return false }
                let childName = name(child)
                if depth > 0, ["ul", "ol", "table", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"].contains(childName) { return true }
                return search(child, depth: depth + 1)
            }
        }
        return search(table, depth: 0)
    }

    // MARK: Phrases

    private mutating func inlineChildren(_ node: xmlNodePtr) -> String {
        var phrase = ""
        for child in Self.children(node.pointee.children) { Self.appendPhrase(inline(child), to: &phrase) }
        return phrase
    }

    private mutating func inline(_ node: xmlNodePtr) -> String {
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return Self.escape(Self.text(node))
        case XML_ELEMENT_NODE:
            break
        default:
            return ""
        }
        let elementName = Self.name(node)
        if Self.droppedElements.contains(elementName) { return "" }
        switch elementName {
        case "br":
            return String(Self.hardBreak)
        case "strong", "b":
            return Self.wrap(inlineChildren(node), in: "**")
        case "em", "i", "cite":
            return Self.wrap(inlineChildren(node), in: "*")
        case "del", "s", "strike":
            return Self.wrap(inlineChildren(node), in: "~~")
        case "code", "kbd", "samp", "tt":
            var text = ""
            Self.gatherRawText(node.pointee.children, into: &text)
            text = Self.foldWhitespace(text)
            guard !text.isEmpty else { return "" }
            let fence = text.contains("`") ? "``" : "`"
            return fence + (fence == "``" ? " \(text) " : text) + fence
        case "a":
            let label = inlineChildren(node)
            guard let href = Self.attribute(node, "href"), Self.isSafeLink(href) else { return label }
            let destination = Self.destination(href)
            let trimmed = label.trimmingCharacters(in: .whitespaces)
            return "[" + (trimmed.isEmpty ? Self.escape(href) : trimmed) + "](" + destination + ")"
        case "img":
            guard let source = Self.attribute(node, "src"), Self.isSafeLink(source) else { return "" }
            return " ![" + Self.escape(Self.attribute(node, "alt") ?? "") + "](" + Self.destination(source) + ") "
        default:
            return inlineChildren(node)
        }
    }

    /// `**` around the words, with surrounding spaces moved outside (`** x **` would not be bold).
    static func wrap(_ text: String, in marker: String) -> String {
        let core = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !core.isEmpty, core.contains(where: { $0 != hardBreak }) else { return text }
        let leading = text.first!.isWhitespace ? " " : ""
        let trailing = text.last!.isWhitespace ? " " : ""
        return leading + marker + core + marker + trailing
    }

    static func isSafeLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        return !(lower.hasPrefix("javascript:") || lower.hasPrefix("data:") || lower.hasPrefix("vbscript:"))
    }

    static func destination(_ url: String) -> String {
        url.contains(where: { $0 == " " || $0 == "(" || $0 == ")" || $0 == "<" || $0 == ">" })
            ? "<" + url.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") + ">"
            : url
    }

    /// Characters that would start Markdown syntax inside running text.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if "\\`*_[]<>|~".contains(character) || (character == "&" && looksLikeEntity(characters[(index + 1)...])) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// `&copy;` or `&#169;` written as text would be read back as the character.
    static func looksLikeEntity(_ rest: ArraySlice<Character>) -> Bool {
        let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "#") }
        return !name.isEmpty && name.count <= 32 && rest.dropFirst(name.count).first == ";"
    }

    /// One paragraph: whitespace folded as a browser would, `<br>` kept as a hard line break, and a line
    /// start that Markdown would read as a heading, list item or quote escaped.
    /// Two `<br>` in a row end the paragraph, as they look in a browser.
    static func paragraph(_ phrase: String, escapeLineStart: Bool = true) -> String {
        let lines = foldWhitespace(phrase).split(separator: hardBreak, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var paragraphs: [[String]] = [[]]
        for line in lines {
            if line.isEmpty {
                if !paragraphs[paragraphs.count - 1].isEmpty { paragraphs.append([]) }
            } else {
                paragraphs[paragraphs.count - 1].append(escapeLineStart ? escapeStart(line) : line)
            }
        }
        return paragraphs.filter { !$0.isEmpty }.map { $0.joined(separator: "\\\n") }.joined(separator: "\n\n")
    }

    static func escapeStart(_ line: String) -> String {
        guard let first = line.first else { return line }
        if "#+-=>".contains(first) { return "\\" + line }
        let digits = line.prefix { $0.isASCIIDigit }
        let rest = line.dropFirst(digits.count)
        if !digits.isEmpty, let after = rest.first, after == "." || after == ")", rest.dropFirst().first.map(\.isWhitespace) ?? true {
            return digits + "\\" + line.dropFirst(digits.count)
        }
        return line
    }

    static func startsOrderedItem(_ text: String) -> Bool {
        let rest = text.drop { $0.isASCIIDigit }
        return rest.hasPrefix(". ") && rest.count < text.count
    }

    static func foldWhitespace(_ text: String) -> String {
        var folded = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace && character != hardBreak {
                pendingSpace = !folded.isEmpty
            } else {
                if pendingSpace && character != hardBreak && folded.last != hardBreak { folded.append(" ") }
                pendingSpace = false
                folded.append(character)
            }
        }
        return folded
    }

    static func gatherRawText(_ first: xmlNodePtr?, into text: inout String) {
        for node in children(first) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += Self.text(node)
            case XML_ELEMENT_NODE where name(node) == "br": text += "\n"
            case XML_ELEMENT_NODE: gatherRawText(node.pointee.children, into: &text)
            default: break
            }
        }
    }

    static func gatherText(_ first: xmlNodePtr?, into text: inout String) {
        for node in children(first) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE: text += Self.text(node)
            case XML_ELEMENT_NODE where droppedElements.contains(name(node)): break
            case XML_ELEMENT_NODE:
                let separate = isBlock(node) || name(node) == "br"
                if separate { text += " " }
                gatherText(node.pointee.children, into: &text)
                if separate { text += " " }
            default: break
            }
        }
    }

    static func indent(_ text: String, by width: Int) -> String {
        let pad = String(repeating: " ", count: width)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }
}
