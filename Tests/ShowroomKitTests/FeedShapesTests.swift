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

/// `Themes/<name>/feeds.json`: a store rewrites, adds and removes feed and JSON-LD fields with Mustache
/// templates; the writers still escape, and catalog-owned fields stay out of reach.
@Suite("Feed shapes from the theme")
struct FeedShapesTests {
    static let shapes = """
        {
          "google-merchant": {
            "fields": { "title": "{{brand}} {{title}}", "g:custom_label_0": "{{#on_sale}}sale & <clearance>{{/on_sale}}" },
            "remove": ["g:product_type"]
          },
          "meta-catalog": { "fields": { "custom_label_0": "{{collection}}", "title": "{{product_title}}, {{options.color}}" }, "remove": ["video[0].url"] },
          "product-json-ld": { "fields": { "category": "{{collection}}", "color": "{{options.color}}" } }
        }
        """

    @Test("fields are rewritten, added and removed in every feed, and still escaped by the writer")
    func reshaped() async throws {
        let store = try FixtureStore(Fixtures.store(replacing: ["Themes/test/feeds.json": Self.shapes]))
        defer { store.cleanUp() }
        try await store.build()

        let merchant = try XMLTestDocument(try store.bytes("feeds/google-merchant.xml"))
        let slate = try #require(merchant.nodes("/rss/channel/item[g:id='TB-SLATE']").first)
        #expect(merchant.text("title", in: slate) == "Fixture Trail Bottle 750 ml – Élan – Slate / 750 ml")
        #expect(merchant.text("g:custom_label_0", in: slate) == "sale & <clearance>", "escaped by libxml2, read back intact")
        #expect(merchant.nodes("g:product_type", in: slate).isEmpty)
        let mug = try #require(merchant.nodes("/rss/channel/item[g:id='camp-mug']").first)
        #expect(merchant.nodes("g:custom_label_0", in: mug).isEmpty, "a field that renders empty is left out")
        let blanket = try #require(merchant.nodes("/rss/channel/item[g:id='wool-blanket']").first)
        #expect(merchant.text("title", in: blanket) == "Wool Blanket", "no brand: the template's blank is trimmed")
        #expect(merchant.text("g:price", in: slate) == "24.00 USD", "prices stay the catalog's")

        let meta = try CSVTable(String(decoding: try store.bytes("feeds/meta-catalog.csv"), as: UTF8.self))
        #expect(!meta.header.contains("video[0].url"))
        #expect(meta.header.last == "custom_label_0")
        let metaSlate = try #require(meta.rows.first { $0["id"] == "TB-SLATE" })
        #expect(metaSlate["title"] == "Trail Bottle 750 ml – Élan, Slate", "a comma in a templated field is quoted")
        #expect(metaSlate["custom_label_0"] == "Bottles & Mugs")

        let page = try store.html("products/trail-bottle/variants/tb-moss/index.html")
        let group = try #require(try page.structuredData(ofType: "ProductGroup").first)
        let moss = try #require((group["hasVariant"] as? [[String: Any]])?.first { $0["sku"] as? String == "TB-MOSS" })
        #expect(moss["category"] as? String == "Bottles & Mugs")
        #expect(moss["color"] as? String == "Moss", "a rewritten property keeps its place and value type")
    }

