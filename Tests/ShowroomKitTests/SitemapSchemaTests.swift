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

/// Sitemaps validated by libxml2's schema validator against the sitemaps.org schema together with
/// Google's image and video extension schemas (`Resources/sitemap-schemas/wrapper.xsd` imports all three;
/// the official sitemap schema checks extension elements strictly, so each must be declared).
@Suite("Sitemap schemas")
struct SitemapSchemaTests {
    static let schemas = FixtureStore.repositoryRoot.appendingPathComponent("Tests/ShowroomKitTests/Resources/sitemap-schemas")
    static let urlset = schemas.appendingPathComponent("wrapper.xsd").path
    static let index = schemas.appendingPathComponent("siteindex.xsd").path

    @Test("the schemas reject what they should: an image without its location, a video without a title")
    func schemasCanFail() throws {
        let broken = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">
            <url><loc>https://a.example/</loc><image:image><image:caption>no loc</image:caption></image:image></url>
            <url><loc>https://a.example/v/</loc><video:video><video:thumbnail_loc>https://a.example/t.jpg</video:thumbnail_loc><video:description>d</video:description><video:content_loc>https://a.example/v.mp4</video:content_loc></video:video></url>
            <url><loc>https://a.example/x/</loc><image:picture>unknown</image:picture></url>
            </urlset>
            """
        let messages = try XMLTestDocument(Array(broken.utf8)).validate(schema: Self.urlset)
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("line 3:") && $0.contains("loc") })
        #expect(messages.contains { $0.hasPrefix("line 4:") && $0.contains("description") })
        #expect(messages.contains { $0.hasPrefix("line 5:") && $0.contains("strict wildcard") })
    }

    @Test("the sample store's sitemap is valid with its images and product video")
    func sampleStore() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let sitemap = try XMLTestDocument(try store.bytes("sitemap.xml"))
        #expect(sitemap.nodes("//video:video").count >= 1, "the sample has a product video")
        #expect(sitemap.nodes("//image:image").count > 16)
        #expect(sitemap.validate(schema: Self.urlset) == [])
    }

    @Test("hostile text, a long video title and description stay within the video schema's limits")
    func limits() async throws {
        let longTitle = String(repeating: "e\u{301}", count: 80)  // 80 characters, 160 code points
        var files = Fixtures.feedStore()
        files["Content/catalog.json"] = files["Content/catalog.json"]!.replacingOccurrences(
            of: #""images": ["media/mug.jpg"]\#n    }"#,
            with: #""images": ["media/mug.jpg"], "videos": [{"url": "media/mug.jpg", "title": "\#(longTitle) & <b>", "duration_seconds": 30000}]}"#)
        let store = try FixtureStore(files)
        defer { store.cleanUp() }
        try await store.build()
        let sitemap = try XMLTestDocument(try store.bytes("sitemap.xml"))
        #expect(sitemap.nodes("//video:video").count == 1)
        #expect(sitemap.text("//video:duration") == "28800", "capped at the protocol's 8 hours")
        #expect(sitemap.validate(schema: Self.urlset) == [])
    }

    @Test("a 120,000-product store gets a sitemap index of at least 3 valid files within the limits")
    func hugeStore() throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let (loaded, diagnostics) = ContentLoader(contentDirectory: store.root.appendingPathComponent("Content"), displayRoot: "Content").load()
        var site = try #require(loaded, "\(diagnostics.errors)")
        // Generated in memory from the fixture's products: the sitemap only reads the model.
        let templates = site.products
        site.products = (0..<120_000).map { number in
            var product = templates[number % templates.count]
            product.handle = "product-\(number)"
            return product
        }
        for index in site.collections.indices { site.collections[index].productIndexes = Array(0..<40_000) }

        let writer = MemoryWriter()
        try Sitemap(site: site, links: SiteLinks(settings: site.settings)).write(to: writer, descriptions: site.products.map(\.title))
        let index = try XMLTestDocument(try #require(writer.files["sitemap.xml"]))
        #expect(index.validate(schema: Self.index) == [])
        let parts = index.texts("/sm:sitemapindex/sm:sitemap/sm:loc")
        #expect(parts.count >= 3)
        var total = 0
        for (offset, url) in parts.enumerated() {
            #expect(url == "https://shop.example.com/sitemaps/sitemap-\(offset + 1).xml")
            let bytes = try #require(writer.files["sitemaps/sitemap-\(offset + 1).xml"])
            #expect(bytes.count <= 50 * 1024 * 1024, "the protocol's 50 MB limit")
            let part = try XMLTestDocument(bytes)
            let urls = part.nodes("/sm:urlset/sm:url").count
            #expect(urls <= 50_000)
            total += urls
            if offset == 0 { #expect(part.validate(schema: Self.urlset) == []) }
        }
        // Every product, its variant pages (a third of the products have two), listings, pages, home, contact.
        let productURLs = 120_000 + 2 * 40_000
        let listingPages = 3 * site.settings.listingPages(for: 40_000) + site.settings.listingPages(for: 120_000)
        #expect(total == productURLs + listingPages + 1 + 1 + 1, "home, about and contact")
    }
}
