import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// `sitemap.xml` (sitemaps.org protocol) with Google's image and video extensions. A site with more than
/// 50,000 URLs (or 50 MB) gets `sitemap.xml` as a sitemap index pointing at `sitemaps/sitemap-<n>.xml`.
struct Sitemap {
    static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    static let imageNamespace = "http://www.google.com/schemas/sitemap-image/1.1"
    static let videoNamespace = "http://www.google.com/schemas/sitemap-video/1.1"
    var maximumURLs = 50_000
    /// Below the protocol's 50 MB (uncompressed), leaving room for the URL that crosses it.
    var maximumBytes = 49_000_000

    let site: Site
    let links: SiteLinks
    var listingPlayers = false
    var videos = RenderedVideos()
    var images = RenderedImages()

    struct Entry {
        var sitePath: String
        var lastModified: String?
        var images: [MediaReference] = []
        var videos: [ProductVideo] = []
        var videoFallbackThumbnail: MediaReference?
        var description: String?
    }

    /// Writes the sitemap file(s) through `writer` as they fill up, so memory stays bounded.
    func write(to writer: OutputWriter, descriptions: [String]) throws {
        try write(to: writer, description: { descriptions[$0] })
    }

    /// - Parameter description: a product's description, asked only for products with videos.
    func write(to writer: OutputWriter, description: (Int) -> String?) throws {
        var files = SitemapFiles(writer: writer, links: links)
        var current = startFile()
        var urls = 0
        var bytes = 0
        func add(_ entry: Entry) throws {
            if urls == maximumURLs || bytes > maximumBytes {
                try files.completed(current.finish())
                current = startFile()
                urls = 0
                bytes = 0
            }
            bytes += write(entry, to: current)
            urls += 1
        }
        try add(Entry(sitePath: SiteLinks.home))
        for (index, product) in site.products.enumerated() {
            let videos = self.videos.videos(of: product)
            try add(Entry(sitePath: SiteLinks.product(product.handle), lastModified: product.published?.iso, images: product.images,
                          videos: videos, videoFallbackThumbnail: product.images.first,
                          description: videos.isEmpty ? nil : description(index)))
            if listingPlayers {
                // The player page is where the rendered listing plays: its video entry belongs there too.
                let listing = videos.first.flatMap { self.videos.listings[product.handle] == nil ? nil : $0 }
                try add(Entry(sitePath: SiteLinks.listingPlayer(product.handle), lastModified: product.published?.iso,
                              videos: listing.map { [$0] } ?? [], videoFallbackThumbnail: product.images.first,
                              description: listing == nil ? nil : description(index)))
            }
            for variant in product.variants {
                try add(Entry(sitePath: SiteLinks.variant(product.handle, variant.slug), lastModified: product.published?.iso,
                              images: variant.image.map { [$0] } ?? []))
            }
        }
        for collection in site.collections {
            for page in 1...site.settings.listingPages(for: collection.productIndexes.count) {
                try add(Entry(sitePath: SiteLinks.collection(collection.slug, page: page), images: page == 1 ? collection.image.map { [$0] } ?? [] : []))
            }
        }
        for page in 1...site.settings.listingPages(for: site.products.count) { try add(Entry(sitePath: SiteLinks.collection("all", page: page))) }
        for page in site.pages where page.slug != SiteLinks.contactSlug { try add(Entry(sitePath: SiteLinks.page(page.slug))) }
        try add(Entry(sitePath: SiteLinks.contact))
        try files.completed(current.finish())
        try files.finish()
    }

    /// Names the finished files: one file is `sitemap.xml`; more become `sitemaps/sitemap-<n>.xml` under an
    /// index. The first is held back (at most one file's worth) until it is known which case it is.
    private struct SitemapFiles {
        let writer: OutputWriter
        let links: SiteLinks
        var count = 0
        var heldFirst: [UInt8]?

        mutating func completed(_ bytes: [UInt8]) throws {
            count += 1
            if count == 1 {
                heldFirst = bytes
                return
            }
            if let first = heldFirst {
                try writer.write(OutputFile(path: "sitemaps/sitemap-1.xml", bytes: first))
                heldFirst = nil
            }
            try writer.write(OutputFile(path: "sitemaps/sitemap-\(count).xml", bytes: bytes))
        }

        func finish() throws {
            if count == 1, let first = heldFirst {
                try writer.write(OutputFile(path: SiteLinks.outputFile(for: SiteLinks.sitemap), bytes: first))
                return
            }
            let index = XMLWriter()
            index.start("sitemapindex")
            index.attribute("xmlns", Sitemap.namespace)
            for number in 1...count {
                index.element("sitemap") { index.element("loc", links.absolute("/sitemaps/sitemap-\(number).xml")) }
            }
            try writer.write(OutputFile(path: SiteLinks.outputFile(for: SiteLinks.sitemap), bytes: index.finish()))
        }
    }

    private func startFile() -> XMLWriter {
        let xml = XMLWriter()
        xml.start("urlset")
        xml.attribute("xmlns", Self.namespace)
        xml.attribute("xmlns:image", Self.imageNamespace)
        xml.attribute("xmlns:video", Self.videoNamespace)
        return xml
    }

    /// Writes one `<url>`; returns roughly how many bytes it added.
    private func write(_ entry: Entry, to xml: XMLWriter) -> Int {
        var size = 40
        let location = links.absolute(entry.sitePath)
        size += location.utf8.count
        xml.element("url") {
            xml.element("loc", location)
            if let date = entry.lastModified { xml.element("lastmod", date) }
            for image in entry.images {
                let url = links.absolute(images.shareable(image))
                size += url.utf8.count + 50
                xml.element("image:image") { xml.element("image:loc", url) }
            }
            for video in entry.videos {
                guard let thumbnail = video.thumbnail ?? entry.videoFallbackThumbnail else { continue }
                let description = TextTruncation.truncate(entry.description ?? video.title ?? "", to: 2048)
                size += description.utf8.count + 300
                xml.element("video:video") {
                    xml.element("video:thumbnail_loc", links.absolute(images.shareable(thumbnail)))
                    xml.element("video:title", TextTruncation.truncate(video.title ?? "", to: 100))
                    xml.element("video:description", description)
                    xml.element("video:content_loc", links.absolute(video.url))
                    if let seconds = video.durationSeconds { xml.element("video:duration", String(min(seconds, 28_800))) }
                }
            }
        }
        return size
    }
}
