import Mustache

/// A short Mustache template whose output is plain text, not HTML: a feed field (`feeds.json`) or the
/// words of a storyboard overlay. The writer it feeds (libxml2, the CSV quoting, the JSON serializer,
/// WebVTT) does the escaping. Rendered with the compiled renderer, or swift-mustache when the template
/// holds something the compiler does not handle.
struct TextTemplate: Sendable {
    private let template: MustacheTemplate
    private let compiled: CompiledTemplates?

    /// A name no `{{> partial}}` tag can spell (they cannot hold spaces): a text template has no partials,
    /// and swift-mustache renders one as nothing.
    static let name = "text template"

    init(_ source: String) throws {
        template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + source)
        compiled = CompiledTemplates.compile([Self.name: template])
    }

    /// - Parameter root: `values` already made a template value, when several templates render over the
    ///   same values (a feed item's fields).
    func render(_ values: TemplateFields, root: TemplateValue? = nil) -> String {
        guard let compiled else { return template.render(values.dictionary) }
        return String(decoding: compiled.render(Self.name, root: root ?? values.templateValue), as: UTF8.self)
    }
}
