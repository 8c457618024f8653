import ShowroomSupport

public struct PostalAddress: Sendable, Hashable {
    public var street: String
    public var city: String
    public var region: String?
    public var postalCode: String
    /// ISO 3166-1 alpha-2.
    public var country: String

    package init(street: String, city: String, region: String? = nil, postalCode: String, country: String) {
        self.street = street
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
    }
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

    package init(days: Int, fees: Fees, method: Method, restockingFee: Money? = nil) {
        self.days = days
        self.fees = fees
        self.method = method
        self.restockingFee = restockingFee
    }
}

public struct ShippingRate: Sendable, Hashable {
    public var country: String
    public var service: String
    public var price: Money
    public var minDays: Int
    public var maxDays: Int

    package init(country: String, service: String, price: Money, minDays: Int, maxDays: Int) {
        self.country = country
        self.service = service
        self.price = price
        self.minDays = minDays
        self.maxDays = maxDays
    }
}

public struct IgnoredCheck: Sendable, Hashable {
    public var rule: CheckRuleID
    public var reason: String
    public var location: SourceLocation

    package init(rule: CheckRuleID, reason: String, location: SourceLocation) {
        self.rule = rule
        self.reason = reason
        self.location = location
    }
}

public struct SocialLink: Sendable, Hashable {
    public var network: String
    public var url: String

    package init(network: String, url: String) {
        self.network = network
        self.url = url
    }
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
    /// What `check` allows a page's first-screen pictures to weigh on a phone (`checks.first_screen_image_kb`).
    public var firstScreenImageBudget = 1_500_000
    /// Who takes payment (`checkout` in site.json); nil: nobody can buy on the site yet.
    public var checkout: CheckoutProvider?
    /// The search page, collection filters and their Pagefind index (`"search": false` in site.json turns them off).
    public var search = true
    /// How many words of each write-up's opening the search index holds (`"search": {"write_up_words": N}`):
    /// indexing costs Pagefind about the same per word, so a large store keeps its builds fast.
    public var searchWriteUpWords = 100

    package init(name: String, url: String, language: String, currency: String, description: String? = nil, theme: String, logo: MediaReference? = nil, seller: Seller, returns: ReturnPolicy? = nil, shipping: [ShippingRate], social: [SocialLink], productsPerPage: Int, ignoredChecks: [IgnoredCheck] = [], checkout: CheckoutProvider? = nil) {
        self.name = name
        self.url = url
        self.language = language
        self.currency = currency
        self.description = description
        self.theme = theme
        self.logo = logo
        self.seller = seller
        self.returns = returns
        self.shipping = shipping
        self.social = social
        self.productsPerPage = productsPerPage
        self.ignoredChecks = ignoredChecks
        self.checkout = checkout
    }

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

    package init(slug: String, title: String, image: MediaReference? = nil, sort: CollectionSort, descriptionMarkdown: String? = nil, productIndexes: [Int], location: SourceLocation? = nil) {
        self.slug = slug
        self.title = title
        self.image = image
        self.sort = sort
        self.descriptionMarkdown = descriptionMarkdown
        self.productIndexes = productIndexes
        self.location = location
    }
}

public struct Page: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var description: String?
    public var markdown: String
    public var location: SourceLocation

    package init(slug: String, title: String, description: String? = nil, markdown: String, location: SourceLocation) {
        self.slug = slug
        self.title = title
        self.description = description
        self.markdown = markdown
        self.location = location
    }
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

    package init(settings: StoreSettings, products: [Product], collections: [ProductCollection], pages: [Page], mediaFiles: [String], contentDirectory: String) {
        self.settings = settings
        self.products = products
        self.collections = collections
        self.pages = pages
        self.mediaFiles = mediaFiles
        self.contentDirectory = contentDirectory
    }

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
