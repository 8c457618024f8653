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

@Suite("Structured data and Open Graph")
struct StructuredDataTests {
    /// The hostile store, with a video on the camp mug.
    static func store() throws -> FixtureStore {
        var files = Fixtures.feedStore()
        files["Content/catalog.json"] = files["Content/catalog.json"]!.replacingOccurrences(
            of: #""images": ["media/mug.jpg"]\#n    }"#,
            with: #""images": ["media/mug.jpg"], "videos": [{"url": "media/mug.mp4", "title": "Steam & <coffee>", "duration_seconds": 95}]}"#)
        files["Content/media/mug.mp4"] = "mp4"
        return try FixtureStore(files)
    }

    static func productPages(_ store: FixtureStore) -> [String] {
        store.outputFiles().filter { $0.hasPrefix("products/") && $0.hasSuffix("index.html") && !$0.hasSuffix("/video/index.html") }
    }

    @Test("every product page's JSON-LD meets Google's merchant listing and variant rules")
    func googleRules() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        try await store.build()
        for path in Self.productPages(store) {
            let page = try store.html(path)
            let nodes = try page.structuredData()
            #expect(nodes.compactMap { $0["@type"] as? String }.filter { $0 == "Product" || $0 == "ProductGroup" }.count == 1, "\(path)")
            for node in nodes {
                switch node["@type"] as? String {
                case "Product": #expect(RichResultsRules.product(node) == [], "\(path)")
                case "ProductGroup": #expect(RichResultsRules.productGroup(node) == [], "\(path)")
                case "BreadcrumbList": #expect(RichResultsRules.breadcrumbs(node) == [], "\(path)")
                default: Issue.record("unexpected \(node["@type"] ?? "?") on \(path)")
                }
                for video in node["subjectOf"] as? [[String: Any]] ?? [] { #expect(RichResultsRules.video(video) == [], "\(path)") }
            }
        }
    }

    @Test("a product without variants: Product with identifiers, Offer, shipping, returns and video")
    func simpleProduct() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        try await store.build()
        let page = try store.html("products/camp-mug/index.html")
        let product = try #require(try page.structuredData(ofType: "Product").first)
        #expect(product["name"] as? String == "Camp Mug")
        #expect(product["sku"] as? String == "camp-mug")
        #expect(product["gtin"] as? String == "96385074")
        #expect(product["mpn"] as? String == "CM-1")
        #expect((product["brand"] as? [String: Any])?["name"] as? String == "Fixture")
        let images = product["image"] as? [String] ?? []
        #expect(images.count == 1 && Fixtures.isRendition(images.first, of: "mug"), "\(images)")
        let offer = try #require(product["offers"] as? [String: Any])
        #expect((offer["price"] as? NSNumber)?.decimalValue == Decimal(string: "12.50"))
        #expect(offer["priceCurrency"] as? String == "USD")
        #expect(offer["availability"] as? String == "https://schema.org/InStock")
        #expect(offer["itemCondition"] as? String == "https://schema.org/NewCondition")
        let shipping = try #require((offer["shippingDetails"] as? [[String: Any]])?.first)
        #expect(shipping["@type"] as? String == "OfferShippingDetails")
        #expect((shipping["shippingDestination"] as? [String: Any])?["addressCountry"] as? String == "US")
        let transit = ((shipping["deliveryTime"] as? [String: Any])?["transitTime"] as? [String: Any]) ?? [:]
        #expect(transit["minValue"] as? Int == 2 && transit["maxValue"] as? Int == 5)
        let returns = try #require(offer["hasMerchantReturnPolicy"] as? [String: Any])
        #expect(returns["@type"] as? String == "MerchantReturnPolicy")
        #expect(returns["merchantReturnDays"] as? Int == 30)
        #expect(returns["returnFees"] as? String == "https://schema.org/FreeReturn")
        #expect(returns["returnMethod"] as? String == "https://schema.org/ReturnByMail")
        let video = try #require((product["subjectOf"] as? [[String: Any]])?.first)
        #expect(video["@type"] as? String == "VideoObject")
        #expect(video["name"] as? String == "Steam & <coffee>")
        #expect(video["contentUrl"] as? String == "https://shop.example.com/media/mug.mp4")
        #expect(Fixtures.isRendition(video["thumbnailUrl"] as? String, of: "mug"))
        #expect(video["uploadDate"] as? String == "2026-09-01T00:00:00Z")
        #expect(video["duration"] as? String == "PT1M35S")

        let crumbs = try #require(try page.structuredData(ofType: "BreadcrumbList").first?["itemListElement"] as? [[String: Any]])
        #expect(crumbs.map { $0["name"] as? String } == ["Home", "Bottles & Mugs", "Camp Mug"])
        #expect(crumbs.last?["item"] as? String == "https://shop.example.com/products/camp-mug/")
    }

