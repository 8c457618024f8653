import ShowroomSupport

/// Who takes the shopper's money: a checkout the brand already has. A static store never handles
/// payment itself; it hands the cart to one of these (`checkout` in site.json).
public enum CheckoutProvider: Sendable, Equatable {
    /// Shopify kept for checkout only: the cart becomes a cart permalink on `store` (a host name such as
    /// `brand.myshopify.com`), so every sellable item needs its `shopify_variant_id`.
    case shopify(store: String)
    /// Snipcart's own cart and checkout, loaded from its CDN; its crawler re-reads each item's page.
    case snipcart(publicAPIKey: String)
    /// One checkout link per item (a Stripe Payment Link, a Lemon Squeezy or Gumroad checkout…).
    case links
    /// The cart becomes an order request by email; payment details follow by reply.
    case email(to: String)

    public enum Kind: String, Sendable, CaseIterable {
        case shopify, snipcart, links, email
    }

    public var kind: Kind {
        switch self {
        case .shopify: .shopify
        case .snipcart: .snipcart
        case .links: .links
        case .email: .email
        }
    }

    /// Whether the store keeps its own cart (`/cart/` and its price index); Snipcart brings its own,
    /// and a checkout link sells one item at a time.
    public var hasOwnCart: Bool {
        switch self {
        case .shopify, .email: true
        case .snipcart, .links: false
        }
    }

    /// Whether one checkout takes a single currency (a cart is paid in one currency); separate
    /// checkout links can each charge their own.
    public var takesOneCurrency: Bool { self != .links }

    /// What an item must carry for this provider to sell it, or nil when every item can be sold.
    public func missingSetting(of item: SellableItem) -> String? {
        switch self {
        case .shopify: item.shopifyVariantID == nil ? "shopify_variant_id" : nil
        case .links: item.checkoutURL == nil ? "checkout_url" : nil
        case .snipcart, .email: nil
        }
    }
}
