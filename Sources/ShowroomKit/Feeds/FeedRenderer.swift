import Foundation

/// Renders the site-wide files that bring shoppers back: shopping feeds, sitemap, robots.txt.
/// Runs after the pages, from the same `Site` model, so prices and availability always agree.
struct FeedRenderer {
    let site: Site
    let links: SiteLinks

    init(site: Site) {
        self.site = site
        links = SiteLinks(settings: site.settings)
    }

    func write(to writer: OutputWriter) throws {
        let descriptions = try plainDescriptions()
        try writer.write(GoogleMerchantFeed(site: site, links: links).render(descriptions: descriptions))
        try Sitemap(site: site, links: links).write(to: writer, descriptions: descriptions)
        try writer.write(RobotsFile(links: links).render())
    }

    /// Each product's write-up as plain text (the summary, then the title, when it has none).
    private func plainDescriptions() throws(Diagnostic) -> [String] {
        let markdown = MarkdownRenderer()
        var descriptions: [String] = []
        descriptions.reserveCapacity(site.products.count)
        for product in site.products {
            var text = ""
            if let reference = product.description { text = markdown.plainText(from: try reference.readBody()) }
            if let summary = product.summary { text = text.isEmpty ? summary : summary + " " + text }
            descriptions.append(text.isEmpty ? product.title : text)
        }
        return descriptions
    }
}
