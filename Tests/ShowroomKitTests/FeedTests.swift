import CLibXML2
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

@Suite("Shopping feeds")
struct FeedTests {
    @Test("the Google Merchant feed has one item per variant with the spec's fields and formats")
    func merchantFeed() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()
        let feed = try XMLTestDocument(try store.bytes("feeds/google-merchant.xml"))

        #expect(feed.texts("/rss/channel/item/g:id") == ["camp-mug", "TB-SLATE", "TB-MOSS", "wool-blanket"])
        func item(_ id: String) -> xmlNodePtr? { feed.nodes("/rss/channel/item[g:id='\(id)']").first }

        let slate = try #require(item("TB-SLATE"))
        #expect(feed.text("title", in: slate) == "Trail Bottle 750 ml – Élan – Slate / 750 ml", "the front-matter title is used")
        #expect(feed.text("g:item_group_id", in: slate) == "trail-bottle")
        #expect(feed.text("link", in: slate) == "https://shop.example.com/products/trail-bottle/variants/tb-slate/")
        #expect(feed.text("g:price", in: slate) == "24.00 USD")
        #expect(feed.text("g:sale_price", in: slate) == "19.00 USD")
        #expect(feed.text("g:availability", in: slate) == "in_stock")
        #expect(feed.text("g:gtin", in: slate) == "0012345678905")
        #expect(feed.text("g:color", in: slate) == "Slate")
        #expect(feed.text("g:size", in: slate) == "750 ml")
        // The largest JPEG rendition of each picture (the fixture's are 800 px wide).
        #expect(Fixtures.isRendition(feed.text("g:image_link", in: slate), of: "bottle-1") && feed.text("g:image_link", in: slate)?.hasSuffix("-800.jpg") == true)
        let additional = feed.texts("g:additional_image_link", in: slate)
        #expect(additional.count == 1 && Fixtures.isRendition(additional.first, of: "bottle-2"), "\(additional)")
        #expect(feed.text("g:product_type", in: slate) == "Bottles & Mugs")
        #expect(feed.text("description", in: slate)?.hasPrefix("Keeps water cold for 24 hours. Built for long days. Spec Value. Volume 750 ml.") == true)

        let moss = try #require(item("TB-MOSS"))
        #expect(feed.text("g:price", in: moss) == "26.00 USD")
        #expect(feed.nodes("g:sale_price", in: moss).isEmpty, "a variant that sets its own price is not on sale")
        #expect(feed.text("g:availability", in: moss) == "backorder")
        #expect(feed.text("g:availability_date", in: moss) == "2026-12-15T00:00:00Z")

        let mug = try #require(item("camp-mug"))
        #expect(feed.nodes("g:item_group_id", in: mug).isEmpty)
        #expect(feed.text("g:mpn", in: mug) == "CM-1")
        #expect(feed.text("g:brand", in: mug) == "Fixture")
        #expect(feed.text("g:shipping/g:price", in: mug) == "0.00 USD")
        #expect(feed.text("g:shipping/g:country", in: mug) == "US")
        #expect(feed.text("g:shipping/g:max_transit_time", in: mug) == "5")

        let blanket = try #require(item("wool-blanket"))
        #expect(feed.text("g:identifier_exists", in: blanket) == "no", "no GTIN and no MPN")
        #expect(feed.text("g:availability", in: blanket) == "out_of_stock")
        #expect(feed.text("g:condition", in: blanket) == "new")

