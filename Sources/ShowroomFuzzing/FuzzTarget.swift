import Foundation
import ShowroomImport
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomServe
import ShowroomTemplates

/// The readers of untrusted text we wrote ourselves, each with a property that must hold for any input,
/// beyond not crashing. `scripts/fuzz` runs them under libFuzzer; the test suite replays every input saved
/// in `Tests/Fuzz/` (the corpus and each crash found) through the same checks.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case json
    case frontMatter = "front-matter"
    case delimitedText = "delimited-text"
    case htmlToMarkdown = "html-to-markdown"
    case previewPath = "preview-path"
    case templates

    /// Checks the target's property on one input; throws what went wrong.
    public func check(_ bytes: [UInt8]) throws(FuzzFinding) {
        switch self {
        case .json: try Self.checkJSON(bytes)
        case .frontMatter: try Self.checkFrontMatter(bytes)
        case .delimitedText: try Self.checkDelimitedText(bytes)
        case .htmlToMarkdown: try Self.checkHTMLToMarkdown(bytes)
        case .previewPath: try Self.checkPreviewPath(bytes)
        case .templates: try Self.checkTemplates(bytes)
        }
    }

    /// Our parser accepts exactly what Foundation's does, and reads the same values.
    static func checkJSON(_ bytes: [UInt8]) throws(FuzzFinding) {
        try compareJSON(bytes, ours: try? JSONParser.parse(bytes),
                        foundation: try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]))
    }

    /// For the suite's test that the check can fail: two texts read by the two parsers.
    static func checkJSONAgainst(ours: String, foundation: String) throws(FuzzFinding) {
        try compareJSON(Array(ours.utf8), ours: try? JSONParser.parse(Array(ours.utf8)),
                        foundation: try? JSONSerialization.jsonObject(with: Data(foundation.utf8), options: [.fragmentsAllowed]))
    }

    private static func compareJSON(_ bytes: [UInt8], ours: JSONNode?, foundation: Any?) throws(FuzzFinding) {
        switch (ours, foundation) {
        case (nil, nil): return
        case (let node?, let object?):
            guard JSONComparison.same(node, object) else { throw FuzzFinding("JSON values differ from JSONSerialization's: \(node)") }
        case (_?, nil):
            // Foundation refuses some texts that RFC 8259 allows; those are listed, anything else is a finding.
            guard JSONComparison.foundationRefusesValidJSON(bytes) else { throw FuzzFinding("accepted JSON that JSONSerialization rejects") }
        case (nil, _?):
            guard JSONComparison.foundationAcceptsInvalidJSON(bytes) else { throw FuzzFinding("rejected JSON that JSONSerialization accepts") }
        }
    }

    /// The body the split reports is the end of the file, at the offset it reports.
    static func checkFrontMatter(_ bytes: [UInt8]) throws(FuzzFinding) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let sink = DiagnosticSink()
        guard let document = FrontMatter.parse(text, displayPath: "fuzz.md", sink: sink) else {
            guard sink.errorCount > 0 else { throw FuzzFinding("front matter refused without saying why") }
            return
        }
        let utf8 = Array(text.utf8)
        guard document.bodyOffset >= 0, document.bodyOffset <= utf8.count,
              Array(utf8[document.bodyOffset...]) == Array(document.body.utf8) else {
            throw FuzzFinding("the body is not the file's bytes from offset \(document.bodyOffset)")
        }
    }

    /// Any bytes read without a crash; and a table we write as CSV reads back as the same table.
    static func checkDelimitedText(_ bytes: [UInt8]) throws(FuzzFinding) {
        for separator in [UInt8(ascii: ","), UInt8(ascii: "\t")] {
            _ = try? DelimitedText.parse(bytes, separator: separator, file: "fuzz.csv")
            _ = try? DelimitedText.parse(bytes, separator: separator, file: "fuzz.csv", lenientQuotes: true)
        }
        // Fields split at 0x1F and records at 0x1E, as the input spells them.
        let text = String(decoding: bytes, as: UTF8.self)
        let table = text.split(separator: "\u{1E}", omittingEmptySubsequences: false).map {
            $0.split(separator: "\u{1F}", omittingEmptySubsequences: false).map { field in
                // The writer drops control characters other than line breaks and tabs, and the reader reads
                // every line break inside a field as "\n", both by design.
                String(String.UnicodeScalarView(field.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\r" || $0 == "\t" }))
                    .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            }
        }.filter { row in !Self.isBlank(row) }  // a line of nothing but white space is no record, by design
        // A U+FEFF that starts the file is read as its byte order mark, by design: the table cannot start with one.
        guard !table.isEmpty, !(table[0].first?.hasPrefix("\u{FEFF}") ?? false) else { return }
        var csv: [UInt8] = []
        for row in table {
            for (index, field) in row.enumerated() {
                if index > 0 { csv.append(UInt8(ascii: ",")) }
                CSVWriter.writeField(field, to: &csv)
            }
            csv.append(UInt8(ascii: "\n"))
        }
        let read: DelimitedText
        do {
            read = try DelimitedText.parse(csv, separator: UInt8(ascii: ","), file: "fuzz.csv")
        } catch {
            throw FuzzFinding("a CSV we wrote does not read back: \(error)")
        }
        let records = read.records.map(\.fields)
        guard records == table else { throw FuzzFinding("a CSV we wrote reads back as another table: \(table) → \(records)") }
    }

    /// What the reader skips as a blank record (`DelimitedText.Record.isBlank`): white space alone, even quoted.
    static func isBlank(_ row: [String]) -> Bool { row.allSatisfy { $0.allSatisfy(\.isWhitespace) } }

    /// Imported HTML becomes Markdown that cmark renders without raw HTML (which the storefront would drop),
    /// and the Markdown stays within a fixed multiple of the HTML's length.
    static func checkHTMLToMarkdown(_ bytes: [UInt8]) throws(FuzzFinding) {
        let html = String(decoding: bytes, as: UTF8.self)
        let markdown = HTMLToMarkdown.convert(html)
        guard markdown.utf8.count <= 16 * bytes.count + 256 else {
            throw FuzzFinding("\(bytes.count) bytes of HTML became \(markdown.utf8.count) bytes of Markdown")
        }
        try checkMarkdownHasNoRawHTML(markdown)
    }

    static func checkMarkdownHasNoRawHTML(_ markdown: String) throws(FuzzFinding) {
        let rendered = MarkdownRenderer().html(from: markdown)
        guard !rendered.contains("raw HTML omitted") else { throw FuzzFinding("the Markdown holds raw HTML: \(markdown)") }
    }

    /// A request path resolves to a file of the site or is refused: never a path that leaves it.
    static func checkPreviewPath(_ bytes: [UInt8]) throws(FuzzFinding) {
        let raw = String(decoding: bytes, as: UTF8.self)
        guard case .path(let path) = PreviewResponder.resolve(raw) else { return }
        try checkPreviewPathResult(path, raw: raw)
    }

    static func checkPreviewPathResult(_ path: String, raw: String) throws(FuzzFinding) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !path.isEmpty, !path.contains("\0"), !path.contains("\\"),
              !segments.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw FuzzFinding("\(raw.debugDescription) resolved to \(path.debugDescription)")
        }
    }
}

