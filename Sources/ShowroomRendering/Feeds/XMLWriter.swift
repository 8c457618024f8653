import CLibXML2
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Writes XML through libxml2's text writer: well-formed and escaped whatever product text holds.
/// Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates are impossible in Swift
/// strings) are dropped rather than producing a document no parser accepts.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private let writer: xmlTextWriterPtr

    /// - Parameter document: write the `<?xml …?>` declaration (false for fragments joined later).
    init(document: Bool = true, indent: Bool = true) {
        buffer = xmlBufferCreate()
        writer = xmlNewTextWriterMemory(buffer, 0)
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            xmlTextWriterSetIndentString(writer, "  ")
        }
        if document { xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil) }
    }

    deinit {
        xmlFreeTextWriter(writer)
        xmlBufferFree(buffer)
    }

    func start(_ name: String) { xmlTextWriterStartElement(writer, name) }
    func end() { xmlTextWriterEndElement(writer) }

    func attribute(_ name: String, _ value: String) {
        xmlTextWriterWriteAttribute(writer, name, Self.clean(value))
    }

    /// `<name>text</name>`.
    func element(_ name: String, _ text: String) {
        xmlTextWriterWriteElement(writer, name, Self.clean(text))
    }

    func element(_ name: String, _ text: String?) {
        if let text { element(name, text) }
    }

    func element(_ name: String, attributes: [(String, String)], text: String? = nil) {
        start(name)
        for (key, value) in attributes { attribute(key, value) }
        if let text { xmlTextWriterWriteString(writer, Self.clean(text)) }
        end()
    }

    func element(_ name: String, _ content: () -> Void) {
        start(name)
        content()
        end()
    }

    /// The bytes written so far, handed over and dropped from memory (for writing in pieces).
    func takeBytes() -> [UInt8] {
        xmlTextWriterFlush(writer)
        guard let content = xmlBufferContent(buffer) else { return [] }
        let bytes = Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
        xmlBufferEmpty(buffer)
        return bytes
    }

    /// Finishes the document (closing open elements) and returns its bytes.
    func finish() -> [UInt8] {
        xmlTextWriterEndDocument(writer)
        xmlTextWriterFlush(writer)
        guard let content = xmlBufferContent(buffer) else { return [] }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlBufferLength(buffer))))
    }

    /// XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except U+FFFE/U+FFFF.
    static func clean(_ text: String) -> String {
        guard hasDisallowed(text) else { return text }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return String(result)
    }

    /// Checked on UTF-8 bytes, as every text of every feed passes here: a control byte other than tab,
    /// line feed and carriage return, or EF BF BE/BF (U+FFFE/U+FFFF). A Swift string holds no surrogates.
    private static func hasDisallowed(_ text: String) -> Bool {
        let checked = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 {
                    if byte != 0x9 && byte != 0xA && byte != 0xD { return true }
                } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] & 0xFE == 0xBE {
                    return true
                }
            }
            return false
        }
        return checked ?? text.unicodeScalars.contains { !isAllowed($0) }
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
