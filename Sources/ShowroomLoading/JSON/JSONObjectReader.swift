import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Reads typed fields out of one JSON object of a content file, reporting every problem (wrong type,
/// missing required key, unknown key) at its line and column instead of stopping at the first.
struct JSONObjectReader {
    let members: [JSONMember]
    let file: String
    /// What the object is, for messages: `product "trail-bottle"`, `site.json "seller"`.
    let subject: String
    let location: SourceLocation
    let sink: DiagnosticSink

    /// Returns nil (after reporting) when the node is not an object.
    init?(_ node: JSONNode, file: String, subject: String, sink: DiagnosticSink) {
        self.file = file
        self.subject = subject
        self.sink = sink
        self.location = SourceLocation(file: file, line: node.line, column: node.column)
        guard case .object(let members) = node.value else {
            sink.error("\(subject) must be a JSON object, found \(node.typeName)", at: location)
            return nil
        }
        self.members = members
    }

    func location(of node: JSONNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    func keyLocation(_ key: String) -> SourceLocation {
        guard let member = members.first(where: { $0.key == key }) else { return location }
        return SourceLocation(file: file, line: member.keyLine, column: member.keyColumn)
    }

    /// The value of `key`; an explicit `null` counts as absent.
    subscript(key: String) -> JSONNode? {
        guard let node = members.first(where: { $0.key == key })?.value else { return nil }
        if case .null = node.value { return nil }
        return node
    }

    /// Reports keys written twice (for objects whose keys are free-form, such as variant options).
    func checkDuplicateKeys() {
        reportKeyProblems(keys, allowed: nil, sink: sink,
                          duplicate: { ("\(subject) has the key \"\($0)\" twice", "keep one of them") }, unknown: { _ in "" })
    }

    /// Reports keys that are not allowed (typos must not pass silently) and keys written twice.
    func checkKeys(allowed: [String]) {
        reportKeyProblems(keys, allowed: allowed, sink: sink,
                          duplicate: { ("\(subject) has the key \"\($0)\" twice", "keep one of them") },
                          unknown: { "unknown key \"\($0)\" in \(subject)" })
    }

    private var keys: [(name: String, location: SourceLocation)] {
        members.map { ($0.key, SourceLocation(file: file, line: $0.keyLine, column: $0.keyColumn)) }
    }

    func string(_ key: String, required: Bool = false, hint: String? = nil) -> String? {
        guard let node = self[key], !isNull(node) else {
            if required { reportMissing(key, hint: hint) }
            return nil
        }
        guard case .string(let text) = node.value else {
            sink.error("\"\(key)\" of \(subject) must be a string, found \(node.typeName)", at: location(of: node), hint: hint)
            return nil
        }
        if required && text.isBlank {
            sink.error("\"\(key)\" of \(subject) is empty", at: location(of: node), hint: hint)
            return nil
        }
        if text.unicodeScalars.contains(where: Self.isControl) {
            // HTML, XML 1.0 and the feeds cannot carry them; dropping them here keeps every output identical.
            sink.warning("\"\(key)\" of \(subject) contains control characters; they were removed", at: location(of: node),
                         hint: "remove the invisible characters (often pasted from a spreadsheet or PDF)")
            return String(String.UnicodeScalarView(text.unicodeScalars.filter { !Self.isControl($0) }))
        }
        return text
    }

    /// C0 and C1 controls other than tab and line breaks.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: false
        case 0...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    func bool(_ key: String) -> Bool? {
        guard let node = self[key], !isNull(node) else { return nil }
        guard case .bool(let value) = node.value else {
            sink.error("\"\(key)\" of \(subject) must be true or false, found \(node.typeName)", at: location(of: node))
            return nil
        }
        return value
    }

    func integer(_ key: String, in range: ClosedRange<Int>, required: Bool = false) -> Int? {
        guard let node = self[key], !isNull(node) else {
            if required { reportMissing(key, hint: nil) }
            return nil
        }
        guard case .number(let text) = node.value, let value = Int(text), range.contains(value) else {
            sink.error("\"\(key)\" of \(subject) must be a whole number from \(range.lowerBound) to \(range.upperBound)", at: location(of: node))
            return nil
        }
        return value
    }

    /// Money as a decimal string ("24.00"); a JSON number is accepted too, read from its exact text.
    func money(_ key: String, currency: String, required: Bool = false) -> Money? {
        guard let node = self[key], !isNull(node) else {
            if required { reportMissing(key, hint: "write the price as a decimal string, e.g. \"\(key)\": \"24.00\"") }
            return nil
        }
        let text: String
        switch node.value {
        case .string(let value): text = value
        case .number(let value): text = value
        default:
            sink.error("\"\(key)\" of \(subject) must be a decimal string such as \"24.00\", found \(node.typeName)", at: location(of: node))
            return nil
        }
        do {
            return try Money.parse(text, currency: currency)
        } catch {
            let reason: String
            switch error {
            case .notADecimal: reason = "is not a decimal amount"
            case .negative: reason = "is negative"
            case .tooManyDecimals(let allowed): reason = "has more than \(allowed) decimal\(allowed == 1 ? "" : "s") for \(currency)"
            case .tooLarge: reason = "is too large"
            }
            sink.error("\"\(key)\" of \(subject) \(reason): \"\(text)\"", at: location(of: node),
                       hint: "write a plain decimal with no currency symbol or thousands separator, e.g. \"1299.00\"")
            return nil
        }
    }

    func stringArray(_ key: String) -> [String] {
        stringElements(key).map(\.text)
    }

    /// The strings of an array with where each was written (to point at the one that is wrong).
    func stringElements(_ key: String) -> [(text: String, location: SourceLocation)] {
        guard let node = self[key], !isNull(node) else { return [] }
        guard case .array(let elements) = node.value else {
            sink.error("\"\(key)\" of \(subject) must be an array of strings, found \(node.typeName)", at: location(of: node))
            return []
        }
        var result: [(text: String, location: SourceLocation)] = []
        for element in elements {
            guard case .string(let text) = element.value else {
                sink.error("\"\(key)\" of \(subject) must hold only strings, found \(element.typeName)", at: location(of: element))
                continue
            }
            result.append((text, location(of: element)))
        }
        return result
    }

    func object(_ key: String, required: Bool = false, subject childSubject: String) -> JSONObjectReader? {
        guard let node = self[key], !isNull(node) else {
            if required { reportMissing(key, hint: nil) }
            return nil
        }
        return JSONObjectReader(node, file: file, subject: childSubject, sink: sink)
    }

    func array(_ key: String) -> [JSONNode] {
        guard let node = self[key], !isNull(node) else { return [] }
        guard case .array(let elements) = node.value else {
            sink.error("\"\(key)\" of \(subject) must be an array, found \(node.typeName)", at: location(of: node))
            return []
        }
        return elements
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, as type: E.Type) -> E? where E.RawValue == String {
        guard let text = string(key) else { return nil }
        if let value = E(rawValue: text) { return value }
        let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        sink.error("\"\(key)\" of \(subject) is \"\(text)\", which is not one of \(allowed)", at: location(of: self[key]!),
                   hint: closestMatch(to: text, in: E.allCases.map(\.rawValue)).map { "did you mean \"\($0)\"?" })
        return nil
    }

    func reportMissing(_ key: String, hint: String?) {
        sink.error("\(subject) is missing the required key \"\(key)\"", at: location, hint: hint)
    }

    private func isNull(_ node: JSONNode) -> Bool {
        if case .null = node.value { return true }
        return false
    }
}

extension JSONObjectReader {
    /// Reads a theme's optional JSON settings file (`feeds.json`, `storyboard.json`): nil when the theme has
    /// none, or when it is not a JSON object (reported at its line and column).
    static func themeFile(_ fileName: String, in themeRoot: URL, display: String, sink: DiagnosticSink) -> JSONObjectReader? {
        guard let data = FileManager.default.contents(atPath: themeRoot.appendingPathComponent(fileName).path) else { return nil }
        let file = display + "/" + fileName
        do {
            return JSONObjectReader(try JSONParser.parse([UInt8](data)), file: file, subject: fileName, sink: sink)
        } catch {
            sink.error("\(fileName) is not valid JSON: \(error.message)", at: SourceLocation(file: file, line: error.line, column: error.column), hint: error.hint)
            return nil
        }
    }
}

/// The one check behind every object of every content file: keys written twice, and keys not in
/// `allowed` (nil: any key), which must not pass silently unless they start with "x-".
func reportKeyProblems(_ keys: [(name: String, location: SourceLocation)], allowed: [String]?, sink: DiagnosticSink,
                       duplicate: (String) -> (message: String, hint: String?), unknown: (String) -> String) {
    var seen: Set<String> = []
    for (name, location) in keys {
        if !seen.insert(name).inserted {
            let (message, hint) = duplicate(name)
            sink.error(message, at: location, hint: hint)
            continue
        }
        guard let allowed, !name.hasPrefix("x-"), !allowed.contains(name) else { continue }
        var hint = "allowed keys here: \(allowed.joined(separator: ", ")); keys starting with \"x-\" are free for your own tooling"
        if let suggestion = closestMatch(to: name, in: allowed) { hint = "did you mean \"\(suggestion)\"? " + hint }
        sink.error(unknown(name), at: location, hint: hint)
    }
}

/// Collects diagnostics while loading; loading runs on one thread, rendering never writes to it.
package final class DiagnosticSink {
    package var diagnostics = Diagnostics()

    package init() {}

    package var errorCount: Int { diagnostics.all.filter { $0.severity == .error }.count }

    package func error(_ message: String, at location: SourceLocation?, hint: String? = nil, rule: CheckRuleID? = nil) {
        diagnostics.append(Diagnostic(.error, message, at: location, hint: hint, rule: rule))
    }

    func warning(_ message: String, at location: SourceLocation?, hint: String? = nil, rule: CheckRuleID? = nil) {
        diagnostics.append(Diagnostic(.warning, message, at: location, hint: hint, rule: rule))
    }
}

/// The allowed word closest to a typo, when it is close enough to be a likely intent.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    var best: (String, Int)?
    // Sorted so that ties resolve the same way in every run.
    for candidate in candidates.sorted() {
        let distance = editDistance(word.lowercased(), candidate)
        if distance <= max(1, candidate.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    return best?.0
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours
/// ("crad" → "card" is one edit), the typos people make.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
        }
    }
    return table[a.count][b.count]
}
