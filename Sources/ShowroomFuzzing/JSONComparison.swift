import Foundation
import ShowroomLoading

/// How a `JSONNode` from our parser is compared with what `JSONSerialization` read from the same text,
/// and the documented places where the two may disagree on accepting it.
enum JSONComparison {
    static func same(_ node: JSONNode, _ object: Any) -> Bool {
        switch node.value {
        case .null: return object is NSNull
        case .bool(let flag): return (object as? Bool) == flag
        case .string(let text): return (object as? String) == text
        case .number(let text):
            guard let number = object as? NSNumber, let ours = Double(text) else { return false }
            let theirs = number.doubleValue
            return ours == theirs || abs(ours - theirs) <= abs(ours) * 1e-12
        case .array(let items):
            guard let array = object as? [Any], array.count == items.count else { return false }
            return zip(items, array).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let dictionary = object as? [String: Any] else { return false }
            // A repeated key: the last one wins in Foundation (our loaders report repeats as errors).
            var last: [String: JSONNode] = [:]
            for member in members { last[member.key] = member.value }
            guard last.count == dictionary.count else { return false }
            return last.allSatisfy { key, value in dictionary[key].map { same(value, $0) } ?? false }
        }
    }

    /// Valid JSON that Foundation refuses: numbers too large for a Double (ours keeps every number as
    /// written, since prices must never pass through Double).
    static func foundationRefusesValidJSON(_ bytes: [UInt8]) -> Bool {
        guard let node = try? JSONParser.parse(bytes) else { return false }
        return contains(node) { value in
            if case .number(let text) = value.value { return !(Double(text)?.isFinite ?? false) || text.utf8.count > 300 }
            return false
        }
    }

    /// Invalid JSON that Foundation accepts, or JSON ours refuses on purpose: Foundation stops reading at a
    /// NUL byte (`0` followed by NULs is a document to it) and allows a comma before `}` or `]` (our
    /// loaders point at it instead, since other tools reject it), and nesting deeper than our limit (a
    /// bound on the reader's recursion).
    static func foundationAcceptsInvalidJSON(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(0) { return true }
        var depth = 0, deepest = 0, inString = false, escaped = false, afterComma = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): continue
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if afterComma { return true }
                depth -= 1
            default: break
            }
            afterComma = byte == UInt8(ascii: ",")
        }
        return deepest > JSONParser.maximumDepth
    }

    private static func contains(_ node: JSONNode, where predicate: (JSONNode) -> Bool) -> Bool {
        if predicate(node) { return true }
        switch node.value {
        case .array(let items): return items.contains { contains($0, where: predicate) }
        case .object(let members): return members.contains { contains($0.value, where: predicate) }
        default: return false
        }
    }
}
