import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// `feeds/new-arrivals.atom` (RFC 4287) and `feeds/new-arrivals.json` (JSON Feed 1.1): the newest
/// products first, for feed readers, newsletters and automations. Dates come from the catalog's
/// `published`, never from the clock, so unchanged content builds identical feeds.
struct NewArrivalsFeeds {
    static let limit = 50

    let site: Site
    let links: SiteLinks
    let words: ShopWords
    var images = RenderedImages()

    struct Entry {
        var product: Product
        var summary: String
        var contentHTML: String
        /// RFC 3339, from `published` (midnight UTC).
        var published: String?
    }

    /// The products the feeds list, newest first.
    var productIndexes: ArraySlice<Int> { site.productsByNewest.prefix(Self.limit) }

    func entries(description: (Int) -> String) -> [Entry] {
        productIndexes.map { index in
            let product = site.products[index]
            let summary = TextTruncation.truncate(description(index), to: 500)
            return Entry(product: product, summary: summary, contentHTML: contentHTML(product, summary: summary),
                         published: product.published?.startUTC)
        }
    }

    /// A small self-contained HTML body: the picture, the price and availability, the summary.
    private func contentHTML(_ product: Product, summary: String) -> String {
        var html = ""
        if let image = product.images.first {
            html += "<p><img src=\"\(HTML.escape(links.absolute(images.single(image))))\" alt=\"\(HTML.escape(product.title))\"></p>"
        }
        let price = product.displayPrice
        var priceText = words.price(price.current, from: product.hasVariants && product.variants.contains { $0.price.current != price.current })
        if price.isOnSale { priceText += " " + words[.priceWas, ["price": words.money(price.regular)]] }
        html += "<p><strong>\(HTML.escape(priceText))</strong> · \(HTML.escape(words.label(product.summaryAvailability)))</p>"
        html += "<p>\(HTML.escape(summary))</p>"
        return html
    }


    /// The newest `published` date, which is when the feed last changed.
    private func updated(_ entries: [Entry]) -> String {
        entries.compactMap(\.published).max() ?? "1970-01-01T00:00:00Z"
    }

    private var feedTitle: String { words[.feedTitle, ["store": site.settings.name]] }

    func atom(_ entries: [Entry]) -> OutputFile {
        let xml = XMLWriter()
        let updated = updated(entries)
        xml.start("feed")
        xml.attribute("xmlns", "http://www.w3.org/2005/Atom")
        xml.attribute("xml:lang", site.settings.language)
        xml.element("id", links.absolute(SiteLinks.newArrivalsAtom))
        xml.element("title", feedTitle)
        if let description = site.settings.description { xml.element("subtitle", description) }
        xml.element("updated", updated)
        xml.element("link", attributes: [("rel", "self"), ("type", "application/atom+xml"), ("href", links.absolute(SiteLinks.newArrivalsAtom))])
        xml.element("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", links.absolute(SiteLinks.home))])
        xml.element("author") {
            xml.element("name", site.settings.seller.legalName ?? site.settings.name)
            xml.element("uri", links.absolute(SiteLinks.home))
        }
        xml.element("generator", "Showroom")
        for entry in entries {
            let url = links.absolute(SiteLinks.product(entry.product.handle))
            xml.element("entry") {
                xml.element("id", url)
                xml.element("title", entry.product.title)
                xml.element("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", url)])
                xml.element("updated", entry.published ?? updated)
                if let published = entry.published { xml.element("published", published) }
                xml.element("summary", entry.summary)
                xml.element("content", attributes: [("type", "html")], text: entry.contentHTML)
                for title in categories(entry.product) { xml.element("category", attributes: [("term", title)]) }
            }
        }
        xml.end()
        return OutputFile(path: SiteLinks.outputFile(for: SiteLinks.newArrivalsAtom), bytes: xml.finish())
    }

    func jsonFeed(_ entries: [Entry]) -> OutputFile {
        let items = entries.map { entry -> JSONValue in
            let url = links.absolute(SiteLinks.product(entry.product.handle))
            let tags = categories(entry.product)
            return .members([
                "id": .string(url), "url": .string(url), "title": .string(entry.product.title),
                "content_html": .string(entry.contentHTML), "summary": .string(entry.summary),
                "image": entry.product.images.first.map { .string(links.absolute(images.shareable($0))) },
                "date_published": .optional(entry.published),
                "tags": tags.isEmpty ? nil : .array(tags.map { .string($0) }),
            ])
        }
        let feed = JSONValue.members([
            "version": .string("https://jsonfeed.org/version/1.1"),
            "title": .string(feedTitle),
            "home_page_url": .string(links.absolute(SiteLinks.home)),
            "feed_url": .string(links.absolute(SiteLinks.newArrivalsJSON)),
            "description": .optional(site.settings.description),
            "language": .string(site.settings.language),
            "authors": .array([.members(["name": .string(site.settings.seller.legalName ?? site.settings.name),
                                          "url": .string(links.absolute(SiteLinks.home))])]),
            "items": .array(items),
        ])
        return OutputFile(path: SiteLinks.outputFile(for: SiteLinks.newArrivalsJSON), bytes: Array((feed.serialized(indent: true) + "\n").utf8))
    }

    /// Collection titles, as categories and tags.
    private func categories(_ product: Product) -> [String] {
        product.collections.compactMap { slug in site.collections.first { $0.slug == slug }?.title }
    }
}
