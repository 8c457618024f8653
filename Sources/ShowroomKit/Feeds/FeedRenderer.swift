import Foundation

/// Renders the site-wide files that bring shoppers back: shopping feeds, sitemap, robots.txt.
/// Runs after the pages, from the same `Site` model, so prices and availability always agree.
struct FeedRenderer {
    let site: Site
    let links: SiteLinks
    let shapes: FeedShapes

    init(site: Site, shapes: FeedShapes = FeedShapes()) {
        self.site = site
        self.shapes = shapes
        links = SiteLinks(settings: site.settings)
    }

    func write(to writer: OutputWriter) throws {
        let descriptions = try plainDescriptions()
        try writer.write(GoogleMerchantFeed(site: site, links: links, shape: shapes.googleMerchant).render(descriptions: descriptions))
        try writer.write(MetaCatalogFeed(site: site, links: links, shape: shapes.metaCatalog).render(descriptions: descriptions))
        let arrivals = NewArrivalsFeeds(site: site, links: links)
        let entries = arrivals.entries(descriptions: descriptions)
        try writer.write(arrivals.atom(entries))
        try writer.write(arrivals.jsonFeed(entries))
        try Sitemap(site: site, links: links).write(to: writer, descriptions: descriptions)
        try writer.write(RobotsFile(links: links).render())
    }

    /// Each product's write-up as plain text (the summary, then the title, when it has none).
    func plainDescriptions() throws(Diagnostic) -> [String] {
        let markdown = MarkdownRenderer()
        var descriptions: [String] = []
        descriptions.reserveCapacity(site.products.count)
        for product in site.products {
            let body = try product.description.map { reference throws(Diagnostic) in try reference.readBody() }
            descriptions.append(Self.description(of: product, bodyText: body.map(markdown.plainText) ?? ""))
        }
        return descriptions
    }

    /// The description feeds and structured data carry: the summary, then the write-up as plain text;
    /// the title when there is neither.
    static func description(of product: Product, bodyText: String) -> String {
        var text = bodyText
        if let summary = product.summary {
            let oneLine = summary.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            text = text.isEmpty ? oneLine : oneLine + " " + text
        }
        return text.isEmpty ? product.title : text
    }
}
