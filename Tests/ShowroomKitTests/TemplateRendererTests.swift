import Foundation
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

/// Templates render exactly as swift-mustache 2.1.1 rendered them when it read the theme (the expected
/// outputs below were recorded from it), so the pages of every store stay byte for byte the same.
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
            {{#first(items)}}{{name}}{{/first(items)}} {{#sorted(object)}}{{key}}={{value}} {{/sorted(object)}} {{count(object)}}
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

    static func render(_ sources: [String: String], values: [String: Any]) throws -> [String: String] {
        let compiled = try CompiledTemplates(sources: sources)
        return Dictionary(uniqueKeysWithValues: sources.keys.map { name in
            (name, String(decoding: compiled.render(name, root: TemplateValue(values)), as: UTF8.self))
        })
    }

    /// Recorded from swift-mustache 2.1.1.
    static let expected: [String: String] = [
        "indented": "<main>\n  <ol>\n  <li>one</li>\n<li>two &amp; three</li>\n<li>four</li>\n  </ol>\n  <b>bold</b>\n"
            + "second line\n    <div>\n      leaf Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום\r\n"
            + "line two\n    </div>\n</main>\n",
        "leaf": "leaf Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום\r\nline two\n",
        "list": "<ol>\n<li>one</li>\n<li>two &amp; three</li>\n<li>four</li>\n</ol>\n<b>bold</b>\nsecond line\n",
        "nested": "<div>\n  leaf Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום\r\nline two\n</div>\n",
        "standalone": "<ul>\n  <li>one [a] [b]</li>\n  <li>two &amp; three</li>\n  <li>four</li>\n</ul>\nend\n",
        "text": "Fish & <Chips> \"Deluxe\" it's 🐟 שלום inner titleleaf Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום\r\n"
            + "line two\n\n",
        "transforms": "0Fe0|11|2Le2|\n3 some \n"
            + "FISH &amp; &lt;CHIPS&gt; &quot;DELUXE&quot; IT&#39;S 🐟 שלום fish &amp; &lt;chips&gt; &quot;deluxe&quot; it&#39;s 🐟 שלום םולש 🐟 s&#39;ti &quot;exuleD&quot; &gt;spihC&lt; &amp; hsiF Hello Wide World 42 40\n"
            + "odd zero \napple fig pear  fig apple pear  pear fig\n"
            + "one inner=[&quot;deep&quot;: &quot;deep value&quot;] title=inner title  2",
        "values": "[Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום] [Fish & <Chips> \"Deluxe\" it's 🐟 שלום] [Fish & <Chips> \"Deluxe\" it's 🐟 שלום] [41] [2.5] [true] [] [deep value]\n"
            + "blank is a true section zero too: 0 missing inverts\n"
            + "deep value inner title deep value [inner title] deep value\n"
            + "a stored nil [nil] is a true section wrapped\n"
            + "Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום {{not a tag}} Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום",
    ]

    @Test("every construct renders byte for byte as swift-mustache 2.1.1 rendered it")
    func matchesSwiftMustache() throws {
        let rendered = try Self.render(Self.templates, values: Self.values)
        #expect(Set(rendered.keys) == Set(Self.expected.keys))
        for name in Self.templates.keys.sorted() {
            #expect(rendered[name] == Self.expected[name], "template \(name)")
        }
    }

    @Test("the fixture values reach the output, so the expectations test something")
    func fixtureIsMeaningful() throws {
        let rendered = try Self.render(Self.templates, values: Self.values)
        #expect(rendered["values"]?.contains("[Fish &amp; &lt;Chips&gt; &quot;Deluxe&quot; it&#39;s 🐟 שלום]") == true)
        #expect(rendered["values"]?.contains("[Fish & <Chips>") == true)
        #expect(rendered["transforms"]?.contains("0FeL1") == false)  // index 0 is first, not last
        // A true boolean keeps the sequence context (index 0 again), a pushed object does not.
        #expect(rendered["transforms"]?.hasPrefix("0Fe0|11|2Le2|") == true)
        #expect(rendered["values"]?.contains("a stored nil [nil] is a true section wrapped") == true)
        // Only the first line a section's output starts is indented.
        #expect(rendered["indented"]?.contains("  <li>one</li>\n<li>two &amp; three</li>") == true)
        #expect(rendered["indented"]?.contains("  <ol>\n") == true)
    }

    @Test("feed field templates render as text: no escaping, partials as nothing, no tag of the first line standalone",
          arguments: [
              ("{{brand}} {{title}}", " Fish & <Chips> \"Deluxe\" it's 🐟 שלום"),
              ("{{#on_sale}}sale & <clearance>{{/on_sale}}", ""),
              ("{{> field}}[{{title}}]", "[Fish & <Chips> \"Deluxe\" it's 🐟 שלום]"),
              ("{{#items}}{{name}}, {{/items}}", "one, two & three, four, "),
              ("{{#flag}}\nline\n{{/flag}}\n", "\nline\n"),
              ("\n{{title}}", "Fish & <Chips> \"Deluxe\" it's 🐟 שלום"),
              ("  \n{{title}}", "Fish & <Chips> \"Deluxe\" it's 🐟 שלום"),
              ("{{! c }}\n{{title}}", "\nFish & <Chips> \"Deluxe\" it's 🐟 שלום"),
          ])
    func feedFieldTemplates(source: String, expected: String) throws {
        #expect(try TextTemplate(source).render(TemplateFields(), root: TemplateValue(Self.values)) == expected)
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
