import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// What templates receive about selling: the store's checkout (`checkout`, on every page) and the buy
/// control of the item a page offers (`product.buy`). Shopper-facing words stay in the theme; these are
/// facts (which provider, which SKU, which price, which link).
enum CheckoutValues {
    /// Snipcart's published v3 theme files, pinned so a store's pages never change under it.
    static let snipcartVersion = "3.7.1"
    static var snipcartScript: String { "https://cdn.snipcart.com/themes/v\(snipcartVersion)/default/snipcart.js" }
    static var snipcartStylesheet: String { "https://cdn.snipcart.com/themes/v\(snipcartVersion)/default/snipcart.css" }

    /// `checkout` on every page; nil (absent) when the store sells through no provider.
    static func shared(_ checkout: CheckoutProvider?, settings: StoreSettings, links: SiteLinks) -> TemplateFields? {
        guard let checkout else { return nil }
        var values: TemplateFields = ["provider": checkout.kind.rawValue, "has_cart": checkout.hasOwnCart]
        for kind in CheckoutProvider.Kind.allCases { values["is_" + kind.rawValue] = checkout.kind == kind }
        if checkout.hasOwnCart {
            values["cart_url"] = links.href(SiteLinks.cart)
            values["items_url"] = links.href(CartIndex.sitePath)
        }
        switch checkout {
        case .shopify(let store): values["shopify_store"] = store
        case .snipcart(let key):
            values["snipcart"] = ["api_key": key, "currency": settings.currency.lowercased(),
                                  "script_url": snipcartScript, "stylesheet_url": snipcartStylesheet] as TemplateFields
        case .email(let address): values["email"] = address
        case .links: break
        }
        return values
    }

    /// Whether `checkout` can take an order for `item` of `product` now.
    static func canSell(_ item: SellableItem, of product: Product, through checkout: CheckoutProvider, siteCurrency: String) -> Bool {
        item.availability.isPurchasable && checkout.missingSetting(of: item) == nil
            && (!checkout.takesOneCurrency || product.currency == siteCurrency)
    }

    /// `product.buy`: the one buy control of a page that offers a single item (a product without
    /// variants, or a variant's page); `price` is the price shape the page already shows.
    static func buy(_ item: SellableItem, of product: Product, price: TemplateValue, checkout: CheckoutProvider, settings: StoreSettings,
                    links: SiteLinks, images: RenderedImages, words: ShopWords) -> TemplateFields {
        var values: TemplateFields = [
            "sku": item.id, "name": item.title, "price": price,
            "amount": item.price.current.decimalString, "minor_units": String(item.price.current.minorUnits), "currency": item.price.current.currency,
            "url": links.href(item.sitePath), "absolute_url": links.absolute(item.sitePath),
            "options": item.options.enumerated().map { offset, option -> TemplateFields in
                ["name": option.name, "value": option.value, "index": offset + 1]
            },
            "in_stock": item.availability == .inStock, "preorder": item.availability == .preorder,
            "backorder": item.availability == .backorder, "sold_out": !item.availability.isPurchasable,
        ]
        if let date = item.availabilityDate { values["date"] = words.date(date) }
        // The checkout's cart shows it as a thumbnail.
        if let image = item.image { values["image"] = links.absolute(images.single(image, atLeast: 360)) }
        let sellable = canSell(item, of: product, through: checkout, siteCurrency: settings.currency)
        values["can_buy"] = sellable
        // Orderable, but this checkout has no way to sell it (no id or link yet): the page says so.
        values["not_sold_online"] = item.availability.isPurchasable && !sellable
        if sellable {
            switch checkout {
            case .shopify(let store):
                if let id = item.shopifyVariantID {
                    values["shopify_variant_id"] = id
                    values["buy_now_url"] = ShopifyCart.permalink(store: store, lines: [(id, 1)])
                }
            case .links:
                if let url = item.checkoutURL { values["checkout_url"] = url }
            case .snipcart, .email: break
            }
        }
        return values
    }
}

/// Shopify's cart permalinks: `https://<store>/cart/<variant id>:<quantity>,…` opens a checkout with
/// those lines (the cart script builds the same form from the shopper's cart).
enum ShopifyCart {
    static func permalink(store: String, lines: [(variantID: String, quantity: Int)]) -> String {
        "https://\(store)/cart/" + lines.map { "\($0.variantID):\($0.quantity)" }.joined(separator: ",")
    }
}
