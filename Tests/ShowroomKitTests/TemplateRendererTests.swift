import Foundation
import Mustache
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomImport
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport
@testable import ShowroomTemplates

/// The compiled template renderer must produce exactly what swift-mustache produces: these tests render
/// the same templates and values both ways and compare bytes.
@Suite("compiled templates")
struct TemplateRendererTests {
    /// Templates that exercise whitespace rules, partial indentation, transforms and context lookups.
    static let templates: [String: String] = [
        "standalone": """
            <ul>
              {{#items}}
              <li>{{name}}{{#tags}} [{{.}}]{{/tags}}</li>
              {{/items}}
              {{^items}}
              <li>none</li>
              {{/items}}
            </ul>
            {{! a comment line }}
            end\n
            """,
        "indented": """
            <main>
              {{> list}}
                {{> nested}}
            </main>\n
            """,
        "list": "<ol>\n{{#items}}\n<li>{{name}}</li>\n{{/items}}\n</ol>\n{{{html}}}\n",
        "nested": "<div>\n  {{> leaf}}\n</div>\n",
        "leaf": "leaf {{title}}\r\nline two\n",
        "transforms": """
            {{#items}}{{index()}}{{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{#even()}}e{{/even()}}{{#flag}}{{index()}}{{/flag}}{{#object}}{{index()}}{{/object}}|{{/items}}
            {{count(items)}} {{#empty(items)}}empty{{/empty(items)}}{{^empty(items)}}some{{/empty(items)}} {{^empty(blank)}}not blank{{/empty(blank)}}
            {{uppercased(title)}} {{lowercased(title)}} {{reversed(title)}} {{capitalized(phrase)}} {{plusone(number)}} {{minusone(number)}}
            {{#odd(number)}}odd{{/odd(number)}} {{#equalzero(zero)}}zero{{/equalzero(zero)}} {{count(plusone(number))}}
            {{#sorted(words)}}{{.}} {{/sorted(words)}} {{#reversed(words)}}{{.}} {{/reversed(words)}} {{first(words)}} {{last(words)}}
            {{#first(items)}}{{name}}{{/first(items)}} {{#sorted(object)}}{{key}}={{value}} {{/sorted(object)}} {{count(object)}} {{nothing(title)}}
            """,
        "values": """
            [{{title}}] [{{{title}}}] [{{&title}}] [{{number}}] [{{ratio}}] [{{flag}}] [{{missing}}] [{{object.inner.deep}}]
            {{#blank}}blank is a true section{{/blank}} {{#zero}}zero too: {{.}}{{/zero}} {{^missing}}missing inverts{{/missing}}
            {{#object}}{{inner.deep}} {{title}} {{.inner.deep}} [{{.title}}]{{/object}} {{#object.inner}}{{deep}}{{/object.inner}}
            {{#stored_nil}}a stored nil [{{stored_nil}}] is a true section{{/stored_nil}} {{#maybe}}{{.}}{{/maybe}}
            {{=<% %>=}}<% title %> {{not a tag}}<%={{ }}=%> {{title}}
            """,
        "text": "{{% CONTENT_TYPE: TEXT}}\n{{title}} {{#object}}{{title}}{{/object}}{{> leaf}}\n",
    ]

    nonisolated(unsafe) static let values: [String: Any] = [
        "title": "Fish & <Chips> \"Deluxe\" it's 🐟 שלום",
        "phrase": "hello wide world",
        "html": "<b>bold</b>\nsecond line",
        "number": 41, "zero": 0, "ratio": 2.5, "flag": true, "blank": "",
        "words": ["pear", "apple", "fig"],
        "items": [
            ["name": "one", "tags": ["a", "b"]],
            ["name": "two & three", "tags": [String]()],
            ["name": "four"],
        ] as [[String: Any]],
        "object": ["title": "inner title", "inner": ["deep": "deep value"]] as [String: Any],
        "stored_nil": Optional<String>.none as Any,
        "maybe": Optional("wrapped") as Any,
    ]

    /// Renders every template with swift-mustache and with the compiled renderer.
    static func renderBothWays(_ sources: [String: String], values: [String: Any], pragma: String = "") throws -> [(name: String, reference: String, compiled: String)] {
        FastHTMLEscaping.register()
        var parsed: [String: MustacheTemplate] = [:]
        for (name, text) in sources { parsed[name] = try MustacheTemplate(string: pragma + text) }
        let library = MustacheLibrary(templates: parsed)
        let compiled = try #require(CompiledTemplates.compile(parsed))
        return sources.keys.sorted().map { name in
            (name, library.render(values, withTemplate: name) ?? "",
             String(decoding: compiled.render(name, root: TemplateValue(values)), as: UTF8.self))
        }
    }

