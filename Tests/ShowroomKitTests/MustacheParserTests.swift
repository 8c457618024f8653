import Testing
@testable import ShowroomBuild
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomTemplates

/// Template syntax errors: each at its line and column (in characters) with a reason that says what to fix.
@Suite("Mustache syntax errors")
struct MustacheParserTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var source: String
        var line: Int
        var column: Int
        var reason: String

        var testDescription: String { source.debugDescription }
    }

    static let examples: [Example] = [
        // At the end, where the parser gave up waiting for the closing tag.
        Example(source: "<ul>\n{{#items}}\n<li>{{name}}</li>\n", line: 4, column: 1,
                reason: "a section is never closed ({{#items}} needs its {{/items}})"),
        Example(source: "é {{#a}}{{^empty(tags)}}x{{/empty(tags)}}", line: 1, column: 42,
                reason: "a section is never closed ({{#a}} needs its {{/a}})"),
        Example(source: "{{#a}}\n  {{#b}}x{{/a}}{{/b}}", line: 2, column: 13,
                reason: "a section is closed with a different name than it was opened with ({{#b}}…{{/a}}): close it with {{/b}}"),
        Example(source: "x\n{{/a}}", line: 2, column: 4,
                reason: "{{/a}} closes a section that was never opened: remove it, or open the section before it"),
        Example(source: "<p>{{title</p>", line: 1, column: 11,
                reason: "a tag is not closed (missing }}): a name holds letters, digits and . - _ ? *, and \"<\" cannot stand in one"),
        Example(source: "<p>{{title", line: 1, column: 11, reason: "a tag is not closed (missing }})"),
        Example(source: "<p>{{", line: 1, column: 4, reason: "a tag is not closed (missing }})"),
        Example(source: "{{{html}}", line: 1, column: 10, reason: "a {{{triple mustache}}} is not closed (missing its third })"),
        Example(source: "a\n  {{! note", line: 2, column: 3, reason: "a comment is not closed (missing }})"),
        Example(source: "{{=<%>=}}", line: 1, column: 1,
                reason: "invalid set-delimiter tag: write {{=<% %>=}}, the new start and end delimiters separated by a space, each without spaces or ="),
        Example(source: "{{= <% %> }}", line: 1, column: 1,
                reason: "invalid set-delimiter tag: write {{=<% %>=}}, the new start and end delimiters separated by a space, each without spaces or ="),
        Example(source: "{{#shout(title)}}{{/shout(title)}}", line: 1, column: 4,
                reason: "unknown transform \"shout\" in {{shout(title)}}: the transforms are capitalized, count, empty, enumerated, equalzero, even, "
                    + "first, index, last, lowercased, minusone, odd, plusone, reversed, sorted, uppercased"),
        Example(source: "{{count(tags}}", line: 1, column: 3,
                reason: "\"count(tags\" is not a name or a transform: write name, or transform(name) as in {{count(tags)}}"),
        Example(source: "{{% CONTENT_TYPE: XML}}", line: 1, column: 1,
                reason: "invalid {{% … }} pragma: the one Showroom knows is {{% CONTENT_TYPE: TEXT}} (or HTML)"),
        Example(source: "{{<base}}{{/base}}", line: 1, column: 1,
                reason: "template inheritance ({{<parent}} and {{$block}}) is not supported: use partials, {{> name}}"),
        Example(source: "{{>*dynamic}}", line: 1, column: 4,
                reason: "dynamic partial names ({{>*name}}) are not supported: name the partial, {{> name}}"),
    ]

    @Test("each syntax error has its position and reason", arguments: examples)
    func syntaxError(_ example: Example) {
        #expect(throws: MustacheSyntaxError.self) { try MustacheParser.parse(example.source) }
        do {
            _ = try MustacheParser.parse(example.source)
        } catch {
            #expect(error.line == example.line && error.column == example.column, "at \(error.line):\(error.column)")
            #expect(error.reason == example.reason)
        }
    }

    @Test("a tag that only looks like one is text: a lone brace, braces in CSS, a brace at the very end")
    func bracesAreText() throws {
        let templates = try CompiledTemplates(sources: ["t": "a { b } {c} }} {"])
        #expect(String(decoding: templates.render("t", root: .object(TemplateObject(fields: TemplateFields()))), as: UTF8.self) == "a { b } {c} }} {")
    }

    @Test("a text template's errors are in its own text, though it reads as if a pragma tag came first")
    func textTemplateColumns() {
        #expect(throws: MustacheSyntaxError(line: 1, column: 14, reason: "a section is never closed ({{#on_sale}} needs its {{/on_sale}})",
                                            lineText: "{{#on_sale}}x")) {
            try TextTemplate("{{#on_sale}}x")
        }
    }

    @Test("a theme's page templates leave out their lines' indentation, values and <pre> templates keep theirs, errors keep their columns")
    func themeIndentation() throws {
        func render(_ parsed: [String: ParsedTemplate], _ fields: TemplateFields) -> String {
            String(decoding: CompiledTemplates(parsed).render("page", root: .object(TemplateObject(fields: fields))), as: UTF8.self)
        }
        let page = "<ul>\n  {{#items}}\n    <li>{{name}}</li>\n  {{/items}}\n</ul>\n<div>\n\t{{> note}}\n</div>\n"
        let note = "  <p>\n    {{{html}}}\n  </p>\n"
        let fields: TemplateFields = ["items": [["name": "a  b"] as TemplateFields, ["name": "c"] as TemplateFields], "html": "x\n   y"]
        let stripped = render(["page": try Theme.parseTemplate(page), "note": try Theme.parseTemplate(note)], fields)
        #expect(stripped == "<ul>\n<li>a  b</li>\n<li>c</li>\n</ul>\n<div>\n<p>\nx\n   y\n</p>\n</div>\n")
        // As the Mustache spec reads them, for comparison: the same tags, with the indentation.
        let kept = render(["page": try MustacheParser.parse(page), "note": try MustacheParser.parse(note)], fields)
        #expect(kept.replacingOccurrences(of: "\n[ \t]+", with: "\n", options: .regularExpression) == stripped.replacingOccurrences(of: "x\n   y", with: "x\ny"))
        #expect(kept != stripped)
        let pre = "<pre>\n  {{name}}\n</pre>\n"
        #expect(render(["page": try Theme.parseTemplate(pre)], ["name": "n"]) == "<pre>\n  n\n</pre>\n")
        #expect(throws: MustacheSyntaxError.self) { try Theme.parseTemplate("<p>\n    {{#a}}\n</p>") }
        do {
            _ = try Theme.parseTemplate("<p>\n    {{#a}}\n</p>")
        } catch {
            #expect(error.line == 3 && error.column == 5, "at \(error.line):\(error.column)")
        }
    }
}
