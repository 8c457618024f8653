import ShowroomSupport

/// Every URL and output path of the site, in one place, so links and files can never disagree.
public struct SiteLinks: Sendable {
    /// Absolute base URL without trailing slash.
    public var baseURL: String
    /// Path prefix of the base URL ("" at a domain's root, "/store" under a folder).
    public var basePath: String

    public init(settings: StoreSettings) {
        baseURL = settings.url
        basePath = settings.basePath
    }

    // Site-relative paths (no base path): also the output folder of each page.
    public static let home = "/"
    /// A page of `pages/` with this slug fills the contact page instead of getting a page of its own.
    public static let contactSlug = "contact"
    public static let contact = "/\(contactSlug)/"
    public static let allProducts = "/collections/all/"
    public static let cart = "/cart/"
    public static let search = "/search/"
    /// The catalog's words, which the search page corrects misspelt words against.
    public static let searchVocabulary = "/search/words.json"
    /// Where the search index and Pagefind's own scripts are published.
    public static let searchFolder = "pagefind"
    public static func product(_ handle: String) -> String { "/products/\(handle)/" }
    public static func variant(_ handle: String, _ slug: String) -> String { "/products/\(handle)/variants/\(slug)/" }
    public static func collection(_ slug: String, page: Int = 1) -> String {
        page <= 1 ? "/collections/\(slug)/" : "/collections/\(slug)/page/\(page)/"
    }
    public static func page(_ slug: String) -> String { "/\(slug)/" }
    public static let notFound = "/404.html"
    public static let sitemap = "/sitemap.xml"
    public static let robots = "/robots.txt"
    public static let googleMerchantFeed = "/feeds/google-merchant.xml"
    public static let metaCatalogFeed = "/feeds/meta-catalog.csv"
    /// A feed's gzip-compressed copy, which every build writes (README › Feeds).
    public static func compressed(_ feed: String) -> String { feed + ".gz" }
    public static let newArrivalsAtom = "/feeds/new-arrivals.atom"
    public static let newArrivalsJSON = "/feeds/new-arrivals.json"
    public static func listingManifest(_ handle: String) -> String { "/products/\(handle)/listing.json" }
    public static func listingCaptions(_ handle: String) -> String { "/products/\(handle)/listing.vtt" }
    public static func listingPlayer(_ handle: String) -> String { "/products/\(handle)/video/" }
    public static func listingVideo(_ handle: String, _ format: ListingFormat) -> String { "/products/\(handle)/\(format.videoFileName)" }
    /// Where the JSON Schema of the listing manifest is published in every site.
    /// Resized pictures: named by the source's file name (for people and image search), a hash of the
    /// source's bytes and the settings (so a URL's content never changes and hosts may cache it forever),
    /// and the width.
    public static let imagesFolder = "img"
    public static func imageRendition(stem: String, key: String, width: Int, format: ImageFormat) -> String {
        "/\(imagesFolder)/\(stem)-\(key)-\(width).\(format.fileExtension)"
    }
    /// The 1200×630 crop that link previews show (Open Graph).
    public static func imageSocialCard(stem: String, key: String, format: ImageFormat) -> String {
        "/\(imagesFolder)/\(stem)-\(key)-og.\(format.fileExtension)"
    }
    public static func listingSchema(version: Int) -> String { "/schemas/video-listing-\(version).schema.json" }

    /// Link target for templates (`href`/`src`): the path under the site's base path.
    public func href(_ sitePath: String) -> String { basePath + sitePath }

    /// Absolute URL, for canonical links, feeds and structured data.
    public func absolute(_ sitePath: String) -> String { baseURL + sitePath }

    /// Media as templates link it: local files under the base path, remote URLs unchanged.
    public func href(_ media: MediaReference) -> String { media.isRemote ? media.path : href(media.sitePath) }
    public func absolute(_ media: MediaReference) -> String { media.isRemote ? media.path : absolute(media.sitePath) }

    /// The host of a URL as a shopper reads it: `https://shop.example.com/store` → `shop.example.com`.
    public static func domain(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        return String(rest.prefix { $0 != "/" })
    }

    /// Output file for a page path: `/products/x/` → `products/x/index.html`.
    public static func outputFile(for sitePath: String) -> String {
        if sitePath == "/" { return "index.html" }
        if sitePath.hasSuffix("/") { return String(sitePath.dropFirst()) + "index.html" }
        return String(sitePath.dropFirst())
    }
}