    @Test("the default theme labels sale items and collections for ad campaigns")
    func defaultTheme() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let merchant = try XMLTestDocument(try store.bytes("feeds/google-merchant.xml"))
        #expect(!merchant.texts("//item/g:custom_label_0").isEmpty)
        #expect(Set(merchant.texts("//item/g:custom_label_0")) == ["on sale"])
        #expect(merchant.texts("//item/g:custom_label_1").count == merchant.nodes("//item").count)
    }

    @Test("templated fields keep the feed's length limits; identifier_exists follows the identifiers the item ends up with")
    func limitsAndIdentifiers() async throws {
        let long = String(repeating: "word ", count: 60)
        let shapes = """
            {
              "google-merchant": { "fields": { "g:custom_label_2": "\(long)", "title": "{{title}} \(long)",
                                               "g:mpn": "{{#has_variants}}{{id}}-MPN{{/has_variants}}" },
                                   "remove": ["g:gtin"] },
              "meta-catalog": { "fields": { "custom_label_2": "\(long)" } }
            }
            """
        let store = try FixtureStore(Fixtures.store(replacing: ["Themes/test/feeds.json": shapes]))
        defer { store.cleanUp() }
        try await store.build()
        let merchant = try XMLTestDocument(try store.bytes("feeds/google-merchant.xml"))
        #expect(merchant.texts("//item/g:custom_label_2").allSatisfy { $0.unicodeScalars.count <= 100 && $0.hasSuffix("…") })
        #expect(merchant.texts("//item/title").allSatisfy { $0.unicodeScalars.count <= 150 })
        // Variants get an MPN from the template; the camp mug loses its GTIN but keeps its MPN; the blanket has neither.
        for item in merchant.nodes("//item") {
            let id = merchant.text("g:id", in: item) ?? ""
            let identified = merchant.text("g:mpn", in: item) != nil || merchant.text("g:gtin", in: item) != nil
            #expect(merchant.text("g:gtin", in: item) == nil, "\(id)")
            let stated = merchant.text("g:identifier_exists", in: item)
            #expect((stated == "no") == !identified, "\(id): identifier_exists says \(stated ?? "nothing")")
        }
        #expect(merchant.nodes("//item[g:id='TB-SLATE']/g:identifier_exists").isEmpty && merchant.nodes("//item[g:id='wool-blanket']/g:identifier_exists").count == 1)
        let meta = try CSVTable(String(decoding: try store.bytes("feeds/meta-catalog.csv"), as: UTF8.self))
        #expect(meta.rows.allSatisfy { ($0["custom_label_2"] ?? "").unicodeScalars.count <= 100 })
    }

    @Test("a field both rewritten and removed is an error at the removal")
    func rewrittenAndRemoved() async throws {
        let shapes = #"{ "meta-catalog": { "fields": { "custom_label_0": "{{collection}}" }, "remove": ["custom_label_0"] } }"#
        let store = try FixtureStore(Fixtures.store(replacing: ["Themes/test/feeds.json": shapes]))
        defer { store.cleanUp() }
        let errors = await store.buildErrors().map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" }
        #expect(errors == [#"1:82 "custom_label_0" is both rewritten under "fields" and removed in the meta-catalog feed"#])
    }

    @Test("bad shapes are errors at their position: catalog-owned and required fields, bad templates, typos")
    func errors() async throws {
        let shapes = """
            {
              "google-merchant": { "fields": { "g:price": "{{price}}", "g:custom_label_0": "{{#on_sale}}x" }, "remove": ["title"] },
              "meta-catlog": {},
              "product-json-ld": { "fields": { "offers": "{{price}}", "bad name": "x" } }
            }
            """
        let store = try FixtureStore(Fixtures.store(replacing: ["Themes/test/feeds.json": shapes]))
        defer { store.cleanUp() }
        let errors = await store.buildErrors().map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" }
        #expect(errors.contains { $0.hasPrefix("2:36 \"g:price\" comes from the catalog") }, "\(errors)")
        // At the character where the template stops parsing: the end of "{{#on_sale}}x", inside the string.
        #expect(errors.contains { $0.hasPrefix("2:94 field \"g:custom_label_0\" of \"google-merchant\" is not a valid Mustache template: a section is never closed") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("2:110 \"title\" is required in the google-merchant feed and cannot be removed") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("3:3 unknown key \"meta-catlog\"") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("4:36 \"offers\" comes from the catalog") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("4:59 \"bad name\" is not a schema.org property name") }, "\(errors)")
        #expect(errors.count == 6, "\(errors)")
        #expect(await store.buildErrors().allSatisfy { $0.location?.file.hasSuffix("Themes/test/feeds.json") == true })
    }
}
