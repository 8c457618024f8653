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

/// Every kind of bad input gets a message with file, line and a fix; all errors of a build come together;
/// and the previous output is left exactly as it was.
@Suite("Bad input")
struct BadInputTests {
    /// Builds the valid fixture store, breaks it with `changes`, builds again and returns the error lines
    /// (paths relative to the store) after checking that the previous output is untouched.
    private func errors(after changes: [String: String], removing: [String] = []) async throws -> [String] {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()
        let before = try Dictionary(uniqueKeysWithValues: store.outputFiles().map { ($0, try store.bytes($0)) })

        for (path, contents) in changes { try store.write(path, contents) }
        for path in removing { try store.remove(path) }
        let errors = await store.buildErrors()

        let after = try Dictionary(uniqueKeysWithValues: store.outputFiles().map { ($0, try store.bytes($0)) })
        #expect(after.keys.sorted() == before.keys.sorted(), "the previous Public/ must stay as it was")
        #expect(after == before, "the previous Public/ must stay byte-identical")
        #expect(try store.rootEntries() == [".Public.fingerprint", "Content", "Public", "Themes"], "no staging folder is left behind")
        return errors.map { $0.description.replacingOccurrences(of: store.root.path + "/", with: "") }
    }

    /// Replaces the catalog (and drops the fixture's write-up, whose product the new catalog no longer has).
    private func errors(afterReplacingCatalogWith products: String) async throws -> [String] {
        try await errors(after: ["Content/catalog.json": #"{"products": [\#(products)]}"#], removing: ["Content/products/trail-bottle.md"])
    }

    @Test("broken JSON is reported at its line and column")
    func brokenJSON() async throws {
        let errors = try await errors(after: ["Content/catalog.json": """
            {
              "products": [
                { "handle": "a", "title": "A" "price": "1.00" }
              ]
            }
            """])
        #expect(errors == [
            """
            Content/catalog.json:3:35: error: catalog.json is not valid JSON: expected ',' or '}' after the value of "title", found '"'
                fix: a comma may be missing at the end of the previous line
            """,
        ])
    }

    @Test("a trailing comma, a single-quoted string and an unterminated string each get their own explanation")
    func jsonExplanations() throws {
        func message(_ text: String) -> String {
            do { _ = try JSONParser.parse(Array(text.utf8)); return "parsed" } catch { return "\(error.line):\(error.column) \(error.message)" }
        }
        #expect(message("{\"a\": [1, 2,]}") == "1:13 trailing comma before ']'")
        #expect(message("{\"a\": 'x'}") == "1:7 strings must use double quotes (\"), not single quotes")
        #expect(message("{\"a\": \"x\n\"}") == "1:9 unterminated string (a line break is not allowed inside a string)")
        #expect(message("{\"é\": \"ü\", \"b\" 1}") == "1:16 expected ':' after the key \"b\", found '1'")
        #expect(message("") == "1:1 the file is empty")
    }

    @Test("an unknown key names the key, its position and the likely intended key")
    func unknownKey() async throws {
        let errors = try await errors(afterReplacingCatalogWith: #"{"handle": "a", "title": "A", "prise": "1.00", "x-note": "ok"}"#)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains { $0.hasPrefix(#"Content/catalog.json:1:45: error: unknown key "prise" in product "a""#) && $0.contains(#"did you mean "price"?"#) })
        #expect(errors.contains { $0.hasPrefix(#"Content/catalog.json:1:15: error: product "a" is missing the required key "price""#) })
    }

    @Test("missing required fields")
    func missingFields() async throws {
        let errors = try await errors(afterReplacingCatalogWith: #"{"price": "1.00"}"#)
        #expect(errors.map { $0.components(separatedBy: "\n")[0] } == [
            #"Content/catalog.json:1:15: error: a product is missing the required key "handle""#,
            #"Content/catalog.json:1:15: error: a product is missing the required key "title""#,
        ])
    }

