public struct PostalAddress: Sendable, Hashable {
    public var street: String
    public var city: String
    public var region: String?
    public var postalCode: String
    /// ISO 3166-1 alpha-2.
    public var country: String
}

/// The seller's identity as buyers (and laws such as the US INFORM Consumers Act) expect it disclosed.
/// Every field may be missing at build time (a warning); `showroom check` treats gaps as findings.
public struct Seller: Sendable, Hashable {
    public var legalName: String?
    public var email: String?
    public var phone: String?
    public var address: PostalAddress?

    public init(legalName: String? = nil, email: String? = nil, phone: String? = nil, address: PostalAddress? = nil) {
        self.legalName = legalName
        self.email = email
        self.phone = phone
        self.address = address
    }
}

public struct ReturnPolicy: Sendable, Hashable {
    public enum Fees: String, Sendable, CaseIterable { case free, customerPays = "customer_pays", restockingFee = "restocking_fee" }
    public enum Method: String, Sendable, CaseIterable { case byMail = "by_mail", inStore = "in_store", atKiosk = "at_kiosk" }

    /// 0 means no returns.
    public var days: Int
    public var fees: Fees
    public var method: Method
    public var restockingFee: Money?
}

public struct ShippingRate: Sendable, Hashable {
    public var country: String
    public var service: String
    public var price: Money
    public var minDays: Int
    public var maxDays: Int
}

public struct IgnoredCheck: Sendable, Hashable {
    public var rule: String
    public var reason: String
    public var location: SourceLocation
}

public struct SocialLink: Sendable, Hashable {
    public var network: String
    public var url: String
}

/// The store's settings and seller identity from `site.json`.
public struct StoreSettings: Sendable, Equatable {
    public var name: String
    /// Absolute base URL without a trailing slash, e.g. `https://shop.example.com`.
    public var url: String
    /// BCP 47 (`en`, `de-AT`): picks the theme's translation file and the money and date formats.
    public var language: String
    /// Where site.json sets `language`, for the error when the theme has no file for it.
    public var languageLocation: SourceLocation? = nil
    public var currency: String
    public var description: String?
    public var theme: String
    /// The brand's logo (`logo` in site.json), shown in the header.
    public var logo: MediaReference?
    public var seller: Seller
    public var returns: ReturnPolicy?
    public var shipping: [ShippingRate]
    public var social: [SocialLink]
    public var productsPerPage: Int
    /// `showroom check` rules this store silences, each with the reason it gave (`checks.ignore` in site.json).
    public var ignoredChecks: [IgnoredCheck] = []
    /// Who takes payment (`checkout` in site.json); nil: nobody can buy on the site yet.
    public var checkout: CheckoutProvider?

    /// How many listing pages `count` products fill (an empty listing still has one page, its empty state).
    public func listingPages(for count: Int) -> Int {
        max(1, (count + productsPerPage - 1) / productsPerPage)
    }

    /// Path prefix of the base URL (`/store` for `https://brand.example.com/store`), empty at a domain's root.
    public var basePath: String {
        guard let schemeEnd = url.range(of: "://") else { return "" }
        let afterScheme = url[schemeEnd.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return "" }
        return String(afterScheme[slash...])
    }
}

public enum CollectionSort: String, Sendable, CaseIterable, Equatable {
    case newest, title, priceAscending = "price-asc", priceDescending = "price-desc"
}

public struct ProductCollection: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var image: MediaReference?
    public var sort: CollectionSort
    /// Markdown shown above the grid.
    public var descriptionMarkdown: String?
    /// Indexes into `Site.products`, in the collection's sort order.
    public var productIndexes: [Int]
    /// Where the collection was described, if it has a `collections/<slug>.md`.
    public var location: SourceLocation?
}

public struct Page: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var description: String?
    public var markdown: String
    public var location: SourceLocation
}

/// The whole store, loaded and validated: immutable input to every renderer.
public struct Site: Sendable {
    public var settings: StoreSettings
    /// Published products (drafts left out), sorted by handle.
    public var products: [Product]
    /// Sorted by title, then slug.
    public var collections: [ProductCollection]
    /// Sorted by slug.
    public var pages: [Page]
    /// Files under `Content/media/`, relative to `Content/` (e.g. `media/x.jpg`), sorted.
    public var mediaFiles: [String]
    public var contentDirectory: String
    /// Video listings rendered to MP4 for this build, by product handle (empty unless the build renders videos).
    public var renderedListings: [String: RenderedListing] = [:]

    /// Products sorted newest first (undated last, then by handle).
    public var productsByNewest: [Int] {
        products.indices.sorted { a, b in
            let (pa, pb) = (products[a].published, products[b].published)
            switch (pa, pb) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return products[a].handle < products[b].handle
            }
        }
    }
}

/// A product's video listing rendered to a video file, ready to be copied into the site.
public struct RenderedListing: Sendable, Equatable {
    public var format: ListingFormat
    /// The rendered file (in the video cache).
    public var file: String
    public var duration: Double
    public var poster: MediaReference?
}

extension Site {
    /// A product's videos as feeds and sitemaps list them: its rendered video listing first (when this
    /// build rendered one), then the catalog's.
    public func videos(of product: Product) -> [ProductVideo] {
        guard let listing = renderedListings[product.handle] else { return product.videos }
        let file = MediaReference(String(VideoListing.videoPath(product.handle, listing.format).dropFirst()))
        let rendered = ProductVideo(url: file, thumbnail: listing.poster, durationSeconds: Int(listing.duration.rounded(.up)), title: product.title)
        return [rendered] + product.videos
    }
}
