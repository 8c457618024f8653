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

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case let (.string(a), .string(b)), let (.number(a), .number(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.null, .null): true
        default: false
        }
    }

    /// Compact JSON. With `scriptSafe`, `<`, `>` and `&` are written as `\u003c`… so the text can sit
    /// inside an HTML `<script>` element whatever product text holds (no `</script>` breakout).
    public func serialized(scriptSafe: Bool = false, indent: Bool = false) -> String {
        var output = ""
        write(to: &output, scriptSafe: scriptSafe, indent: indent ? "\n" : nil)
        return output
    }

    private func write(to output: inout String, scriptSafe: Bool, indent: String?) {
        switch self {
        case .string(let text): Self.writeString(text, to: &output, scriptSafe: scriptSafe)
        case .number(let text): output += text
        case .bool(let flag): output += flag ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            let inner = indent.map { $0 + "  " }
            output += "["
            for (offset, item) in items.enumerated() {
                if offset > 0 { output += "," }
                if let inner { output += inner }
                item.write(to: &output, scriptSafe: scriptSafe, indent: inner)
            }
            if let indent { output += indent }
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            let inner = indent.map { $0 + "  " }
            output += "{"
            for (offset, (key, value)) in members.enumerated() {
                if offset > 0 { output += "," }
                if let inner { output += inner }
                Self.writeString(key, to: &output, scriptSafe: scriptSafe)
                output += indent == nil ? ":" : ": "
                value.write(to: &output, scriptSafe: scriptSafe, indent: inner)
            }
            if let indent { output += indent }
            output += "}"
        }
    }

    private static func writeString(_ text: String, to output: inout String, scriptSafe: Bool) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<" where scriptSafe: output += "\\u003c"
            case ">" where scriptSafe: output += "\\u003e"
            case "&" where scriptSafe: output += "\\u0026"
            // U+2028/2029 are valid JSON but end lines in older JavaScript parsers.
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}

extension JSONValue {
    /// Builds an object from members, leaving out those whose value is nil.
    static func members(_ members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// A string member that is left out when nil.
    static func optional(_ text: String?) -> JSONValue? { text.map { .string($0) } }
}
