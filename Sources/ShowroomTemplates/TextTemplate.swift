import ShowroomModel
import ShowroomSupport

/// A short Mustache template whose output is plain text, not HTML: a feed field (`feeds.json`) or the
/// words of a storyboard overlay. The writer it feeds (libxml2, the CSV quoting, the JSON serializer,
/// WebVTT) does the escaping.
package struct TextTemplate: Sendable {
    private let compiled: CompiledTemplates

    /// A name no `{{> partial}}` tag can spell (they cannot hold spaces): a text template has no partials,
    /// so one renders as nothing.
    private static let name = "text template"

    package init(_ source: String) throws(MustacheSyntaxError) {
        compiled = CompiledTemplates([Self.name: try MustacheParser.parse(source, contentType: .text)])
    }

    /// Where in a JSON file a syntax error of a template written as a JSON string lies: at the character,
    /// when the string has no escapes before it (then its characters stand one for one in the file),
    /// otherwise at the string.
    package static func location(of error: MustacheSyntaxError, inStringAt string: SourceLocation, source: String) -> SourceLocation {
        guard error.line == 1, let column = string.column else { return string }
        let before = source.prefix(error.column - 1)
        guard !before.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline || $0.unicodeScalars.contains { $0.value < 0x20 } }) else { return string }
        var location = string
        location.column = column + 1 + before.unicodeScalars.count  // after the opening quote
        return location
    }

    /// - Parameter root: `values` already made a template value, when several templates render over the
    ///   same values (a feed item's fields).
    package func render(_ values: TemplateFields, root: TemplateValue? = nil) -> String {
        String(decoding: compiled.render(Self.name, root: root ?? values.templateValue), as: UTF8.self)
    }
}
