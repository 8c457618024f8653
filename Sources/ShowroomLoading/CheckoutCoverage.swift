import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Whether the configured checkout can sell what the catalog offers. Reported as rule warnings: the
/// build still shows such an item (without a buy button), and `showroom check` makes them errors.
enum CheckoutCoverage {
    static func report(_ checkout: CheckoutProvider?, products: [Product], siteCurrency: String, sink: DiagnosticSink) {
        guard let checkout else { return }
        let provider = checkout.kind.rawValue
        for product in products {
            if checkout.takesOneCurrency, product.currency != siteCurrency {
                sink.warning("product \"\(product.handle)\" is priced in \(product.currency), but a \(provider) checkout takes one currency (\(siteCurrency))",
                             at: product.location, hint: "price it in \(siteCurrency), or sell in several currencies with \"provider\": \"links\"",
                             rule: .checkoutCurrencies)
            }
            for item in product.sellableItems where item.availability.isPurchasable {
                guard let key = checkout.missingSetting(of: item) else { continue }
                let owner = product.hasVariants ? "variant \"\(item.id)\" of product \"\(product.handle)\"" : "product \"\(product.handle)\""
                let hint = key == "shopify_variant_id"
                    ? "add \"shopify_variant_id\": \"…\" (Shopify admin → the product → the variant: the number at the end of its address), or mark it \"out_of_stock\""
                    : "add \"checkout_url\": \"https://…\" (the item's payment link), or mark it \"out_of_stock\""
                sink.warning("\(owner) is \(item.availability == .inStock ? "in stock" : "open for orders") but has no \"\(key)\", so the \(provider) checkout cannot sell it",
                             at: item.location, hint: hint, rule: .checkoutNotSellable)
            }
        }
    }
}
