import Foundation
import Yams
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// A Markdown file split into its YAML front matter and its body.
/// Unchecked: Yams.Node is not marked Sendable, but it is an immutable value once parsed, and a document is
/// handed from the thread that parsed it to the loader once.
package struct FrontMatterDocument: @unchecked Sendable {
    /// The front matter's top-level mapping, in written order (empty when the file has none).
    var fields: [(key: String, value: Yams.Node, location: SourceLocation)]
    package var body: String
    /// Byte offset of the body in the file.
    package var bodyOffset: Int

    func value(_ key: String) -> (Yams.Node, SourceLocation)? {
        fields.first { $0.key == key }.map { ($0.value, $0.location) }
    }
}

package enum FrontMatter {
    /// Splits and parses; reports problems into `sink` and returns nil when the front matter is unusable.
    package static func parse(_ text: String, displayPath: String, sink: DiagnosticSink) -> FrontMatterDocument? {
        let utf8 = Array(text.utf8)
        guard utf8.starts(with: Array("---\n".utf8)) || utf8.starts(with: Array("---\r\n".utf8)) else {
            return FrontMatterDocument(fields: [], body: text, bodyOffset: 0)
        }
        // Find the closing "---" (or "...") line.
        var lineStart = utf8[3] == UInt8(ascii: "\r") ? 5 : 4
        let yamlStart = lineStart
        var closing: (yamlEnd: Int, bodyStart: Int)?
        while lineStart < utf8.count {
            var lineEnd = lineStart
            while lineEnd < utf8.count, utf8[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
            var content = utf8[lineStart..<lineEnd]
            if content.last == UInt8(ascii: "\r") { content = content.dropLast() }
            if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
                closing = (lineStart, min(lineEnd + 1, utf8.count))
                break
            }
            lineStart = lineEnd + 1
        }
        guard let closing else {
            sink.error("the front matter that starts on line 1 is never closed", at: SourceLocation(file: displayPath, line: 1, column: 1),
                       hint: "end it with a line holding only ---")
            return nil
        }
        let yaml = String(decoding: utf8[yamlStart..<closing.yamlEnd], as: UTF8.self)
        let body = String(decoding: utf8[closing.bodyStart...], as: UTF8.self)
        // Line 1 is the opening ---, so YAML line n is file line n + 1.
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(file: displayPath, line: mark.map { $0.line + 1 }, column: mark?.column)
        }
        let root: Yams.Node?
        do {
            // The encoding is given: Yams's default reads the whole process environment on every call.
            root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            let (problem, mark) = Self.describe(error)
            sink.error("the front matter is not valid YAML: \(problem)", at: location(mark),
                       hint: "front matter is YAML between two --- lines, e.g. `title: My product`; quote values that contain a colon")
            return nil
        } catch {
            sink.error("the front matter is not valid YAML: \(error)", at: location(nil))
            return nil
        }
        guard let root else { return FrontMatterDocument(fields: [], body: body, bodyOffset: closing.bodyStart) }
        guard case .mapping(let mapping) = root else {
            sink.error("the front matter must be a mapping of keys to values", at: location(root.mark), hint: "e.g. `title: My product`")
            return nil
        }
        var fields: [(key: String, value: Yams.Node, location: SourceLocation)] = []
        for (key, value) in mapping {
            guard let name = key.string else {
                sink.error("front-matter keys must be plain words", at: location(key.mark))
                continue
            }
            fields.append((name, value, location(key.mark)))
        }
        return FrontMatterDocument(fields: fields, body: body, bodyOffset: closing.bodyStart)
    }

    private static func describe(_ error: YamlError) -> (String, Mark?) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return (problem, mark)
        default:
            return ("\(error)", nil)
        }
    }
}

/// Typed access to front-matter fields with the same kind of messages as JSON content.
struct FrontMatterReader {
    let document: FrontMatterDocument
    let displayPath: String
    let subject: String
    let sink: DiagnosticSink

    func checkKeys(allowed: [String]) {
        reportKeyProblems(document.fields.map { ($0.key, $0.location) }, allowed: allowed, sink: sink,
                          duplicate: { ("the front matter of \(subject) has the key \"\($0)\" twice", nil) },
                          unknown: { "unknown front-matter key \"\($0)\" in \(subject)" })
    }

    func string(_ key: String) -> String? {
        guard let (node, location) = document.value(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            sink.error("front-matter \"\(key)\" of \(subject) must be text", at: location)
            return nil
        }
        if scalar.style == .plain, scalar.string == "~" || scalar.string == "null" || scalar.string.isEmpty { return nil }
        return scalar.string
    }

    func stringList(_ key: String) -> [String] {
        guard let (node, location) = document.value(key) else { return [] }
        guard case .sequence(let sequence) = node else {
            sink.error("front-matter \"\(key)\" of \(subject) must be a list", at: location, hint: "e.g. \(key): [First point, Second point]")
            return []
        }
        var items: [String] = []
        for item in sequence {
            guard case .scalar(let scalar) = item else {
                sink.error("front-matter \"\(key)\" of \(subject) must hold only text items", at: location)
                continue
            }
            items.append(scalar.string)
        }
        return items
    }
}