        // Every item carries the spec's required fields.
        for node in feed.nodes("/rss/channel/item") {
            for field in ["g:id", "title", "description", "link", "g:image_link", "g:availability", "g:price", "g:condition"] {
                #expect(!(feed.text(field, in: node) ?? "").isEmpty, "an item lacks \(field)")
            }
            #expect((feed.text("title", in: node) ?? "").count <= 150)
            #expect((feed.text("description", in: node) ?? "").count <= 5000)
        }
    }

    @Test("hostile product text stays well-formed and escaped in the feed")
    func hostileText() async throws {
        let title = "Fish & Chips <b>\"Deluxe\"</b> 🐟 \u{0001}שלום ]]>"
        let catalog = #"{"products": [{"handle": "odd", "title": "\#(title.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\u{0001}", with: "\\u0001"))", "price": "5.00", "images": ["media/mug.jpg"]}]}"#
        let store = try FixtureStore(Fixtures.store(replacing: ["Content/catalog.json": catalog], removing: ["Content/products/trail-bottle.md"]))
        defer { store.cleanUp() }
        try await store.build()
        let feed = try XMLTestDocument(try store.bytes("feeds/google-merchant.xml"))
        #expect(feed.text("/rss/channel/item/title") == "Fish & Chips <b>\"Deluxe\"</b> 🐟 שלום ]]>", "control characters are dropped, the rest kept")
    }

    @Test("the sitemap lists every page once, with lastmod, images and product videos")
    func sitemap() async throws {
        let store = try FixtureStore(Fixtures.store(replacing: ["Content/catalog.json": Fixtures.catalogJSON.replacingOccurrences(
            of: #""images": ["media/mug.jpg"]"#,
            with: #""images": ["media/mug.jpg"], "videos": [{"url": "media/mug.jpg", "title": "Mug & steam", "duration_seconds": 12}]"#)]))
        defer { store.cleanUp() }
        try await store.build()
        let sitemap = try XMLTestDocument(try store.bytes("sitemap.xml"))
        let locations = sitemap.texts("/sm:urlset/sm:url/sm:loc")
        let pages = store.outputFiles().filter { $0.hasSuffix("index.html") }.map { "https://shop.example.com/" + $0.dropLast("index.html".count) }
        #expect(locations.sorted() == pages.sorted(), "every page and nothing else")
        let mug = try #require(sitemap.nodes("/sm:urlset/sm:url[sm:loc='https://shop.example.com/products/camp-mug/']").first)
        #expect(sitemap.text("sm:lastmod", in: mug) == "2026-09-01")
        let mugImages = sitemap.texts("image:image/image:loc", in: mug)
        #expect(mugImages.count == 1 && Fixtures.isRendition(mugImages.first, of: "mug"), "\(mugImages)")
        #expect(sitemap.text("video:video/video:title", in: mug) == "Mug & steam")
        #expect(Fixtures.isRendition(sitemap.text("video:video/video:thumbnail_loc", in: mug), of: "mug"))
        #expect(sitemap.text("video:video/video:duration", in: mug) == "12")
    }

    @Test("a sitemap over the URL limit becomes an index of files within the limit")
    func sitemapIndex() throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let (site, diagnostics) = ContentLoader(contentDirectory: store.root.appendingPathComponent("Content"), displayRoot: "Content").load()
        let loaded = try #require(site, "\(diagnostics.errors)")
        let descriptions = loaded.products.map(\.title)

        let whole = MemoryWriter()
        try Sitemap(site: loaded, links: SiteLinks(settings: loaded.settings)).write(to: whole, descriptions: descriptions)
        let all = try XMLTestDocument(try #require(whole.files["sitemap.xml"])).texts("/sm:urlset/sm:url/sm:loc")
        #expect(all.count == 12, "home, 3 products, 2 variants, 3 collections, all products, about, contact")

        let split = MemoryWriter()
        var sitemap = Sitemap(site: loaded, links: SiteLinks(settings: loaded.settings))
        sitemap.maximumURLs = 5
        try sitemap.write(to: split, descriptions: descriptions)
        #expect(split.files.keys.sorted() == ["sitemap.xml", "sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml", "sitemaps/sitemap-3.xml"])
        let index = try XMLTestDocument(try #require(split.files["sitemap.xml"]))
        #expect(index.texts("/sm:sitemapindex/sm:sitemap/sm:loc") == (1...3).map { "https://shop.example.com/sitemaps/sitemap-\($0).xml" })
        var listed: [String] = []
        for number in 1...3 {
            let part = try XMLTestDocument(try #require(split.files["sitemaps/sitemap-\(number).xml"])).texts("/sm:urlset/sm:url/sm:loc")
            #expect(part.count <= 5)
            listed += part
        }
        #expect(listed == all, "splitting keeps every URL once, in order")
    }

    @Test("robots.txt names the sitemap")
    func robots() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()
        let robots = String(decoding: try store.bytes("robots.txt"), as: UTF8.self)
        #expect(robots.split(separator: "\n").contains("Sitemap: https://shop.example.com/sitemap.xml"))
    }
}
