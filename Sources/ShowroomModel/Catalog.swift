import Foundation
import ShowroomSupport

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
    /// Where the content names the file (for messages about the picture itself); not part of its data.
    @NotCompared public var location: SourceLocation?

    public init(_ path: String, location: SourceLocation? = nil) {
        self.path = path
        self.location = location
    }

    public var isRemote: Bool { path.hasPrefix("https://") || path.hasPrefix("http://") }

    /// Site-relative URL path for local media (`/media/x.jpg`), the URL itself for remote media.
    public var sitePath: String { isRemote ? path : "/" + path }
}

public struct ProductVideo: Hashable, Sendable {
    public var url: MediaReference
    public var thumbnail: MediaReference?
    public var durationSeconds: Int?
    public var title: String?

    package init(url: MediaReference, thumbnail: MediaReference? = nil, durationSeconds: Int? = nil, title: String? = nil) {
        self.url = url
        self.thumbnail = thumbnail
        self.durationSeconds = durationSeconds
        self.title = title
    }
}

public struct VariantOption: Hashable, Sendable {
    public var name: String
    public var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A price as sold: the regular price and, when on sale, the lower sale price.
public struct Price: Hashable, Sendable {
    public var regular: Money
    public var sale: Money?

    package init(regular: Money, sale: Money? = nil) {
        self.regular = regular
        self.sale = sale
    }

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
    public var availabilityDate: CalendarDate?
    public var gtin: GTIN?
    public var mpn: String?
    public var image: MediaReference?
    /// How checkout providers name this variant (never inherited from the product).
    public var checkoutIdentity = CheckoutIdentity()
    /// Where the catalog describes it; not part of its data (see `NotCompared`).
    @NotCompared public var location: SourceLocation

    package init(sku: String, slug: String, options: [VariantOption], price: Price, availability: Availability, availabilityDate: CalendarDate? = nil, gtin: GTIN? = nil, mpn: String? = nil, image: MediaReference? = nil, checkoutIdentity: CheckoutIdentity = CheckoutIdentity(), location: SourceLocation) {
        self.sku = sku
        self.slug = slug
        self.options = options
        self.price = price
        self.availability = availability
        self.availabilityDate = availabilityDate
        self.gtin = gtin
        self.mpn = mpn
        self.image = image
        self.checkoutIdentity = checkoutIdentity
        self.location = location
    }

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

    package init(absolutePath: String, displayPath: String, bodyOffset: Int) {
        self.absolutePath = absolutePath
        self.displayPath = displayPath
        self.bodyOffset = bodyOffset
    }

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
    public var availabilityDate: CalendarDate?
    public var condition: Condition
    /// `YYYY-MM-DD`, or nil (sorted last among new arrivals).
    public var published: CalendarDate?
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
    /// Where the catalog describes it; not part of its data (see `NotCompared`).
    @NotCompared public var location: SourceLocation

    package init(handle: String, title: String, brand: String? = nil, mpn: String? = nil, gtin: GTIN? = nil, price: Price, currency: String, availability: Availability, availabilityDate: CalendarDate? = nil, condition: Condition, published: CalendarDate? = nil, collections: [String], tags: [String], googleProductCategory: String? = nil, images: [MediaReference], videos: [ProductVideo], variants: [Variant], optionNames: [String], summary: String? = nil, highlights: [String], description: MarkdownFileReference? = nil, checkoutIdentity: CheckoutIdentity = CheckoutIdentity(), location: SourceLocation) {
        self.handle = handle
        self.title = title
        self.brand = brand
        self.mpn = mpn
        self.gtin = gtin
        self.price = price
        self.currency = currency
        self.availability = availability
        self.availabilityDate = availabilityDate
        self.condition = condition
        self.published = published
        self.collections = collections
        self.tags = tags
        self.googleProductCategory = googleProductCategory
        self.images = images
        self.videos = videos
        self.variants = variants
        self.optionNames = optionNames
        self.summary = summary
        self.highlights = highlights
        self.description = description
        self.checkoutIdentity = checkoutIdentity
        self.location = location
    }

    public var hasVariants: Bool { !variants.isEmpty }

    /// The price of each item a shopper can buy (each variant's, or the product's own): the prices of
    /// `sellableItems`, without making the items.
    public var itemPrices: [Price] {
        variants.isEmpty ? [price] : variants.map(\.price)
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
