import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// A small, strict JSON parser (RFC 8259) over UTF-8 bytes that records line and column for every value.
///
/// It is also fast enough for catalogs of 100,000 products: one pass, no intermediate `Any`.
public struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var lineStart = 0
    /// Column bookkeeping advances with the position, so minified one-line catalogs stay linear.
    private var columnAnchor = 0
    private var columnAtAnchor = 1
    private var depth = 0
    package static let maximumDepth = 512
    /// The root object's member whose array elements' byte ranges are recorded, and the member being read.
    private var recordedKey: String?
    private var rootKey: String?
    private var recordedRanges: [Range<Int>] = []

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var parser = JSONParser(bytes: bytes)
        return try parser.parseDocument()
    }

    /// `parse(_:)`, also returning the byte range of each element of the root object's `key` array (a
    /// catalog's products), so that one element can later be read again on its own (`parseElement`).
    static func parse(_ bytes: [UInt8], elementRangesOf key: String) throws(JSONSyntaxError) -> (node: JSONNode, ranges: [Range<Int>]) {
        var parser = JSONParser(bytes: bytes)
        parser.recordedKey = key
        let node = try parser.parseDocument()
        return (node, parser.recordedRanges)
    }

    /// The element of a root object's array written at `offset` (on line `line`, which starts at byte
    /// `lineStart`), and where it ends: for reading one element of a document again when nothing else
    /// in it changed. Lines, columns and the nesting limit are as in a parse of the whole document.
    static func parseElement(_ bytes: [UInt8], at offset: Int, line: Int, lineStart: Int) throws(JSONSyntaxError) -> (node: JSONNode, end: Int) {
        var parser = JSONParser(bytes: bytes)
        (parser.position, parser.line, parser.lineStart, parser.columnAnchor, parser.columnAtAnchor) = (offset, line, lineStart, lineStart, 1)
        parser.depth = 2  // inside the root object and its array
        let node = try parser.parseValue()
        return (node, parser.position)
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is tolerated: some Windows editors write one.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            position = 3
            lineStart = 3
            columnAnchor = 3
        }
    }

    private mutating func parseDocument() throws(JSONSyntaxError) -> JSONNode {
        skipWhitespace()
        guard position < bytes.count else { throw error("the file is empty", hint: "a JSON file must hold one value, e.g. {}") }
        let node = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            throw error("unexpected \(describeCurrent()) after the end of the JSON value",
                        hint: "a JSON file holds exactly one value; remove what follows or wrap the values in [ ]")
        }
        return node
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        let (startLine, startColumn) = (line, currentColumn)
        guard position < bytes.count else { throw error("unexpected end of file, expected a value") }
        let value: JSONNode.Value
        switch bytes[position] {
        case UInt8(ascii: "{"): value = try parseObject()
        case UInt8(ascii: "["): value = try parseArray()
        case UInt8(ascii: "\""): value = .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); value = .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); value = .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); value = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
        case UInt8(ascii: "'"):
            throw error("strings must use double quotes (\"), not single quotes")
        default:
            throw error("unexpected \(describeCurrent()), expected a value (string, number, object, array, true, false or null)")
        }
        return JSONNode(value: value, line: startLine, column: startColumn)
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONNode.Value {
        try enterNesting()
        defer { depth -= 1 }
        position += 1  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if peek(UInt8(ascii: "}")) { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an object, expected a key or '}'") }
            if bytes[position] == UInt8(ascii: "}") {
                throw error("trailing comma before '}'", hint: "JSON does not allow a comma after the last member; remove it")
            }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a key in double quotes, found \(describeCurrent())")
            }
            let (keyLine, keyColumn) = (line, currentColumn)
            let key = try parseString()
            skipWhitespace()
            guard peek(UInt8(ascii: ":")) else { throw error("expected ':' after the key \"\(key)\", found \(describeCurrent())") }
            position += 1
            skipWhitespace()
            if depth == 1 { rootKey = key }
            let value = try parseValue()
            members.append(JSONMember(key: key, keyLine: keyLine, keyColumn: keyColumn, value: value))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an object, expected ',' or '}'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected ',' or '}' after the value of \"\(key)\", found \(describeCurrent())",
                        hint: "a comma may be missing at the end of the previous line")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONNode.Value {
        try enterNesting()
        defer { depth -= 1 }
        position += 1  // [
        var elements: [JSONNode] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            if peek(UInt8(ascii: "]")) {
                throw error("trailing comma before ']'", hint: "JSON does not allow a comma after the last element; remove it")
            }
            let start = position
            elements.append(try parseValue())
            if depth == 2, let recordedKey, rootKey == recordedKey { recordedRanges.append(start..<position) }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an array, expected ',' or ']'") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw error("expected ',' or ']' in the array, found \(describeCurrent())",
                        hint: "a comma may be missing at the end of the previous line")
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = try decodeUTF8(bytes[start..<position])
                position += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw controlCharacterError(byte) }
            position += 1
        }
        var buffer = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return try decodeUTF8(buffer[...])
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "/"): buffer.append(UInt8(ascii: "/"))
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalarValue = try parseHex4()
                    if (0xD800...0xDBFF).contains(scalarValue) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw error("unpaired UTF-16 surrogate in \\u escape")
                        }
                        position += 2
                        let low = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid UTF-16 surrogate pair in \\u escape") }
                        scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalarValue) {
                        throw error("unpaired UTF-16 surrogate in \\u escape")
                    }
                    guard let scalar = Unicode.Scalar(scalarValue) else { throw error("invalid \\u escape") }
                    buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
                default:
                    position -= 1
                    throw error("invalid escape '\\\(String(UnicodeScalar(escape)))' in a string",
                                hint: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as \\\\")
                }
            default:
                if byte < 0x20 { throw controlCharacterError(byte) }
                buffer.append(byte)
                position += 1
            }
        }
        throw error("unterminated string", hint: "add the closing double quote")
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("incomplete \\u escape, expected 4 hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape, expected 4 hex digits")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = position
        if peek(UInt8(ascii: "-")) { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number: expected a digit") }
        if bytes[position] == UInt8(ascii: "0"), position + 1 < bytes.count, isDigit(bytes[position + 1]) {
            throw error("invalid number: leading zeros are not allowed in JSON", hint: "write identifiers such as GTINs as strings: \"0012345678905\"")
        }
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        if peek(UInt8(ascii: ".")) {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number: expected a digit after '.'") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number: expected a digit in the exponent") }
            while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let count = literal.utf8CodeUnitCount
        let matches = literal.withUTF8Buffer { expected in
            position + count <= bytes.count && bytes[position..<position + count].elementsEqual(expected)
        }
        guard matches else {
            throw error("unexpected \(describeCurrent()), expected a value", hint: "strings must be in double quotes; the literals are true, false and null (lower case)")
        }
        position += count
    }

    // MARK: Helpers

    private mutating func enterNesting() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting is deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
                lineStart = position
            default:
                return
            }
        }
    }

    private func peek(_ byte: UInt8) -> Bool { position < bytes.count && bytes[position] == byte }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Column in Unicode scalars, so that it matches what editors show for non-ASCII text.
    private var currentColumn: Int {
        mutating get {
            if columnAnchor < lineStart || columnAnchor > position {
                columnAnchor = lineStart
                columnAtAnchor = 1
            }
            var index = columnAnchor
            while index < position && index < bytes.count {
                if bytes[index] & 0xC0 != 0x80 { columnAtAnchor += 1 }
                index += 1
            }
            columnAnchor = max(columnAnchor, min(position, bytes.count))
            return columnAtAnchor
        }
    }

    private mutating func decodeUTF8(_ slice: ArraySlice<UInt8>) throws(JSONSyntaxError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw error("a string is not valid UTF-8", hint: "save the file as UTF-8")
        }
        return text
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of file" }
        let byte = bytes[position]
        if byte >= 0x21 && byte < 0x7F { return "'\(String(UnicodeScalar(byte)))'" }
        if byte == 0x0A { return "end of line" }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    private mutating func controlCharacterError(_ byte: UInt8) -> JSONSyntaxError {
        if byte == 0x0A {
            return error("unterminated string (a line break is not allowed inside a string)", hint: "close the string with \" or write the line break as \\n")
        }
        return error("control character 0x\(String(byte, radix: 16, uppercase: true)) inside a string", hint: "escape it (\\t, \\n, \\u00XX)")
    }

    private mutating func error(_ message: String, hint: String? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, line: line, column: currentColumn, hint: hint)
    }
}
