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

/// For every product and variant page: the price, currency and availability a shopper sees agree with
/// the page's JSON-LD and Open Graph tags, the Google Merchant feed and the Meta catalog.
@Suite("Page, structured data and feeds agree")
struct ConsistencyTests {
    struct Offer: Equatable, CustomStringConvertible {
        var amount: String
        var currency: String
        /// Google's words: in_stock, out_of_stock, preorder, backorder.
        var availability: String
        var description: String { "\(amount) \(currency) \(availability)" }
    }

    /// What the page shows, read from the theme's markup.
    typealias VisibleOffer = (HTMLDocument) throws -> Offer

    @Test("with the test theme, on a store with variants, a sale, back-orders, pre-orders and sold-out items")
    func fixtureStore() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        try await store.build()
        let checked = try Self.checkAgreement(store) { page in
            let price = try #require(page.first("//p[@id='price']"))
            return Offer(amount: price["data-amount"] ?? "", currency: price["data-currency"] ?? "",
                         availability: page.first("//p[@id='availability']")?["data-code"] ?? "")
        }
        #expect(checked == 6, "four products and two variant pages")
    }

    @Test("with the default theme, on the sample store")
    func sampleStore() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let checked = try Self.checkAgreement(store) { page in
            let shown = try #require(page.text("//div[@class='product__buybox']//span[@class='price__current']"))
            let availabilityClass = try #require(page.first("//div[@class='product__buybox']/p[starts-with(@class, 'availability ')]")?["class"])
            // The shown price is a display string ("$1,299.00"); the JSON-LD amount is turned into one to compare.
            return Offer(amount: shown, currency: "USD", availability: String(availabilityClass.split(separator: "--").last ?? ""))
        } displayAmount: { amount, currency in
            try Money.parse(amount, currency: currency).displayString
        }
        #expect(checked > 16)
    }

    /// Checks every product page; returns how many pages were compared.
    static func checkAgreement(_ store: FixtureStore, visible: VisibleOffer,
                               displayAmount: (String, String) throws -> String = { amount, _ in amount }) throws -> Int {
        let merchant = try XMLTestDocument(try store.bytes("feeds/google-merchant.xml"))
        let meta = try CSVTable(String(decoding: try store.bytes("feeds/meta-catalog.csv"), as: UTF8.self))
        let metaAvailability = ["in stock": "in_stock", "out of stock": "out_of_stock", "preorder": "preorder", "available for order": "backorder"]
        let schemaAvailability = ["https://schema.org/InStock": "in_stock", "https://schema.org/OutOfStock": "out_of_stock",
                                  "https://schema.org/PreOrder": "preorder", "https://schema.org/BackOrder": "backorder"]
        var checked = 0
        var listings = 0
        let files = store.outputFiles()
        // Product and variant pages (a listing's player page offers nothing of its own).
        for path in files where path.hasPrefix("products/") && path.hasSuffix("index.html") && !path.hasSuffix("/video/index.html") {
            let page = try store.html(path)
            let shown = try visible(page)
            let tags = Dictionary(page.metaProperties(), uniquingKeysWith: { first, _ in first })
            let id = try #require(tags["product:retailer_item_id"], "\(path) names the item it offers")

            // JSON-LD: the offer of that item (the product, or the variant with that SKU).
            let nodes = try page.structuredData()
            let productNode = try #require(nodes.first { ["Product", "ProductGroup"].contains($0["@type"] as? String) })
            let itemNode = (productNode["hasVariant"] as? [[String: Any]])?.first { $0["sku"] as? String == id } ?? productNode
            #expect(itemNode["sku"] as? String == id, "\(path)")
            let offer = try #require(itemNode["offers"] as? [String: Any])
            let price = try #require(offer["price"] as? NSNumber)
            let currency = try #require(offer["priceCurrency"] as? String)
            let amount = Self.decimal(price, currency: currency)
            let structured = Offer(amount: try displayAmount(amount, currency), currency: currency,
                                   availability: schemaAvailability[offer["availability"] as? String ?? ""] ?? "?")
            #expect(shown == structured, "\(path): page shows \(shown), JSON-LD says \(structured)")

            // Open Graph: regular and sale price as Meta reads them.
            let openGraph = Offer(amount: try displayAmount(tags["product:sale_price:amount"] ?? tags["product:price:amount"] ?? "", currency),
                                  currency: tags["product:price:currency"] ?? "", availability: metaAvailability[tags["product:availability"] ?? ""] ?? "?")
            #expect(openGraph == structured, "\(path): Open Graph says \(openGraph)")

            // Google Merchant: price and sale_price as "19.00 USD".
            let item = try #require(merchant.nodes("/rss/channel/item[g:id='\(id)']").first, "\(path): \(id) is in the Merchant feed")
            let merchantPrice = (merchant.text("g:sale_price", in: item) ?? merchant.text("g:price", in: item) ?? "").split(separator: " ")
            let fromMerchant = Offer(amount: try displayAmount(String(merchantPrice.first ?? ""), String(merchantPrice.last ?? "")),
                                     currency: String(merchantPrice.last ?? ""), availability: merchant.text("g:availability", in: item) ?? "")
            #expect(fromMerchant == structured, "\(path): Merchant feed says \(fromMerchant)")

            // Meta catalog.
            let row = try #require(meta.rows.first { $0["id"] == id }, "\(path): \(id) is in the Meta catalog")
            let metaPrice = ((row["sale_price"].flatMap { $0.isEmpty ? nil : $0 }) ?? row["price"] ?? "").split(separator: " ")
            let fromMeta = Offer(amount: try displayAmount(String(metaPrice.first ?? ""), String(metaPrice.last ?? "")),
                                 currency: String(metaPrice.last ?? ""), availability: metaAvailability[row["availability"] ?? ""] ?? "?")
            #expect(fromMeta == structured, "\(path): Meta catalog says \(fromMeta)")

            // The product's video listing offers what its page shows.
            let listingPath = path.replacingOccurrences(of: "index.html", with: "listing.json")
            if !path.contains("/variants/"), files.contains(listingPath) {
                let listing = try #require(try JSONSerialization.jsonObject(with: Data(store.bytes(listingPath))) as? [String: Any])
                let listed = try #require(listing["offer"] as? [String: Any])
                let fromListing = Offer(amount: try displayAmount(listed["price"] as? String ?? "", listed["currency"] as? String ?? ""),
                                        currency: listed["currency"] as? String ?? "", availability: listed["availability"] as? String ?? "")
                #expect(fromListing == shown, "\(path): the video listing says \(fromListing)")
                listings += 1
            }

            // A variant page and its feed entries point at each other.
            if path.contains("/variants/") || productNode["@type"] as? String == "Product" {
                let canonical = try #require(page.first("//link[@rel='canonical']")?["href"])
                #expect(merchant.text("link", in: item) == canonical && row["link"] == canonical && offer["url"] as? String == canonical, "\(path)")
            }
            checked += 1
        }
        let published = files.filter { $0.hasSuffix("/listing.json") }.count
        #expect(listings == published, "every video listing was compared")
        return checked
    }

    /// JSON numbers come back as doubles; written with the currency's decimals they compare exactly.
    static func decimal(_ number: NSNumber, currency: String) -> String {
        let digits = Currency.minorDigits(currency)
        return String(format: "%.\(digits)f", number.doubleValue)
    }
}