    @Test("every construct renders byte for byte as swift-mustache renders it", arguments: ["", FastHTMLEscaping.pragma])
    func matchesSwiftMustache(pragma: String) throws {
        for (name, reference, compiled) in try Self.renderBothWays(Self.templates, values: Self.values, pragma: pragma) {
            #expect(compiled == reference, "template \(name)")
            #expect(!reference.isEmpty, "template \(name) rendered nothing, so it tests nothing")
        }
    }

    @Test("the fixture values reach the output, so the comparison is not between two empty strings")
    func fixtureIsMeaningful() throws {
        let rendered = Dictionary(uniqueKeysWithValues: try Self.renderBothWays(Self.templates, values: Self.values).map { ($0.name, $0.compiled) })
        #expect(rendered["values"]?.contains("[Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום]") == true)
        #expect(rendered["values"]?.contains("[Fish & <Chips>") == true)
        #expect(rendered["transforms"]?.contains("0FeL1") == false)  // index 0 is first, not last
        // A true boolean keeps the sequence context (index 0 again), a pushed object does not.
        #expect(rendered["transforms"]?.hasPrefix("0Fe0|11|2Le2|") == true)
        #expect(rendered["values"]?.contains("a stored nil [nil] is a true section wrapped") == true)
        // swift-mustache indents only the first line a section's output starts.
        #expect(rendered["indented"]?.contains("  <li>one</li>\n<li>two &amp; three</li>") == true)
        #expect(rendered["indented"]?.contains("  <ol>\n") == true)
    }

    @Test("a theme using template inheritance falls back to swift-mustache instead of rendering it wrongly")
    func inheritanceFallsBack() throws {
        let parsed = ["base": try MustacheTemplate(string: "<h1>{{$title}}Default{{/title}}</h1>"),
                      "page": try MustacheTemplate(string: "{{<base}}{{$title}}Mine{{/title}}{{/base}}")]
        #expect(CompiledTemplates.compile(parsed) == nil)
        #expect(CompiledTemplates.compile(["plain": try MustacheTemplate(string: "{{title}}")]) != nil)
    }

    @Test("feed field templates render as swift-mustache renders them without a library: text, no escaping, partials as nothing")
    func feedFieldTemplates() throws {
        for text in ["{{brand}} {{title}}", "{{#on_sale}}sale & <clearance>{{/on_sale}}", "{{> field}}[{{title}}]", "{{#items}}{{name}}, {{/items}}"] {
            let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
            let compiled = try #require(CompiledTemplates.compile([TextTemplate.name: template]))
            let rendered = String(decoding: compiled.render(TextTemplate.name, root: TemplateValue(Self.values)), as: UTF8.self)
            #expect(rendered == template.render(Self.values), "\(text)")
        }
    }

    @Test("the sample store builds to identical files with the compiled renderer and with swift-mustache")
    func sampleStoreMatchesReference() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        let theme = Theme.load(themesDirectory: store.root.appendingPathComponent("Themes"), name: "default", displayRoot: "Themes", sink: DiagnosticSink())
        #expect(theme?.compiled != nil, "the default theme must use the compiled renderer")

        try await store.build()
        let compiled = Dictionary(uniqueKeysWithValues: try store.outputFiles().map { ($0, try store.bytes($0)) })
        try await store.build { $0.referenceTemplateRenderer = true; $0.force = true }
        let reference = Dictionary(uniqueKeysWithValues: try store.outputFiles().map { ($0, try store.bytes($0)) })

        #expect(compiled.keys.sorted() == reference.keys.sorted())
        let pages = compiled.keys.filter { $0.hasSuffix(".html") }
        #expect(pages.count > 50)
        for path in pages.sorted() where compiled[path] != reference[path] {
            Issue.record("\(path) differs between the compiled renderer and swift-mustache")
        }
    }
}

@Suite("JSON string writing")
struct JSONStringWritingTests {
    static let samples = [
        "", "plain ascii", "quote \" backslash \\ slash /", "tab\tnewline\ncr\r bell\u{07} nul\u{0}",
        "<script>&amp;</script>", "line\u{2028}para\u{2029}end", "€ – “curly” 🐟 שלום", "\u{E2}x", "ends with \u{2028}",
    ]

    @Test("every string round-trips through a JSON parser, and script-safe output has no <, >, & or line separators", arguments: [false, true])
    func roundTrip(scriptSafe: Bool) throws {
        for sample in Self.samples {
            let json = JSONValue.array([.string(sample)]).serialized(scriptSafe: scriptSafe)
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
            #expect(parsed == [sample], "\(json)")
            if scriptSafe {
                #expect(!json.contains(where: { "<>&\u{2028}\u{2029}".contains($0) }), "\(json)")
            }
        }
        #expect(JSONValue.string("a\"b<").serialized() == #""a\"b<""#)
        #expect(JSONValue.string("a\u{1F}b").serialized() == #""a\u001fb""#)
    }
}
