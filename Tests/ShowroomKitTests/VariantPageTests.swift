import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomSupport

/// Variant pages that do not repeat their product page (issue 27, "deployable output").
@Suite("Variant pages")
struct VariantPageTests {
    @Test("a variant page keeps its own offer and options, shows the write-up's opening with a link to the product page, and leaves the write-up and related products to it")
    func variantPages() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()

        let product = try store.html("products/enamel-camp-mug/index.html")
        let variantPath = "products/enamel-camp-mug/variants/kp-mug12-wht/index.html"
        let variant = try store.html(variantPath)
        let siteURL = try #require(product.first("//link[@rel='canonical']")?["href"]).replacingOccurrences(of: "/products/enamel-camp-mug/", with: "")

        // The product page has the whole write-up and related products.
        let writeUp = try #require(product.first("//section[contains(@class,'product__description')]/div[@class='prose']"))
        #expect(product.nodes("//section[contains(@class,'product__description')]/div[@class='prose']/*").count > 2)
        #expect(!product.nodes("//section[contains(@class,'section--related')]//li").isEmpty)

        // The variant page: its own canonical URL, price and buy box; the opening of the write-up and a link to the rest.
        #expect(variant.first("//link[@rel='canonical']")?["href"] == siteURL + "/products/enamel-camp-mug/variants/kp-mug12-wht/")
        #expect(variant.nodes("//section[contains(@class,'section--related')]").isEmpty, "related products are on the product page only")
        let excerpt = try #require(variant.first("//section[contains(@class,'product__description')]/div[@class='prose']/p[1]")).text
        #expect(excerpt.hasSuffix("…"))
        #expect(excerpt.count <= PageRenderer.excerptLength)
        // The write-up's plain text ends headings with a stop, which the page's text does not have.
        #expect(Self.words(writeUp.text.replacingOccurrences(of: ".", with: "")).starts(with: Self.words(excerpt.replacingOccurrences(of: ".", with: "")).dropLast()),
                "the excerpt is the write-up's opening")
        #expect(variant.first("//section[contains(@class,'product__description')]//a")?["href"] == "/products/enamel-camp-mug/#description-title")
        #expect(product.first("//*[@id='description-title']") != nil, "the link's target exists")
        #expect(variant.first("//p[contains(@class,'availability')]") != nil)
        #expect(variant.first("//div[@class='options']//a[@aria-current='true']") != nil, "the variant's own options are selected")
        #expect(try store.bytes(variantPath).count < (try store.bytes("products/enamel-camp-mug/index.html")).count)

        // Its JSON-LD: the same group with every variant's page and offer, described by the same opening.
        let group = try #require(try variant.structuredData(ofType: "ProductGroup").first)
        let variants = try #require(group["hasVariant"] as? [[String: Any]])
        let own = try #require(variants.first { $0["sku"] as? String == "KP-MUG12-WHT" })
        #expect(own["url"] as? String == siteURL + "/products/enamel-camp-mug/variants/kp-mug12-wht/")
        #expect((own["offers"] as? [String: Any])?["price"] != nil)
        let description = try #require(group["description"] as? String)
        #expect(description.count <= PageRenderer.excerptLength)
        let full = try #require(try product.structuredData(ofType: "ProductGroup").first?["description"] as? String)
        #expect(full.count > description.count && Self.words(full).starts(with: Self.words(description).dropLast()))
    }

    @Test("a variant page leaves out the table of every option and other variants' pictures; the product page has both")
    func variantPageLeavesOutTheGroup() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        // The cap's product pictures are rust, navy and oat; charcoal is only the Charcoal variant's picture.
        func gallery(_ page: HTMLDocument) -> [String] {
            page.nodes("//img[contains(@class,'gallery__image')]").compactMap { $0["src"] }.map { src in
                ["rust", "navy", "oat", "charcoal"].first { src.contains("merino-watch-cap-\($0)-") } ?? src
            }
        }
        let product = try store.html("products/merino-watch-cap/index.html")
        #expect(gallery(product) == ["rust", "navy", "oat", "charcoal"])
        #expect(product.nodes("//table[contains(@class,'variant-table')]//tbody/tr").count == 4)
        let charcoal = try store.html("products/merino-watch-cap/variants/kp-cap-chr/index.html")
        #expect(gallery(charcoal) == ["charcoal", "rust", "navy", "oat"], "its own picture first, then the product's")
        let rust = try store.html("products/merino-watch-cap/variants/kp-cap-rst/index.html")
        #expect(gallery(rust) == ["rust", "navy", "oat"], "not the Charcoal variant's picture")
        for page in [charcoal, rust] {
            #expect(page.nodes("//table[contains(@class,'variant-table')]").isEmpty)
            #expect(page.nodes("//ul[@class='chips']//a").count == 4, "every option still leads to its variant")
        }
    }

    private static func words(_ text: String) -> [Substring] { text.split(whereSeparator: \.isWhitespace) }
}
