import ShowroomSupport

/// One thing a shopper can buy: a variant, or a product without variants. Feeds, structured data and
/// the variant pages all read prices and availability from here, so they can never disagree.
public struct SellableItem: Sendable {
    /// The variant's SKU, or the product's handle.
    public var id: String
    /// The product's handle when the item is one of several variants.
    public var groupID: String?
    /// "Trail Bottle 750 ml – Moss / 750 ml" for a variant.
    public var title: String
    /// The item's own page (`/products/<handle>/` or its variant page).
    public var sitePath: String
    public var image: MediaReference?
    public var additionalImages: [MediaReference]
    public var price: Price
    public var availability: Availability
    public var availabilityDate: CalendarDate?
    public var gtin: GTIN?
    public var mpn: String?
    public var options: [VariantOption]
    public var checkoutIdentity: CheckoutIdentity
    /// Where the item is written in the catalog (the variant, or the product without variants).
    public var location: SourceLocation

    public var shopifyVariantID: String? { checkoutIdentity.shopifyVariantID }
    public var checkoutURL: String? { checkoutIdentity.checkoutURL }
}

extension Product {
    public var sellableItems: [SellableItem] {
        guard hasVariants else {
            return [SellableItem(id: handle, groupID: nil, title: title, sitePath: SiteLinks.product(handle), image: images.first,
                                 additionalImages: Array(images.dropFirst()), price: price, availability: availability,
                                 availabilityDate: availabilityDate, gtin: gtin, mpn: mpn, options: [],
                                 checkoutIdentity: checkoutIdentity, location: location)]
        }
        return variants.map { variant in
            let image = variant.image ?? images.first
            return SellableItem(id: variant.sku, groupID: handle, title: "\(title) – \(variant.title)",
                                sitePath: SiteLinks.variant(handle, variant.slug), image: image,
                                additionalImages: images.filter { $0 != image }, price: variant.price,
                                availability: variant.availability, availabilityDate: variant.availabilityDate,
                                gtin: variant.gtin, mpn: variant.mpn, options: variant.options,
                                checkoutIdentity: variant.checkoutIdentity, location: variant.location)
        }
    }
}
