import CLibXML2
import Foundation

/// An XML output file (feed, sitemap) parsed strictly with libxml2; XPath with the feeds' namespaces.
final class XMLTestDocument {
    private let document: xmlDocPtr
    static let namespaces = [
        "g": "http://base.google.com/ns/1.0",
        "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "image": "http://www.google.com/schemas/sitemap-image/1.1",
        "video": "http://www.google.com/schemas/sitemap-video/1.1",
        "atom": "http://www.w3.org/2005/Atom",
    ]

    struct NotWellFormed: Error { var path: String }

    init(_ bytes: [UInt8], path: String = "file.xml") throws {
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), path, nil, options) }
        }
        guard let parsed else { throw NotWellFormed(path: path) }
        document = parsed
    }

    deinit { xmlFreeDoc(document) }

    /// Text of every node matching `xpath`.
    func texts(_ xpath: String, in contextNode: xmlNodePtr? = nil) -> [String] {
        nodes(xpath, in: contextNode).map { node in
            guard let content = xmlNodeGetContent(node) else { return "" }
            defer { showroom_xml_free(content) }
            return String(cString: content)
        }
    }

    func text(_ xpath: String, in contextNode: xmlNodePtr? = nil) -> String? { texts(xpath, in: contextNode).first }

    func nodes(_ xpath: String, in contextNode: xmlNodePtr? = nil) -> [xmlNodePtr] {
        guard let context = xmlXPathNewContext(document) else { return [] }
        defer { xmlXPathFreeContext(context) }
        for (prefix, uri) in Self.namespaces { xmlXPathRegisterNs(context, prefix, uri) }
        if let contextNode { context.pointee.node = contextNode }
        guard let result = xmlXPathEvalExpression(xpath, context) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { set.pointee.nodeTab[$0] }
    }

    /// Validates against an XML Schema file; returns libxml2's messages with line numbers (empty when valid).
    func validate(schema path: String) -> [String] {
        guard let parserContext = xmlSchemaNewParserCtxt(path) else { return ["cannot read schema \(path)"] }
        defer { xmlSchemaFreeParserCtxt(parserContext) }
        guard let schema = xmlSchemaParse(parserContext) else { return ["cannot load schema \(path)"] }
        defer { xmlSchemaFree(schema) }
        guard let validation = xmlSchemaNewValidCtxt(schema) else { return ["cannot create validation context"] }
        defer { xmlSchemaFreeValidCtxt(validation) }
        let messages = MessageCollector()
        let box = Unmanaged.passRetained(messages)
        defer { box.release() }
        xmlSchemaSetValidStructuredErrors(validation, { context, error in
            guard let context, let error else { return }
            let collector = Unmanaged<MessageCollector>.fromOpaque(context).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "?"
            collector.messages.append("line \(error.pointee.line): \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }, box.toOpaque())
        let result = xmlSchemaValidateDoc(validation, document)
        if result != 0 && messages.messages.isEmpty { return ["not valid against \(path) (libxml2 code \(result))"] }
        return messages.messages
    }

    private final class MessageCollector {
        var messages: [String] = []
    }
}