extension FuzzTarget {
    /// A template either parses or gets a located syntax error inside the text; a parsed one renders
    /// against nested values (and itself as a partial) within a bounded output.
    static func checkTemplates(_ bytes: [UInt8]) throws(FuzzFinding) {
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        let compiled: CompiledTemplates
        do {
            compiled = try CompiledTemplates(sources: ["page": text, "item": "{{title}}"])
        } catch {
            // Lines as the parser counts them: each LF starts one (a Character split would take CR LF as one).
            let lines = text.utf8.filter { $0 == 0x0A }.count + 1
            guard error.line >= 1, error.line <= lines, error.column >= 1 else {
                throw FuzzFinding("a syntax error at \(error.line):\(error.column), outside a text of \(lines) lines")
            }
            return
        }
        let item: TemplateFields = ["title": "<b>&\"'</b>", "price": ["current": "$1"] as TemplateFields, "on_sale": true]
        let root: TemplateFields = ["title": "T", "items": [item, item], "empty": [TemplateFields](), "count": 0, "page": item]
        let output = compiled.render("page", root: root.templateValue)
        // Sections repeat their body per item (two here) and partials nest; recursion through `{{> page}}`
        // is bounded by the renderer's depth, so the output stays within a fixed multiple of the template.
        guard output.count <= 64 * (bytes.count + 16) * 64 else {
            throw FuzzFinding("\(bytes.count) bytes of template rendered to \(output.count) bytes")
        }
    }
}

/// A property that did not hold.
public struct FuzzFinding: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