    @Test("a product with variants: ProductGroup with a sale, a back-order and each variant's page")
    func productGroup() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        try await store.build()
        let group = try #require(try store.html("products/trail-bottle/index.html").structuredData(ofType: "ProductGroup").first)
        #expect(group["productGroupID"] as? String == "trail-bottle")
        #expect(group["variesBy"] as? [String] == ["https://schema.org/color", "https://schema.org/size"])
        let variants = try #require(group["hasVariant"] as? [[String: Any]])
        #expect(variants.map { $0["sku"] as? String } == ["TB-SLATE", "TB-MOSS"])
        let slate = variants[0], moss = variants[1]
        #expect(slate["url"] as? String == "https://shop.example.com/products/trail-bottle/variants/tb-slate/")
        #expect(slate["color"] as? String == "Slate" && slate["size"] as? String == "750 ml")
        #expect(slate["gtin"] as? String == "0012345678905")
        let slateOffer = try #require(slate["offers"] as? [String: Any])
        #expect((slateOffer["price"] as? NSNumber)?.decimalValue == 19, "the price paid")
        let strikethrough = try #require(slateOffer["priceSpecification"] as? [String: Any])
        #expect((strikethrough["price"] as? NSNumber)?.decimalValue == 24)
        #expect(strikethrough["priceType"] as? String == "https://schema.org/StrikethroughPrice")
        let mossOffer = try #require(moss["offers"] as? [String: Any])
        #expect(mossOffer["availability"] as? String == "https://schema.org/BackOrder")
        #expect(mossOffer["availabilityStarts"] as? String == "2026-12-15T00:00:00Z")
        #expect(mossOffer["priceSpecification"] == nil, "not on sale")

