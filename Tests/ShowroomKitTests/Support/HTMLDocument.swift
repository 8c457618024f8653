import CLibXML2
import Foundation
import Testing

/// A page of the built site parsed with libxml2's HTML parser, queried with XPath.
final class HTMLDocument {
    private let document: htmlDocPtr
    /// What the parser complained about (libxml2's HTML parser predates HTML5, so unknown-tag
    /// messages for HTML5 elements are filtered out; what remains is real breakage).
    private(set) var parseErrors: [String] = []

    init(_ bytes: [UInt8], url: String = "page.html") throws {
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), url, "UTF-8", options)
            }
        }
        guard let parsed else { throw HTMLParseError(url: url) }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    struct HTMLParseError: Error { var url: String }

    func nodes(_ xpath: String) -> [HTMLNode] {
        guard let context = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(context) }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { index in set.pointee.nodeTab[index].map { HTMLNode($0, owner: self) } }
    }

    func first(_ xpath: String) -> HTMLNode? { nodes(xpath).first }

    /// The text of the first match, whitespace folded.
    func text(_ xpath: String) -> String? { first(xpath)?.text }

    /// Every value of an attribute over all matching elements, e.g. all `href`s of `//a`.
    func attributes(_ xpath: String, _ name: String) -> [String] { nodes(xpath).compactMap { $0[name] } }
}

struct HTMLNode {
    let pointer: xmlNodePtr
    /// Keeps the document (which owns the node's memory) alive as long as the node is used.
    let owner: HTMLDocument

    init(_ pointer: xmlNodePtr, owner: HTMLDocument) {
        self.pointer = pointer
        self.owner = owner
    }

    var name: String { String(cString: pointer.pointee.name) }

    subscript(attribute: String) -> String? {
        guard let value = xmlGetProp(pointer, attribute) else { return nil }
        defer { showroom_xml_free(value) }
        return String(cString: value)
    }

    var text: String {
        guard let content = xmlNodeGetContent(pointer) else { return "" }
        defer { showroom_xml_free(content) }
        return String(cString: content).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension HTMLDocument {
    /// Every node of the page's JSON-LD (`@graph` members, or the top-level objects).
    func structuredData() throws -> [[String: Any]] {
        try nodes("//script[@type='application/ld+json']").flatMap { script -> [[String: Any]] in
            let object = try JSONSerialization.jsonObject(with: Data(script.text.utf8))
            guard let top = object as? [String: Any] else { return [] }
            #expect(top["@context"] as? String == "https://schema.org")
            return top["@graph"] as? [[String: Any]] ?? [top]
        }
    }

    func structuredData(ofType type: String) throws -> [[String: Any]] {
        try structuredData().filter { $0["@type"] as? String == type }
    }

    /// `<meta property=… content=…>` pairs (Open Graph), in page order.
    func metaProperties() -> [(String, String)] {
        nodes("//meta[@property]").map { ($0["property"] ?? "", $0["content"] ?? "") }
    }
}
