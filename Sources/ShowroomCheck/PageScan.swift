import CLibXML2
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// What the checks need from one built HTML page, gathered in a single walk of libxml2's parse tree.
struct PageScan {
    struct Reference {
        /// `a`, `img`, `link`, `script`, `source`, `video`.
        var element: String
        var url: String
        var line: Int
    }

    var title: String?
    var metaDescription: String?
    var ids: [(id: String, line: Int)] = []
    var references: [Reference] = []
    var imagesWithoutAlt: [Int] = []
    var jsonLD: [String] = []
    var metaProperties: [String: String] = [:]
    /// Elements that put an item in a cart or open its checkout (`data-buy-sku`, `data-buy-price`).
    var buyControls: [(sku: String, price: String, line: Int)] = []
    /// The text a visitor reads (no scripts or styles), whitespace folded.
    var visibleText = ""
    /// Every `<img>` with what a browser chooses its file from: its `srcset`/`sizes` and those of the
    /// `<source>`s of its `<picture>` (libxml2's HTML4 parser nests them, so they are gathered in order).
    struct Picture {
        struct Source {
            var type: String?
            var srcset: String
            var sizes: String?
        }

        var line: Int
        var lazy: Bool
        var src: String?
        var sources: [Source]
    }

    var pictures: [Picture] = []
    private var pendingSources: [Picture.Source] = []
    /// Problems libxml2's parser reported, other than not knowing HTML5 elements.
    var parseErrors: [(message: String, line: Int)] = []

    init(_ bytes: [UInt8], path: String) {
        let collector = ErrorCollector()
        let box = Unmanaged.passRetained(collector)
        defer { box.release() }
        guard let context = htmlNewParserCtxt() else { return }
        defer { htmlFreeParserCtxt(context) }
        // libxml2 2.9 has no per-context handler; this one is per thread, and reset after the parse.
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        xmlSetStructuredErrorFunc(box.toOpaque(), { data, error in
            guard let data, let error else { return }
            let collector = Unmanaged<ErrorCollector>.fromOpaque(data).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
            collector.errors.append((message, Int(error.pointee.line)))
        })
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { htmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), path, "UTF-8", options) }
        }
        guard let document else { return }
        defer { xmlFreeDoc(document) }
        // libxml2's HTML parser predates HTML5: "Tag main invalid" is noise; the rest is real breakage.
        // Duplicate ids have their own rule.
        parseErrors = collector.errors.filter { !($0.0.hasPrefix("Tag ") && $0.0.hasSuffix(" invalid")) && !$0.0.hasPrefix("ID ") }
        var text: [String] = []
        walk(xmlDocGetRootElement(document), text: &text)
        visibleText = text.joined(separator: " ").collapsingWhitespace
    }

    private final class ErrorCollector {
        var errors: [(String, Int)] = []
    }

    private mutating func walk(_ start: xmlNodePtr?, text: inout [String]) {
        var node = start
        while let current = node {
            defer { node = current.pointee.next }
            if current.pointee.type == XML_TEXT_NODE {
                if let content = current.pointee.content { text.append(String(cString: content)) }
                continue
            }
            guard current.pointee.type == XML_ELEMENT_NODE, let rawName = current.pointee.name else { continue }
            let name = String(cString: rawName)
            let line = Int(xmlGetLineNo(current))
            if let id = Self.attribute(current, "id") { ids.append((id, line)) }
            if let sku = Self.attribute(current, "data-buy-sku") { buyControls.append((sku, Self.attribute(current, "data-buy-price") ?? "", line)) }
            switch name {
            case "title": title = Self.content(current)
            case "meta":
                if Self.attribute(current, "name") == "description" { metaDescription = Self.attribute(current, "content") }
                if let property = Self.attribute(current, "property") { metaProperties[property] = Self.attribute(current, "content") ?? "" }
            case "a", "link":
                // A Shopify cart permalink makes a cart when fetched: never requested by the link checker.
                if let href = Self.attribute(current, "href"), Self.attribute(current, "data-buy-now") == nil {
                    references.append(Reference(element: name, url: href, line: line))
                }
            case "picture":
                pendingSources = []
            case "img":
                if let src = Self.attribute(current, "src") { references.append(Reference(element: name, url: src, line: line)) }
                var sources = pendingSources
                // Every candidate of a srcset must exist, as the src must.
                for source in sources { references += ImageAudit.candidates(source.srcset).map { Reference(element: "source", url: $0.url, line: line) } }
                if let srcset = Self.attribute(current, "srcset") {
                    references += ImageAudit.candidates(srcset).map { Reference(element: name, url: $0.url, line: line) }
                    sources.append(.init(type: nil, srcset: srcset, sizes: Self.attribute(current, "sizes"))) }
                pictures.append(Picture(line: line, lazy: Self.attribute(current, "loading") == "lazy", src: Self.attribute(current, "src"), sources: sources))
                pendingSources = []
                if Self.attribute(current, "alt") == nil { imagesWithoutAlt.append(line) }
            case "script":
                if let src = Self.attribute(current, "src") { references.append(Reference(element: name, url: src, line: line)) }
                if Self.attribute(current, "type") == "application/ld+json" { jsonLD.append(Self.content(current)) }
                continue  // script text is not visible text
            case "source", "video":
                if name == "source", let srcset = Self.attribute(current, "srcset") {
                    pendingSources.append(.init(type: Self.attribute(current, "type"), srcset: srcset, sizes: Self.attribute(current, "sizes")))
                }
                for attribute in ["src", "poster"] {
                    if let url = Self.attribute(current, attribute) { references.append(Reference(element: name, url: url, line: line)) }
                }
            case "style", "template": continue
            default: break
            }
            walk(current.pointee.children, text: &text)
        }
    }

    private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { showroom_xml_free(value) }
        return String(cString: value)
    }

    private static func content(_ node: xmlNodePtr) -> String {
        guard let value = xmlNodeGetContent(node) else { return "" }
        defer { showroom_xml_free(value) }
        return String(cString: value)
    }
}
