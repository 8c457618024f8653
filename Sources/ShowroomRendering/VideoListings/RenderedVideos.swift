import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// A product's video listing rendered to a video file, ready to be copied into the site.
public struct RenderedListing: Sendable, Equatable {
    public var format: ListingFormat
    /// The rendered file (in the video cache).
    public var file: String
    public var duration: Double
    public var poster: MediaReference?

    public init(format: ListingFormat, file: String, duration: Double, poster: MediaReference?) {
        self.format = format
        self.file = file
        self.duration = duration
        self.poster = poster
    }
}

/// The video listings this build rendered, by product handle: what the video step hands forward to the
/// pages, feeds and sitemap, beside the site rather than written into it.
public struct RenderedVideos: Sendable, Equatable {
    public var listings: [String: RenderedListing]

    public init(_ listings: [String: RenderedListing] = [:]) { self.listings = listings }

    /// A product's videos as feeds and sitemaps list them: its rendered video listing first (when this
    /// build rendered one), then the catalog's.
    public func videos(of product: Product) -> [ProductVideo] {
        guard let listing = listings[product.handle] else { return product.videos }
        let file = MediaReference(String(SiteLinks.listingVideo(product.handle, listing.format).dropFirst()))
        let rendered = ProductVideo(url: file, thumbnail: listing.poster, durationSeconds: Int(listing.duration.rounded(.up)), title: product.title)
        return [rendered] + product.videos
    }
}