        // The variant page has the group with its own variant in full and the other by its URL (Google's
        // multi-page variants), and its own breadcrumb.
        let variantPage = try store.html("products/trail-bottle/variants/tb-moss/index.html")
        let repeated = try #require(try variantPage.structuredData(ofType: "ProductGroup").first)
        let onPage = try #require(repeated["hasVariant"] as? [[String: Any]])
        #expect(onPage.count == 2)
        #expect(onPage[0].count == 1 && onPage[0]["url"] as? String == "https://shop.example.com/products/trail-bottle/variants/tb-slate/")
        #expect(onPage[1]["sku"] as? String == "TB-MOSS" && (onPage[1]["offers"] as? [String: Any])?["availability"] as? String == "https://schema.org/BackOrder")
        #expect(repeated["productGroupID"] as? String == "trail-bottle" && repeated["variesBy"] as? [String] == group["variesBy"] as? [String])
        let crumbs = try #require(try variantPage.structuredData(ofType: "BreadcrumbList").first?["itemListElement"] as? [[String: Any]])
        #expect(crumbs.last?["name"] as? String == "Moss / 750 ml")
    }

    @Test("a product priced in another currency than the shipping rates gets no shipping (never a fee in the wrong currency), with a located warning")
    func foreignCurrencyShipping() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        let catalog = String(decoding: try Data(contentsOf: store.root.appendingPathComponent("Content/catalog.json")), as: UTF8.self)
        try store.write("Content/catalog.json", catalog.replacingOccurrences(of: #""handle": "camp-mug","#, with: #""handle": "camp-mug", "currency": "EUR","#))
        let summary = try await store.build()
        let warning = try #require(summary.warnings.first { $0.message.contains("priced in EUR but the shipping rates") })
        #expect(warning.location?.line != nil)
        let offer = try #require(try store.html("products/camp-mug/index.html").structuredData(ofType: "Product").first?["offers"] as? [String: Any])
        #expect(offer["priceCurrency"] as? String == "EUR" && offer["shippingDetails"] == nil)
        #expect(offer["hasMerchantReturnPolicy"] != nil, "the return policy has no amounts on the offer and stays")
        let feed = String(decoding: try store.bytes("feeds/google-merchant.xml"), as: UTF8.self)
        let mug = try #require(feed.components(separatedBy: "<item>").first { $0.contains("<g:id>camp-mug</g:id>") })
        #expect(mug.contains("<g:price>12.50 EUR</g:price>") && !mug.contains("<g:shipping>"))
        #expect(feed.components(separatedBy: "<item>").filter { $0.contains("<g:shipping>") }.count > 1, "items in dollars keep theirs")
        let meta = try CSVTable(String(decoding: try store.bytes("feeds/meta-catalog.csv"), as: UTF8.self))
        #expect(meta.rows.first { $0["id"] == "camp-mug" }?["shipping"] == "")
        #expect(meta.rows.first { $0["id"] == "TB-SLATE" }?["shipping"]?.isEmpty == false)
    }

    @Test("a product video without a publication date: the build warns at the catalog line, and the VideoObject has no made-up date")
    func videoWithoutDate() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        let catalog = String(decoding: try Data(contentsOf: store.root.appendingPathComponent("Content/catalog.json")), as: UTF8.self)
        try store.write("Content/catalog.json", catalog.replacingOccurrences(of: #""published": "2026-09-01","#, with: ""))
        let summary = try await store.build()
        let warning = try #require(summary.warnings.first { $0.message.contains("has videos but no \"published\" date") })
        #expect(warning.message.hasPrefix("product \"camp-mug\"") && warning.location?.line != nil && warning.hint?.contains("\"published\"") == true)
        let video = try #require((try store.html("products/camp-mug/index.html").structuredData(ofType: "Product").first?["subjectOf"] as? [[String: Any]])?.first)
        #expect(video["uploadDate"] == nil)
    }

    @Test("age group and gender options describe the variant's audience (PeopleAudience) and are in variesBy")
    func audience() async throws {
        let catalog = Fixtures.catalogJSON
            .replacingOccurrences(of: #""options": { "color": "Slate", "size": "750 ml" }"#, with: #""options": { "color": "Slate", "age_group": "Kids", "gender": "Women" }"#)
            .replacingOccurrences(of: #""options": { "size": "750 ml", "color": "Moss" }"#, with: #""options": { "age_group": "Adult", "color": "Moss", "gender": "unisex" }"#)
        let store = try FixtureStore(Fixtures.store(replacing: ["Content/catalog.json": catalog]))
        defer { store.cleanUp() }
        try await store.build()
        let group = try #require(try store.html("products/trail-bottle/index.html").structuredData(ofType: "ProductGroup").first)
        #expect(group["variesBy"] as? [String] == ["https://schema.org/color", "https://schema.org/suggestedAge", "https://schema.org/suggestedGender"])
        let variants = try #require(group["hasVariant"] as? [[String: Any]])
        #expect(variants.allSatisfy { $0["suggestedAge"] == nil && $0["suggestedGender"] == nil }, "not properties of a Product")
        let kids = try #require(variants[0]["audience"] as? [String: Any])
        #expect(kids["@type"] as? String == "PeopleAudience" && kids["suggestedGender"] as? String == "female")
        let kidsAge = try #require(kids["suggestedAge"] as? [String: Any])
        #expect(kidsAge["@type"] as? String == "QuantitativeValue" && kidsAge["minValue"] as? Int == 5 && kidsAge["maxValue"] as? Int == 13
                && kidsAge["unitCode"] as? String == "ANN")
        let adult = try #require(variants[1]["audience"] as? [String: Any])
        #expect(adult["suggestedGender"] as? String == "unisex")
        #expect((adult["suggestedAge"] as? [String: Any])?["minValue"] as? Int == 13 && (adult["suggestedAge"] as? [String: Any])?["maxValue"] == nil)
        #expect(variants[0]["color"] as? String == "Slate")
    }

    @Test("hostile product text cannot break out of the JSON-LD script")
    func scriptSafety() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        try await store.build()
        let path = "products/odd-one/index.html"
        let page = try store.html(path)
        #expect(page.nodes("//script[@type='application/ld+json']").count == 1)
        #expect(page.text("//h1[@id='title']") == Fixtures.hostileTitleAsPublished, "the title's <b> stays text")
        let product = try #require(try page.structuredData(ofType: "Product").first)
        #expect(product["name"] as? String == Fixtures.hostileTitleAsPublished)
        #expect((product["brand"] as? [String: Any])?["name"] as? String == "Ünïcode & Sons")
        let raw = String(decoding: try store.bytes(path), as: UTF8.self)
        let script = try #require(raw.range(of: "<script type=\"application/ld+json\">")).upperBound
        let body = raw[script...].prefix { $0 != "\n" }
        #expect(!body.dropLast("</script>".count).contains("<"), "no raw < inside the script body")
    }

    @Test("home and contact pages describe the seller as an Organization, and the WebSite")
    func organization() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        try await store.build()
        for path in ["index.html", "contact/index.html"] {
            let page = try store.html(path)
            let organization = try #require(try page.structuredData(ofType: "OnlineStore").first, "\(path)")
            #expect(organization["legalName"] as? String == "Fixture Goods LLC")
            #expect(organization["email"] as? String == "hello@example.com")
            #expect(organization["telephone"] as? String == "+1 503 555 0100")
            let address = try #require(organization["address"] as? [String: Any])
            #expect(address["@type"] as? String == "PostalAddress")
            #expect(address["streetAddress"] as? String == "12 Alder St" && address["addressLocality"] as? String == "Portland")
            #expect(address["addressRegion"] as? String == "OR" && address["postalCode"] as? String == "97201" && address["addressCountry"] as? String == "US")
            let policy = try #require(organization["hasMerchantReturnPolicy"] as? [String: Any])
            #expect(RichResultsRules.returnPolicy(policy, name: "organization") == [])
            let website = try #require(try page.structuredData(ofType: "WebSite").first)
            #expect(website["name"] as? String == "Fixture Goods" && website["url"] as? String == "https://shop.example.com/")
        }
        #expect(try store.html("about/index.html").structuredData(ofType: "OnlineStore").isEmpty, "only on home and contact")
    }

    @Test("product pages carry Open Graph product tags; other pages are websites")
    func openGraph() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        try await store.build()
        let tags = Dictionary(try store.html("products/trail-bottle/variants/tb-slate/index.html").metaProperties(), uniquingKeysWith: { a, _ in a })
        #expect(tags["og:type"] == "product")
        // The link-preview crop of the variant's picture, with its size.
        #expect(Fixtures.isRendition(tags["og:image"], of: "bottle-1") && tags["og:image"]?.hasSuffix("-og.jpg") == true, "\(tags["og:image"] ?? "")")
        #expect(tags["og:image:width"] == "800" && tags["og:image:height"] == "420")
        #expect(tags["product:price:amount"] == "24.00" && tags["product:sale_price:amount"] == "19.00")
        #expect(tags["product:price:currency"] == "USD")
        #expect(tags["product:availability"] == "in stock")
        #expect(tags["product:retailer_item_id"] == "TB-SLATE" && tags["product:item_group_id"] == "trail-bottle")
        #expect(tags["product:brand"] == "Fixture" && tags["product:condition"] == "new")
        let home = Dictionary(try store.html("index.html").metaProperties(), uniquingKeysWith: { a, _ in a })
        #expect(home["og:type"] == "website")
    }

    @Test("ISO 8601 durations")
    func durations() {
        #expect(StructuredData.isoDuration(seconds: 95) == "PT1M35S")
        #expect(StructuredData.isoDuration(seconds: 3600) == "PT1H")
        #expect(StructuredData.isoDuration(seconds: 0) == "PT0S")
        #expect(StructuredData.isoDuration(seconds: 3725) == "PT1H2M5S")
    }
}
