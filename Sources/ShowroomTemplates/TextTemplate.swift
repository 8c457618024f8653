import Mustache
import ShowroomModel
import ShowroomSupport

/// A short Mustache template whose output is plain text, not HTML: a feed field (`feeds.json`) or the
/// words of a storyboard overlay. The writer it feeds (libxml2, the CSV quoting, the JSON serializer,
/// WebVTT) does the escaping. Rendered with the compiled renderer, or swift-mustache when the template
/// holds something the compiler does not handle.
package struct TextTemplate: Sendable {
    private let template: MustacheTemplate
    private let compiled: CompiledTemplates?

    /// A name no `{{> partial}}` tag can spell (they cannot hold spaces): a text template has no partials,
    /// and swift-mustache renders one as nothing.
    static let name = "text template"

    private static let pragma = "{{% CONTENT_TYPE: TEXT}}"

    /// Where a text template does not parse, in its own text (1-based, in characters).
    package struct SyntaxError: Error {
        var line: Int
        var column: Int
        package var reason: String
    }

    package init(_ source: String) throws(SyntaxError) {
        do {
            template = try MustacheTemplate(string: Self.pragma + source)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            throw SyntaxError(line: line, column: max(1, error.context.columnNumber - (line == 1 ? Self.pragma.count : 0)), reason: error.reason)
        } catch {
            throw SyntaxError(line: 1, column: 1, reason: "\(error)")
        }
        compiled = CompiledTemplates.compile([Self.name: template])
    }

    /// Where in a JSON file a syntax error of a template written as a JSON string lies: at the character,
    /// when the string has no escapes before it (then its characters stand one for one in the file),
    /// otherwise at the string.
    package static func location(of error: SyntaxError, inStringAt string: SourceLocation, source: String) -> SourceLocation {
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
        guard let compiled else { return template.render(values.dictionary) }
        return String(decoding: compiled.render(Self.name, root: root ?? values.templateValue), as: UTF8.self)
    }
}

extension MustacheTemplate.ParserError {
    /// What is wrong, in a theme author's words.
    package var reason: String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?: "a section is closed with a different name than it was opened with ({{#a}}…{{/b}})"
        case .unfinishedName?: "a tag is not closed (missing }})"
        case .expectedSectionEnd?: "a section is never closed (a {{#name}} or {{^name}} without its {{/name}})"
        case .invalidSetDelimiter?: "invalid set-delimiter tag"
        case .illegalTokenInsideInheritSection?, .textInsideInheritSection?: "only block definitions may stand inside a {{<parent}} section"
        case .transformAppliedToInheritanceSection?: "a transform cannot be applied to an inheritance section"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?: "invalid {{% … }} pragma"
        case nil: "\(error)"
        }
    }
}
