/// `/cart/items.json`: every item the store's own cart can hold, with its price and availability as
/// this build has them. The cart page reads it on every visit, so a cart kept in the browser is
/// re-priced (and loses items no longer sold) after each deploy; nothing stored in the browser is
/// ever trusted for a price.
struct CartIndex {
    static let sitePath = "/cart/items.json"

    let site: Site
    let links: SiteLinks

    func render() -> OutputFile? {
        guard let checkout = site.settings.checkout, checkout.hasOwnCart else { return nil }
        let currency = site.settings.currency
        let format = Currency.displayFormat(currency)
        var items: [(String, JSONValue)] = []
        for product in site.products {
            for item in product.sellableItems {
                let sellable = CheckoutValues.canSell(item, of: product, through: checkout, siteCurrency: currency)
                // Items priced in another currency cannot join a one-currency cart: leaving them out makes a cart drop them.
                guard product.currency == currency else { continue }
                var entry: [(String, JSONValue)] = [
                    ("name", .string(product.title)),
                    ("options", .array(item.options.map { .array([.string($0.name), .string($0.value)]) })),
                    ("url", .string(links.href(item.sitePath))),
                    ("price", .number(String(item.price.current.minorUnits))),
                    ("price_display", .string(item.price.current.displayString)),
                    ("available", .bool(sellable)),
                ]
                if let image = item.image { entry.append(("image", .string(links.href(image)))) }
                if case .shopify = checkout, let id = item.shopifyVariantID { entry.append(("shopify_variant_id", .string(id))) }
                items.append((item.id, .object(entry)))
            }
        }
        let document = JSONValue.object([
            ("currency", .string(currency)),
            ("format", .object([("prefix", .string(format.prefix)), ("suffix", .string(format.suffix)),
                                ("decimals", .number(String(format.decimals)))])),
            ("items", .object(items)),
        ])
        return OutputFile(path: SiteLinks.outputFile(for: Self.sitePath), bytes: document.serializedBytes(indent: true) + [0x0A])
    }
}
