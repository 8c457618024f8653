import CLibXML2
import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Renders the site-wide files that bring shoppers back: shopping feeds, sitemap, robots.txt.
/// Runs beside the pages, from the same `Site` model, so prices and availability always agree.
package struct FeedRenderer {
    let site: Site
    let links: SiteLinks
    let shapes: FeedShapes
    /// Whether each product has a page that plays its video listing (the theme has a storyboard and a player).
    let listingPlayers: Bool
    /// Video listings the build rendered, which the feeds and sitemap list first.
    let videos: RenderedVideos
    /// The images step's renditions: feeds and the sitemap point at their large JPEG/PNG.
    let images: RenderedImages
    /// The store's language, for the few words the new-arrivals feeds show (the theme's; nil renders keys).
    let words: ShopWords

    package init(site: Site, shapes: FeedShapes = FeedShapes(), listingPlayers: Bool = false, videos: RenderedVideos = RenderedVideos(),
                 images: RenderedImages = RenderedImages(), words: ShopWords? = nil) {
        self.site = site
        self.videos = videos
        self.images = images
        self.shapes = shapes
        self.listingPlayers = listingPlayers
        self.words = words ?? ShopWords.untranslated(site.settings)
        links = SiteLinks(settings: site.settings)
    }

    /// Products per piece of the streamed feeds: enough to keep every core busy with Markdown, few
    /// enough that memory does not grow with the catalog.
    var chunkSize = 512

    /// The largest Merchant or Meta feed also written plain; past it only the `.gz` copy is (`PublishedFeed`).
    var plainFeedLimit = HostLimits.largestFileEveryHostServes

    /// Writes every feed. The Merchant and Meta feeds are streamed to disk a piece at a time, so memory
    /// stays flat at 100,000 products. Each piece's descriptions come from `handoff` when the pages are
    /// rendered beside the feeds, otherwise they are computed here in parallel.
    package func write(to writer: OutputWriter, workers: Int = ProcessInfo.processInfo.activeProcessorCount, handoff: DescriptionHandoff? = nil) async throws {
        xmlInitParser()  // once, before libxml2 is used from several threads
        let merchant = GoogleMerchantFeed(site: site, links: links, shape: shapes.googleMerchant, videos: videos, words: words, images: images)
        let meta = MetaCatalogFeed(site: site, links: links, shape: shapes.metaCatalog, videos: videos, images: images)
        let arrivals = NewArrivalsFeeds(site: site, links: links, words: words, images: images)
        // The sitemap and the new-arrivals feeds need a few descriptions only: keep those.
        let kept = Set(arrivals.productIndexes).union(site.products.indices.filter { !videos.videos(of: site.products[$0]).isEmpty })
        var keptDescriptions: [Int: String] = [:]

        var merchantFile = try PublishedFeed(SiteLinks.googleMerchantFeed, writer: writer, plainLimit: plainFeedLimit)
        var metaFile = try PublishedFeed(SiteLinks.metaCatalogFeed, writer: writer, plainLimit: plainFeedLimit)
        let xml = XMLWriter()
        merchant.begin(xml)
        var csv = meta.begin()
        for start in stride(from: 0, to: site.products.count, by: chunkSize) {
            try Task.checkCancellation()  // the preview server drops feeds a newer edit replaces
            let range = start..<min(start + chunkSize, site.products.count)
            let descriptions = if let handoff { try await handoff.take(range) } else { try await plainDescriptions(of: range, workers: workers) }
            let description = { (index: Int) in descriptions[index - range.lowerBound] }
            merchant.appendItems(products: range, description: description, to: xml)
            try merchantFile.append(xml.takeBytes())
            meta.appendRows(products: range, description: description, to: &csv)
            try metaFile.append(csv.takeBytes())
            for index in range where kept.contains(index) { keptDescriptions[index] = description(index) }
        }
        merchant.end(xml)
        try merchantFile.append(xml.finish())
        try merchantFile.close()
        try metaFile.append(csv.takeBytes())
        try metaFile.close()

        try Sitemap(site: site, links: links, listingPlayers: listingPlayers, videos: videos, images: images).write(to: writer, description: { keptDescriptions[$0] })
        let entries = arrivals.entries(description: { keptDescriptions[$0] ?? "" })
        try writer.write(arrivals.atom(entries))
        try writer.write(arrivals.jsonFeed(entries))
        try writer.write(RobotsFile(links: links).render())
    }

    /// Each product's write-up as plain text (the summary, then the title, when it has none).
    package func plainDescriptions(workers: Int = ProcessInfo.processInfo.activeProcessorCount) async throws(Diagnostic) -> [String] {
        try await plainDescriptions(of: site.products.indices, workers: workers)
    }

    func plainDescriptions(of range: Range<Int>, workers: Int) async throws(Diagnostic) -> [String] {
        let products = site.products
        let results = await parallelMap(count: range.count, workers: workers) { offset -> Result<String, Diagnostic> in
            let product = products[range.lowerBound + offset]
            do throws(Diagnostic) {
                let body = try product.description.map { reference throws(Diagnostic) in try reference.readBody() }
                return .success(Self.description(of: product, bodyText: body.map { MarkdownRenderer().plainText(from: $0) } ?? ""))
            } catch {
                return .failure(error)
            }
        }
        return try results.map { result throws(Diagnostic) in try result.get() }
    }

    /// The description feeds and structured data carry: the summary, then the write-up as plain text;
    /// the title when there is neither.
    static func description(of product: Product, bodyText: String) -> String {
        var text = bodyText
        if let summary = product.summary {
            let oneLine = summary.collapsingWhitespace
            text = text.isEmpty ? oneLine : oneLine + " " + text
        }
        return text.isEmpty ? product.title : text
    }
}
