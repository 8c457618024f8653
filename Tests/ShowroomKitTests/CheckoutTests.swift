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

/// Selling: each checkout provider on the sample store with the default theme, the pages' buy controls
/// parsed from the output, the cart's price index, the checks, and bad checkout settings.
@Suite("Checkout")
struct CheckoutTests {
    static let shopifyStore = "kestrel-pine.myshopify.com"

    /// The sample store with `checkout` set, every item given a Shopify variant id and a checkout link
    /// (unless `identify` is false), and `edit` applied to the parsed catalog.
    static func sampleStore(checkout: [String: Any]?, identify: Bool = true,
                            edit: (inout [[String: Any]]) -> Void = { _ in }) throws -> FixtureStore {
        let store = try FixtureStore.sampleStore()
        let siteURL = store.root.appendingPathComponent("Content/site.json")
        var site = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: siteURL)) as? [String: Any])
        site["checkout"] = checkout
        try JSONSerialization.data(withJSONObject: site, options: [.prettyPrinted, .withoutEscapingSlashes]).write(to: siteURL)
        let catalogURL = store.root.appendingPathComponent("Content/catalog.json")
        let catalog = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: catalogURL)) as? [String: Any])
        var products = try #require(catalog["products"] as? [[String: Any]])
        if identify {
            var number = 44_012_345_678_000
            for index in products.indices {
                if var variants = products[index]["variants"] as? [[String: Any]] {
                    for offset in variants.indices {
                        number += 1
                        variants[offset]["shopify_variant_id"] = String(number)
                        variants[offset]["checkout_url"] = "https://buy.stripe.com/test_\(number)"
                    }
                    products[index]["variants"] = variants
                } else {
                    number += 1
                    products[index]["shopify_variant_id"] = String(number)
                    products[index]["checkout_url"] = "https://buy.stripe.com/test_\(number)"
                }
            }
        }
        edit(&products)
        try JSONSerialization.data(withJSONObject: ["products": products], options: [.prettyPrinted, .withoutEscapingSlashes]).write(to: catalogURL)
        return store
    }

    /// Every page that offers exactly one item (a product without variants, or a variant page), with the item.
    static func itemPages(of site: Site) -> [(page: String, item: SellableItem, product: Product)] {
        site.products.flatMap { product in
            product.sellableItems.map { item in (SiteLinks.outputFile(for: item.sitePath), item, product) }
        }
    }

    static func load(_ store: FixtureStore) throws -> Site {
        let (site, diagnostics) = ContentLoader(contentDirectory: store.root.appendingPathComponent("Content"), displayRoot: "Content").load()
        return try #require(site, "\(diagnostics.errors)")
    }

    @Test("every sellable page has exactly one buy control with its SKU, price and target; sold-out items and variant choices have none",
          arguments: ["shopify", "snipcart", "links", "email"])
    func buyControls(provider: String) async throws {
        var checkout: [String: Any] = ["provider": provider]
        if provider == "shopify" { checkout["store"] = Self.shopifyStore }
        if provider == "snipcart" { checkout["public_api_key"] = "ZmFrZS1wdWJsaWMta2V5" }
        let store = try Self.sampleStore(checkout: checkout)
        defer { store.cleanUp() }
        try await store.build()
        let site = try Self.load(store)
        var sellable = 0
        var soldOut = 0
        for (page, item, product) in Self.itemPages(of: site) {
            let html = try store.html(page)
            let controls = html.nodes("//*[@data-buy-sku]")
            // The price the page charges, as its Open Graph tags state it (the sale price when there is one).
            let tags = html.metaProperties()
            let shownPrice = (tags.first { $0.0 == "product:sale_price:amount" } ?? tags.first { $0.0 == "product:price:amount" })?.1
            guard item.availability.isPurchasable else {
                soldOut += 1
                #expect(controls.isEmpty, "\(page): a sold-out item has no buy control")
                #expect(html.text("//*[contains(@class,'buy__status--sold-out')]") == "Sold out", "\(page) says it is sold out")
                continue
            }
            sellable += 1
            try #require(controls.count == 1, "\(page): \(controls.count) buy controls")
            let control = controls[0]
            #expect(control["data-buy-sku"] == item.id, "\(page)")
            #expect(control["data-buy-price"] == item.price.current.decimalString, "\(page)")
            #expect(control["data-buy-price"] == shownPrice, "\(page): the buy control's price is the page's price")
            let url = "https://kestrelpine.example.com" + item.sitePath
            switch provider {
            case "shopify":
                #expect(control.name == "form" && control["action"] == "/cart/" && control["data-buy-target"] == "shopify:\(item.shopifyVariantID!)", "\(page)")
                #expect(html.first("//a[@data-buy-now]")?["href"] == "https://\(Self.shopifyStore)/cart/\(item.shopifyVariantID!):1", "\(page): buy now without JavaScript")
            case "snipcart":
                #expect(control.name == "button" && control["class"]?.contains("snipcart-add-item") == true, "\(page)")
                #expect(control["data-item-id"] == item.id && control["data-item-price"] == item.price.current.decimalString, "\(page)")
                // Snipcart's crawler validates the order on this page: it must carry the same button and price.
                #expect(control["data-item-url"] == url && html.first("//link[@rel='canonical']")?["href"] == url, "\(page)")
                #expect(control["data-item-name"] == item.title, "\(page)")
                for (offset, option) in item.options.enumerated() {
                    #expect(control["data-item-custom\(offset + 1)-name"] == option.name && control["data-item-custom\(offset + 1)-value"] == option.value, "\(page)")
                }
            case "links":
                #expect(control.name == "a" && control["href"] == item.checkoutURL, "\(page)")
            default:
                #expect(control.name == "form" && control["data-buy-target"] == "mailto:hello@kestrelpine.example.com", "\(page): the seller's email when checkout names none")
            }
        }
        #expect(sellable > 20 && soldOut > 0)
        // A product page that offers a choice of variants asks for it instead of selling.
        for product in site.products where product.hasVariants {
            let html = try store.html(SiteLinks.outputFile(for: SiteLinks.product(product.handle)))
            #expect(html.nodes("//*[@data-buy-sku]").isEmpty, "\(product.handle): choose a variant first")
            #expect(html.text("//*[contains(@class,'options__prompt')]")?.contains("and to buy it") == true)
        }

        // Third-party code only where the provider needs it, and a policy that names exactly its hosts.
        let pages = store.outputFiles().filter { $0.hasSuffix(".html") }
        for page in pages {
            let html = try store.html(page)
            let external = (html.attributes("//script", "src") + html.attributes("//link[@rel='stylesheet']", "href")).filter { $0.contains("//") }
            let policy = try #require(html.first("//meta[@http-equiv='Content-Security-Policy']")?["content"], "\(page) has no CSP")
            let scriptSources = policy.split(separator: ";").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("script-src") }
            if provider == "snipcart" {
                #expect(external == [CheckoutValues.snipcartScript, CheckoutValues.snipcartStylesheet].sorted(by: >) || Set(external) == [CheckoutValues.snipcartScript, CheckoutValues.snipcartStylesheet], "\(page): \(external)")
                #expect(scriptSources?.trimmingCharacters(in: .whitespaces) == "script-src 'self' https://cdn.snipcart.com 'unsafe-eval'", "\(page)")
                #expect(html.first("//div[@id='snipcart']")?["data-api-key"] == "ZmFrZS1wdWJsaWMta2V5")
            } else {
                #expect(external.isEmpty, "\(page) loads \(external)")
                #expect(scriptSources?.trimmingCharacters(in: .whitespaces) == "script-src 'self'", "\(page)")
            }
        }

        // The store's own cart: a noindex page and the price index, for Shopify and email only.
        let files = Set(store.outputFiles())
        let ownCart = provider == "shopify" || provider == "email"
        #expect(files.contains("cart/index.html") == ownCart && files.contains("cart/items.json") == ownCart)
        let sitemap = String(decoding: try store.bytes("sitemap.xml"), as: UTF8.self)
        #expect(!sitemap.contains("/cart/"), "the cart is not in the sitemap")
        if ownCart {
            let cart = try store.html("cart/index.html")
            #expect(cart.first("//meta[@name='robots']")?["content"] == "noindex")
            #expect(cart.first("//*[@data-cart]")?["data-items-url"] == "/cart/items.json")
            let index = try #require(try JSONSerialization.jsonObject(with: Data(store.bytes("cart/items.json"))) as? [String: Any])
            let shards = try #require(index["shards"] as? Int)
            #expect(index["shard_url"] as? String == "/cart/items/" && index["currency"] as? String == "USD")
            var items: [String: [String: Any]] = [:]
            for shard in 0..<shards {
                let part = try #require(try JSONSerialization.jsonObject(with: Data(store.bytes("cart/items/\(shard).json"))) as? [String: [String: Any]])
                for (id, entry) in part {
                    #expect(CartIndex.shard(of: id, count: shards) == shard, "\(id) is in the shard its hash names")
                    items[id] = entry
                }
            }
            for (_, item, _) in Self.itemPages(of: site) {
                let entry = try #require(items[item.id], "\(item.id) is in the price index")
                #expect(entry["price"] as? Int == Int(item.price.current.minorUnits), "\(item.id)")
                #expect(entry["price_display"] as? String == item.price.current.displayString)
                #expect(entry["available"] as? Bool == item.availability.isPurchasable, "\(item.id)")
                #expect(entry["url"] as? String == item.sitePath)
                if provider == "shopify" { #expect(entry["shopify_variant_id"] as? String == item.shopifyVariantID) }
            }
            #expect(items.count == Self.itemPages(of: site).count)
            // And the header links to it on every page.
            #expect(try store.html("index.html").first("//a[@data-cart-link]")?["href"] == "/cart/")
        }
    }

    @Test("without a checkout block pages look as before: no buy control, no cart, and check warns that nobody can buy")
    func noCheckout() async throws {
        let store = try Self.sampleStore(checkout: nil, identify: false)
        defer { store.cleanUp() }
        let report = await Checker.check(store.options)
        let files = store.outputFiles()
        #expect(!files.contains("cart/index.html") && !files.contains("cart/items.json"))
        for page in files where page.hasSuffix(".html") {
            let html = try store.html(page)
            #expect(html.nodes("//*[@data-buy-sku]").isEmpty && html.nodes("//*[@data-cart-link]").isEmpty, "\(page)")
        }
        #expect(try store.html("products/cafe-pour-over-kit/index.html").text("//*[@id='order-title']") == "How to order")
        let finding = try #require(report.findings.first { $0.rule == .checkoutNone })
        #expect(finding.severity == .warning)
        #expect(finding.location?.file.hasSuffix("Content/site.json") == true)
    }

    @Test("check: an orderable item the provider cannot sell, and a product in another currency, are errors at their catalog line")
    func checkRules() async throws {
        // One variant without its Shopify id.
        let missing = try Self.sampleStore(checkout: ["provider": "shopify", "store": Self.shopifyStore]) { products in
            let index = products.firstIndex { $0["handle"] as? String == "enamel-camp-mug" }!
            var variants = products[index]["variants"] as! [[String: Any]]
            variants[1]["shopify_variant_id"] = nil
            products[index]["variants"] = variants
        }
        defer { missing.cleanUp() }
        let findings = await Checker.check(missing.options).findings.filter { $0.rule?.rawValue.hasPrefix("checkout/") == true }
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.rule == .checkoutNotSellable && finding.severity == .error)
        #expect(finding.message.contains("variant \"KP-MUG12-BLU\" of product \"enamel-camp-mug\"") && finding.message.contains("shopify_variant_id"), "\(finding)")
        #expect(finding.location?.file == missing.root.appendingPathComponent("Content").path + "/catalog.json" && finding.location?.line != nil)
        // Its page shows no button, and says how to order instead.
        let page = try missing.html("products/enamel-camp-mug/variants/kp-mug12-blu/index.html")
        #expect(page.nodes("//*[@data-buy-sku]").isEmpty)
        #expect(page.text("//*[contains(@class,'buy__status')]")?.hasPrefix("Not available to order online") == true)

        // A product priced in euros in a dollar store with a one-currency checkout.
        let euros = try Self.sampleStore(checkout: ["provider": "email"]) { products in
            let index = products.firstIndex { $0["handle"] as? String == "cafe-pour-over-kit" }!
            products[index]["currency"] = "EUR"
        }
        defer { euros.cleanUp() }
        let currency = await Checker.check(euros.options).findings.filter { $0.rule?.rawValue.hasPrefix("checkout/") == true }
        #expect(currency.map(\.rule) == [.checkoutCurrencies], "\(currency)")
        #expect(currency.first?.severity == .error && currency.first?.message.contains("priced in EUR") == true)
        // With payment links each item is its own checkout: several currencies are fine.
        let links = try Self.sampleStore(checkout: ["provider": "links"]) { products in
            let index = products.firstIndex { $0["handle"] as? String == "cafe-pour-over-kit" }!
            products[index]["currency"] = "EUR"
        }
        defer { links.cleanUp() }
        #expect(await Checker.check(links.options).findings.filter { $0.rule?.rawValue.hasPrefix("checkout/") == true }.isEmpty)
    }

    @Test("check lists payment links among external links, but never Shopify cart permalinks (fetching one makes a cart)")
    func permalinksAreNotChecked() async throws {
        let shopify = try Self.sampleStore(checkout: ["provider": "shopify", "store": Self.shopifyStore])
        defer { shopify.cleanUp() }
        let report = await Checker.check(shopify.options)
        #expect(try shopify.html("products/cafe-pour-over-kit/index.html").first("//a[@data-buy-now]") != nil)
        #expect(!report.externalLinks.contains { $0.contains(Self.shopifyStore) }, "\(report.externalLinks)")
        let links = try Self.sampleStore(checkout: ["provider": "links"])
        defer { links.cleanUp() }
        #expect(await Checker.check(links.options).externalLinks.contains { $0.hasPrefix("https://buy.stripe.com/") })
    }

    @Test("check: a buy button whose price or SKU differs from its page's offer is a consistency error at its line")
    func buyButtonConsistency() async throws {
        let store = try Self.sampleStore(checkout: ["provider": "links"])
        defer { store.cleanUp() }
        try await store.build()
        #expect(await Checker.check(store.options, build: false).findings.filter { $0.rule == .consistencyOffer }.isEmpty)
        let page = "products/enamel-camp-mug/variants/kp-mug12-blu/index.html"
        let html = String(decoding: try store.bytes(page), as: UTF8.self)
        try #require(html.contains(#"data-buy-price="22.00""#))
        try store.write("Public/" + page, html.replacingOccurrences(of: #"data-buy-price="22.00""#, with: #"data-buy-price="21.00""#))
        let findings = await Checker.check(store.options, build: false).findings.filter { $0.rule == .consistencyOffer }
        #expect(findings.map(\.message) == ["KP-MUG12-BLU: the buy button sells KP-MUG12-BLU at 21.00, the page's JSON-LD says KP-MUG12-BLU at 22.00"])
        #expect(findings.first?.location?.line ?? 0 > 1)
    }

    @Test("pages of every provider pass the W3C Nu HTML checker")
    func validHTML() async throws {
        let jar = try #require(SampleStoreTests.vnuJar(), "vnu.jar not found: scripts/test installs it")
        var stores: [FixtureStore] = []
        defer { for store in stores { store.cleanUp() } }
        for checkout in [["provider": "shopify", "store": Self.shopifyStore], ["provider": "snipcart", "public_api_key": "key"], ["provider": "links"]] {
            let store = try Self.sampleStore(checkout: checkout)
            try await store.build()
            stores.append(store)
        }
        let (messages, _) = try await SampleStoreTests.vnuMessages(jar: jar, folders: stores.map(\.output))
        #expect(messages.isEmpty, "\(messages.prefix(20).joined(separator: "\n"))")
    }
}

/// Bad checkout settings: one located message each, with a fix, and the previous site left alone.
@Suite("Checkout settings")
struct CheckoutSettingsTests {
    static func errors(site: String? = nil, catalog: String? = nil) async throws -> [String] {
        var files = Fixtures.store()
        if let site { files["Content/site.json"] = site }
        if let catalog { files["Content/catalog.json"] = catalog }
        let store = try FixtureStore(files)
        defer { store.cleanUp() }
        return await store.buildErrors().map { $0.description.replacingOccurrences(of: store.root.path + "/", with: "") }
    }

    static func expect(_ site: String, _ expected: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws {
        let actual = try await errors(site: site)
        #expect(actual == expected, "\(actual)", sourceLocation: sourceLocation)
    }

    static func site(_ checkout: String) -> String {
        Fixtures.siteJSON.replacingOccurrences(of: #""theme": "test","#, with: "\"theme\": \"test\",\n  \"checkout\": \(checkout),")
    }

    static let checkoutLine = Fixtures.siteJSON.split(separator: "\n", omittingEmptySubsequences: false)
        .firstIndex { $0.contains("\"theme\"") }! + 2

    @Test("an unknown provider, an unknown key, a store given as a URL, an email that is not one")
    func badSettings() async throws {
        let line = Self.checkoutLine
        // Columns point at the value (or key) at fault: `  "checkout": {` puts the object at column 15.
        try await Self.expect(Self.site(#"{"provider": "shopfy", "store": "x.myshopify.com"}"#), [
            "Content/site.json:\(line):28: error: \"provider\" of \"checkout\" of site.json is \"shopfy\", which is not one of \"shopify\", \"snipcart\", \"links\", \"email\"\n    fix: did you mean \"shopify\"?",
        ])
        try await Self.expect(Self.site(#"{"provider": "links", "stor": "x"}"#), [
            "Content/site.json:\(line):37: error: unknown key \"stor\" in \"checkout\" of site.json\n    fix: allowed keys here: provider; keys starting with \"x-\" are free for your own tooling",
        ])
        try await Self.expect(Self.site(#"{"provider": "shopify", "stor": "x.myshopify.com"}"#), [
            "Content/site.json:\(line):15: error: \"checkout\" of site.json is missing the required key \"store\"\n    fix: your Shopify store's address, e.g. \"store\": \"brand.myshopify.com\"",
            "Content/site.json:\(line):39: error: unknown key \"stor\" in \"checkout\" of site.json\n    fix: did you mean \"store\"? allowed keys here: provider, store; keys starting with \"x-\" are free for your own tooling",
        ])
        try await Self.expect(Self.site(#"{"provider": "shopify", "store": "https://x.myshopify.com/"}"#), [
            "Content/site.json:\(line):48: error: \"store\" of checkout must be a host name such as \"brand.myshopify.com\", found \"https://x.myshopify.com/\"\n    fix: write the store's domain alone: no https://, no path",
        ])
        try await Self.expect(Self.site(#"{"provider": "email", "to": "orders at example.com"}"#), [
            "Content/site.json:\(line):43: error: \"to\" of checkout is not an email address: \"orders at example.com\"\n    fix: e.g. \"to\": \"orders@example.com\"",
        ])
        try await Self.expect(Self.site(#"{"store": "x.myshopify.com"}"#), [
            "Content/site.json:\(line):15: error: \"checkout\" of site.json is missing the required key \"provider\"\n    fix: one of \"shopify\", \"snipcart\", \"links\", \"email\" (see README: Selling)",
        ])
    }

    @Test("checkout ids in the catalog: digits, https links, never on a product with variants, never shared")
    func badIdentities() async throws {
        let catalog = Fixtures.catalogJSON
            .replacingOccurrences(of: #""sku": "TB-SLATE","#, with: #""sku": "TB-SLATE", "shopify_variant_id": "4401x","#)
            .replacingOccurrences(of: #""sku": "TB-MOSS","#, with: #""sku": "TB-MOSS", "checkout_url": "http://buy.stripe.com/x","#)
            .replacingOccurrences(of: #""handle": "trail-bottle","#, with: #""handle": "trail-bottle", "shopify_variant_id": "1","#)
            .replacingOccurrences(of: #""handle": "camp-mug","#, with: #""handle": "camp-mug", "shopify_variant_id": 77, "checkout_url": "https://buy.stripe.com/same","#)
            .replacingOccurrences(of: #""handle": "wool-blanket","#, with: #""handle": "wool-blanket", "shopify_variant_id": "77", "checkout_url": "https://buy.stripe.com/same","#)
        let errors = try await Self.errors(catalog: catalog)
        #expect(errors.count == 5, "\(errors.joined(separator: "\n"))")
        #expect(errors.contains { $0.hasPrefix("Content/catalog.json:4:") && $0.contains("product \"trail-bottle\" has variants, so \"shopify_variant_id\" belongs on each variant") })
        #expect(errors.contains { $0.contains("\"shopify_variant_id\" of variant \"TB-SLATE\" of product \"trail-bottle\" must be the variant's numeric id, found \"4401x\"") && $0.contains("fix: in Shopify admin") })
        #expect(errors.contains { $0.contains("\"checkout_url\" of variant \"TB-MOSS\" of product \"trail-bottle\" must be an https:// address: \"http://buy.stripe.com/x\"") })
        #expect(errors.contains { $0.contains("shopify_variant_id 77 of product \"wool-blanket\" is already used by product \"camp-mug\" at Content/catalog.json:") })
        #expect(errors.contains { $0.contains("checkout_url of product \"wool-blanket\" is already used by product \"camp-mug\"") })
    }

    @Test("a SKU may not be another product's handle: carts and feeds name items by either")
    func itemIDClash() async throws {
        let catalog = Fixtures.catalogJSON.replacingOccurrences(of: #""sku": "TB-MOSS","#, with: #""sku": "camp-mug","#)
        let errors = try await Self.errors(catalog: catalog)
        #expect(errors.count == 1 && errors[0].contains(#"error: product "camp-mug" and variant "camp-mug" at Content/catalog.json:"#)
                && errors[0].contains(#"both go by "camp-mug""#), "\(errors)")
    }

    @Test("checkout by email refuses an address that would change what a mailto: link means")
    func mailtoAddress() async throws {
        let errors = try await Self.errors(site: Self.site(#"{"provider": "email", "to": "orders#1@example.com"}"#))
        #expect(errors.count == 1 && errors[0].contains(#""to" of checkout is not an email address: "orders#1@example.com""#), "\(errors)")
    }

    @Test("a checkout that keeps its own cart needs the theme's cart template")
    func themeWithoutCart() async throws {
        let errors = try await Self.errors(site: Self.site(#"{"provider": "email"}"#))
        #expect(errors.count == 1 && errors[0].contains("theme \"test\" has no cart.mustache, which the email checkout needs for its /cart/ page"), "\(errors)")
    }
}