    @Test("duplicate and invalid handles")
    func handles() async throws {
        let errors = try await errors(afterReplacingCatalogWith: """
            {"handle": "mug", "title": "A", "price": "1.00", "images": []},
            {"handle": "mug", "title": "B", "price": "1.00", "images": []},
            {"handle": "Big Mug", "title": "C", "price": "1.00", "images": []}
            """)
        #expect(errors == [
            """
            Content/catalog.json:2:1: error: duplicate handle "mug" (first used at Content/catalog.json:1:15)
                fix: every product needs its own handle: it is the product's URL /products/<handle>/
            """,
            """
            Content/catalog.json:3:12: error: handle "Big Mug" may only hold lower-case letters a-z, digits and hyphens
                fix: try "big-mug"
            """,
        ])
    }

    @Test("bad money strings and sale prices not below the price")
    func money() async throws {
        let errors = try await errors(afterReplacingCatalogWith: """
            {"handle": "a", "title": "A", "price": "24,00", "images": []},
            {"handle": "b", "title": "B", "price": "$5", "images": []},
            {"handle": "c", "title": "C", "price": "5.00", "sale_price": "6.00", "images": []},
            {"handle": "d", "title": "D", "price": "5.001", "images": []}
            """)
        #expect(errors.map { $0.components(separatedBy: "\n")[0] } == [
            #"Content/catalog.json:1:54: error: "price" of product "a" is not a decimal amount: "24,00""#,
            #"Content/catalog.json:2:40: error: "price" of product "b" is not a decimal amount: "$5""#,
            #"Content/catalog.json:3:62: error: "sale_price" (6.00) of product "c" must be below its price (5.00)"#,
            #"Content/catalog.json:4:40: error: "price" of product "d" has more than 2 decimals for USD: "5.001""#,
        ])
        #expect(errors[0].contains("fix: write a plain decimal"))
    }

    @Test("an invalid GTIN check digit names the expected digit; GTINs on a product with variants and shared GTINs are errors")
    func gtins() async throws {
        let errors = try await errors(afterReplacingCatalogWith: """
            {"handle": "a", "title": "A", "price": "1.00", "gtin": "0012345678906", "images": []},
            {"handle": "b", "title": "B", "price": "1.00", "gtin": "4006381333931", "images": [],
             "variants": [{"sku": "B1", "options": {"size": "S"}, "gtin": "012345678905"}]},
            {"handle": "c", "title": "C", "price": "1.00", "gtin": "0012345678905", "images": []}
            """)
        #expect(errors.map { $0.components(separatedBy: "\n")[0] } == [
            #"Content/catalog.json:1:70: error: GTIN "0012345678906" of product "a" has an invalid check digit (the last digit should be 5 for these first digits)"#,
            #"Content/catalog.json:2:56: error: product "b" has variants, so it must not set "gtin" itself (4006381333931)"#,
            #"Content/catalog.json:4:1: error: GTIN 0012345678905 of product "c" is already used by variant "B1" at Content/catalog.json:3:15"#,
        ])
    }

    @Test("a Markdown file without a catalog product")
    func orphanMarkdown() async throws {
        let errors = try await errors(after: ["Content/products/trail-botle.md": "# Typo in the name\n"])
        #expect(errors == [
            """
            Content/products/trail-botle.md:1:1: error: products/trail-botle.md has no product with the handle "trail-botle" in the catalog
                fix: did you mean products/trail-bottle.md? add a product with "handle": "trail-botle" to the catalog, or rename/remove this file
            """,
        ])
    }

    @Test("a media path that does not exist")
    func missingMedia() async throws {
        let errors = try await errors(afterReplacingCatalogWith: #"{"handle": "a", "title": "A", "price": "1.00", "images": ["media/mugg.jpg"]}"#)
        #expect(errors == [
            """
            Content/catalog.json:1:73: error: media file "media/mugg.jpg" of product "a" does not exist
                fix: did you mean "media/mug.jpg"? add the file as Content/media/mugg.jpg, or correct the path
            """,
        ])
    }

    @Test("a template syntax error names the template file and line")
    func templateSyntax() async throws {
        let errors = try await errors(after: ["Themes/test/templates/page.mustache": "<h1>{{page_title}}</h1>\n{{#content_html}}\n<p>{{{content_html}}}</p>\n"])
        #expect(errors.count == 1)
        #expect(errors[0].hasPrefix("Themes/test/templates/page.mustache:"))
        #expect(errors[0].contains("error: template syntax error: a section is never closed"))
    }

    @Test("a template that names a missing partial")
    func missingPartial() async throws {
        let errors = try await errors(after: ["Themes/test/templates/index.mustache": "<h1>Home</h1>\n<ul>{{#new_arrivals}}{{> crad}}{{/new_arrivals}}</ul>\n"])
        #expect(errors == [
            """
            Themes/test/templates/index.mustache:2:22: error: template index includes the partial "crad", which does not exist
                fix: did you mean {{> card}}? or create Themes/test/templates/partials/crad.mustache
            """,
        ])
    }

    @Test("all errors of one build are reported together, across files")
    func allTogether() async throws {
        let errors = try await errors(after: [
            "Content/catalog.json": #"{"products": [{"handle": "a", "title": "A", "price": "x", "images": []}]}"#,
            "Content/pages/about.md": "---\ntitel: About\n---\nHi\n",
            "Content/site.json": Fixtures.siteJSON.replacingOccurrences(of: #""currency": "USD""#, with: #""currency": "usd""#),
            "Themes/test/templates/404.mustache": "{{> nope}}",
        ], removing: ["Content/products/trail-bottle.md"])
        let files = errors.map { String($0.prefix { $0 != ":" }) }
        #expect(Set(files) == ["Content/catalog.json", "Content/site.json", "Content/pages/about.md", "Themes/test/templates/404.mustache"], "\(errors)")
        #expect(errors.contains { $0.hasPrefix(#"Content/pages/about.md:2:1: error: unknown front-matter key "titel""#) })
        #expect(errors.contains { $0.contains("currency") })
        #expect(errors.contains { $0.hasPrefix("Themes/test/templates/404.mustache:1:1: error: template 404 includes the partial \"nope\"") })
    }

    @Test("partials that include each other in a loop")
    func partialCycle() async throws {
        let errors = try await errors(after: [
            "Themes/test/templates/partials/card.mustache": "<li>{{title}}{{> badge}}</li>",
            "Themes/test/templates/partials/badge.mustache": "<b>{{> card}}</b>",
        ])
        #expect(errors.map { $0.components(separatedBy: "\n")[0] } == [
            "Themes/test/templates/partials/card.mustache:1:14: error: templates include each other in a loop: badge → card → badge",
        ])
    }

    @Test("an option written twice in one variant")
    func duplicateOption() async throws {
        let errors = try await errors(afterReplacingCatalogWith: """
            {"handle": "a", "title": "A", "price": "1.00", "images": ["media/mug.jpg"],
             "variants": [{"sku": "A1", "options": {"size": "S", "size": "M"}}]}
            """)
        #expect(errors.map { $0.components(separatedBy: "\n")[0] } == [
            #"Content/catalog.json:2:54: error: "options" of variant "A1" of product "a" has the key "size" twice"#,
        ])
    }

    @Test("a product with variants must name options; preorders need a date")
    func variantRules() async throws {
        let errors = try await errors(afterReplacingCatalogWith: """
            {"handle": "a", "title": "A", "price": "1.00", "images": [], "availability": "preorder",
             "variants": [{"sku": "A1"}, {"sku": "A1", "options": {"size": "M"}}]}
            """)
        #expect(errors.map { $0.components(separatedBy: "\n")[0] } == [
            #"Content/catalog.json:1:76: error: product "a" is a pre-order but has no "availability_date""#,
            #"Content/catalog.json:2:15: error: variant "A1" of product "a" is missing the required key "options""#,
        ])
    }
}
