
/// A JSON value with ordered object keys, written by hand so output is byte-identical on every run and
/// numbers (prices) keep their exact decimal text. Used for JSON Feed and JSON-LD.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    /// Exact decimal text, written unquoted ("19.00").
    case number(String)
    case bool(Bool)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case null
    /// JSON text serialized before (compact and script-safe), written as it is: a product's JSON-LD is
    /// serialized once and placed in the page of each of its variants.
    case verbatim(String)

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)), let (.number(a), .number(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.null, .null): true
        case let (.verbatim(a), .verbatim(b)): a == b
        default: false
        }
    }

    /// Compact JSON. With `scriptSafe`, `<`, `>` and `&` are written as `\u003c`… so the text can sit
    /// inside an HTML `<script>` element whatever product text holds (no `</script>` breakout).
    public func serialized(scriptSafe: Bool = false, indent: Bool = false) -> String {
        String(decoding: serializedBytes(scriptSafe: scriptSafe, indent: indent), as: UTF8.self)
    }

    /// `serialized` as UTF-8, for output that stays bytes (a page's head): no String to build and validate.
    public func serializedBytes(scriptSafe: Bool = false, indent: Bool = false) -> [UInt8] {
        // Bytes, not String appends: JSON-LD for every page of a big catalog adds up.
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(to: &output, scriptSafe: scriptSafe, depth: indent ? 0 : nil)
        return output
    }

    /// `depth` nil writes compact JSON; otherwise each member starts a line indented two spaces a level.
    private func write(to output: inout [UInt8], scriptSafe: Bool, depth: Int?) {
        switch self {
        case .string(let text): Self.writeString(text, to: &output, scriptSafe: scriptSafe)
        case .number(let text): output += text.utf8
        case .bool(let flag): output += (flag ? "true" : "false").utf8
        case .null: output += "null".utf8
        case .verbatim(let text): output += text.utf8
        case .array(let items):
            guard !items.isEmpty else { output += "[]".utf8; return }
            let inner = depth.map { $0 + 1 }
            output.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                Self.newLine(inner, to: &output)
                item.write(to: &output, scriptSafe: scriptSafe, depth: inner)
            }
            Self.newLine(depth, to: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { output += "{}".utf8; return }
            let inner = depth.map { $0 + 1 }
            output.append(UInt8(ascii: "{"))
            for (offset, (key, value)) in members.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                Self.newLine(inner, to: &output)
                Self.writeString(key, to: &output, scriptSafe: scriptSafe)
                output.append(UInt8(ascii: ":"))
                if depth != nil { output.append(UInt8(ascii: " ")) }
                value.write(to: &output, scriptSafe: scriptSafe, depth: inner)
            }
            Self.newLine(depth, to: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newLine(_ depth: Int?, to output: inout [UInt8]) {
        guard let depth else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Bytes that may need escaping: control characters, `"`, `\`, `<>&` (only in script-safe output), and
    /// 0xE2, which starts U+2028/2029. Everything else is copied in runs.
    private static let mayEscape: [Bool] = (0..<256).map { byte in
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2
    }

    private static func writeString(_ text: String, to output: inout [UInt8], scriptSafe: Bool) {
        output.append(UInt8(ascii: "\""))
        var text = text
        let mayEscape = mayEscape  // once per string, not a global's accessor per byte
        text.withUTF8 { bytes in
            var index = 0
            var runStart = 0
            while index < bytes.count {
                let byte = bytes[index]
                guard mayEscape[Int(byte)] else {
                    index += 1
                    continue
                }
                var escaped: String.UTF8View?
                var consumed = 1
                switch byte {
                case UInt8(ascii: "\""): escaped = #"\""#.utf8
                case UInt8(ascii: "\\"): escaped = #"\\"#.utf8
                case UInt8(ascii: "\n"): escaped = #"\n"#.utf8
                case UInt8(ascii: "\r"): escaped = #"\r"#.utf8
                case UInt8(ascii: "\t"): escaped = #"\t"#.utf8
                case UInt8(ascii: "<") where scriptSafe: escaped = #"\u003c"#.utf8
                case UInt8(ascii: ">") where scriptSafe: escaped = #"\u003e"#.utf8
                case UInt8(ascii: "&") where scriptSafe: escaped = #"\u0026"#.utf8
                // U+2028/2029 (E2 80 A8/A9) are valid JSON but end lines in older JavaScript parsers.
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escaped = (bytes[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8
                    consumed = 3
                case 0..<0x20:
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    output += #"\u00"#.utf8
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0xF)])
                    index += 1
                    runStart = index
                    continue
                default:
                    break
                }
                if let escaped {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    output += escaped
                    index += consumed
                    runStart = index
                } else {
                    index += 1
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// Builds an object from members, leaving out those whose value is nil.
    package static func members(_ members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// A string member that is left out when nil.
    package static func optional(_ text: String?) -> JSONValue? { text.map { .string($0) } }
}
