import Foundation

public enum Availability: String, Sendable, CaseIterable, Equatable {
    case inStock = "in_stock"
    case outOfStock = "out_of_stock"
    case preorder
    case backorder

    /// Whether a shopper can order it now (possibly for later delivery).
    public var isPurchasable: Bool { self != .outOfStock }
}

public enum Condition: String, Sendable, CaseIterable {
    case new, refurbished, used
}

/// A picture or video as the catalog names it: a path relative to `Content/`, or an absolute URL.
public struct MediaReference: Hashable, Sendable {
    public var path: String

    public init(_ path: String) { self.path = path }

    public var isRemote: Bool { path.hasPrefix("https://") || path.hasPrefix("http://") }

    /// Site-relative URL path for local media (`/media/x.jpg`), the URL itself for remote media.
    public var sitePath: String { isRemote ? path : "/" + path }
}

public struct ProductVideo: Hashable, Sendable {
    public var url: MediaReference
    public var thumbnail: MediaReference?
    public var durationSeconds: Int?
    public var title: String?
}

public struct VariantOption: Hashable, Sendable {
    public var name: String
    public var value: String
}

/// A price as sold: the regular price and, when on sale, the lower sale price.
public struct Price: Hashable, Sendable {
    public var regular: Money
    public var sale: Money?

    public var current: Money { sale ?? regular }
    public var isOnSale: Bool { sale != nil }
}

/// What a checkout provider needs to sell one item: its Shopify variant id (digits) or its own
/// checkout link. Set on a product without variants or on a variant; unique in the catalog.
public struct CheckoutIdentity: Hashable, Sendable {
    public var shopifyVariantID: String?
    public var checkoutURL: String?

    public init(shopifyVariantID: String? = nil, checkoutURL: String? = nil) {
        self.shopifyVariantID = shopifyVariantID
        self.checkoutURL = checkoutURL
    }
}

public struct Variant: Sendable, Equatable {
    public var sku: String
    /// URL segment of the variant's own page, derived from the SKU.
    public var slug: String
    public var options: [VariantOption]
    public var price: Price
    public var availability: Availability
    public var availabilityDate: String?
    public var gtin: GTIN?
    public var mpn: String?
    public var image: MediaReference?
    /// How checkout providers name this variant (never inherited from the product).
    public var checkoutIdentity = CheckoutIdentity()
    public var location: SourceLocation

    /// "Slate / Large": the option values in display order.
    public var title: String { options.map(\.value).joined(separator: " / ") }
}

/// Where a product's long description lives; read again when its page is rendered, so that a
/// 100,000-product catalog never holds every description in memory at once.
public struct MarkdownFileReference: Hashable, Sendable {
    public var absolutePath: String
    public var displayPath: String
    /// Byte offset of the body, after the front matter.
    public var bodyOffset: Int

    /// Reads the body again (renderers do this so the whole catalog's text is never held in memory).
    public func readBody() throws(Diagnostic) -> String {
        guard let data = FileManager.default.contents(atPath: absolutePath) else {
            throw .error("cannot read \(displayPath) (was it removed during the build?)", at: SourceLocation(file: displayPath))
        }
        return String(decoding: data.dropFirst(min(bodyOffset, data.count)), as: UTF8.self)
    }
}

public struct Product: Sendable, Equatable {
    public var handle: String
    /// The front-matter title when the product's Markdown sets one, the catalog title otherwise.
    public var title: String
    public var brand: String?
    public var mpn: String?
    public var gtin: GTIN?
    public var price: Price
    public var currency: String
    public var availability: Availability
    public var availabilityDate: String?
    public var condition: Condition
    /// `YYYY-MM-DD`, or nil (sorted last among new arrivals).
    public var published: String?
    public var collections: [String]
    public var tags: [String]
    public var googleProductCategory: String?
    public var images: [MediaReference]
    public var videos: [ProductVideo]
    public var variants: [Variant]
    /// Option names in display order (key order of the first variant).
    public var optionNames: [String]
    public var summary: String?
    public var highlights: [String]
    public var description: MarkdownFileReference?
    /// How checkout providers name the product when it has no variants (its variants carry their own).
    public var checkoutIdentity = CheckoutIdentity()
    public var location: SourceLocation

    public var hasVariants: Bool { !variants.isEmpty }

    /// Same product data, wherever in the catalog file it is written (the preview server compares
    /// products across edits; a line added above one moves it without changing it).
    public static func == (lhs: Product, rhs: Product) -> Bool {
        var (a, b) = (lhs, rhs)
        a.location = SourceLocation(file: "")
        b.location = a.location
        a.variants = a.variants.map { var v = $0; v.location = SourceLocation(file: ""); return v }
        b.variants = b.variants.map { var v = $0; v.location = SourceLocation(file: ""); return v }
        return a.handle == b.handle && a.title == b.title && a.brand == b.brand && a.mpn == b.mpn && a.gtin == b.gtin
            && a.price == b.price && a.currency == b.currency && a.availability == b.availability && a.availabilityDate == b.availabilityDate
            && a.condition == b.condition && a.published == b.published && a.collections == b.collections && a.tags == b.tags
            && a.googleProductCategory == b.googleProductCategory && a.images == b.images && a.videos == b.videos
            && a.variants == b.variants && a.optionNames == b.optionNames && a.summary == b.summary && a.highlights == b.highlights
            && a.description == b.description && a.checkoutIdentity == b.checkoutIdentity
    }

    /// The lowest price a shopper pays now (over variants, when there are some).
    public var lowestPrice: Money {
        variants.map(\.price.current).min() ?? price.current
    }

    /// The lowest-priced variant's full price, to show a "from" price with its reduction.
    public var displayPrice: Price {
        guard !variants.isEmpty else { return price }
        return variants.min { $0.price.current < $1.price.current }!.price
    }

    /// Whether several variants differ in price, so the shown price is a "from" price.
    public var hasPriceRange: Bool {
        Set(variants.map(\.price.current)).count > 1
    }

    /// Whether any variant (or the product) can be ordered now.
    public var isPurchasable: Bool {
        variants.isEmpty ? availability.isPurchasable : variants.contains { $0.availability.isPurchasable }
    }

    public var summaryAvailability: Availability {
        guard !variants.isEmpty else { return availability }
        let order: [Availability] = [.inStock, .backorder, .preorder, .outOfStock]
        return order.first { state in variants.contains { $0.availability == state } } ?? .outOfStock
    }
}
