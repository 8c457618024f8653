import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// `feeds/google-merchant.xml`: RSS 2.0 with Google's `g:` namespace, per the Merchant Center product
/// data specification. One item per sellable item (each variant, or the product).
package struct GoogleMerchantFeed {
    static let namespace = "http://base.google.com/ns/1.0"

    let site: Site
    let links: SiteLinks
    var shape = FeedShapes.Shape()
    var videos = RenderedVideos()
    /// For the channel's description when the store has none.
    let words: ShopWords
    var images = RenderedImages()

    /// A field's content: text, or a group such as `g:shipping`.
    enum Value {
        case text(String)
        case group([(String, String)])
    }

    /// The whole feed in memory (small stores and tests; builds stream it through `FeedRenderer`).
    func render(descriptions: [String]) -> OutputFile {
        let xml = XMLWriter()
        begin(xml)
        appendItems(products: site.products.indices, description: { descriptions[$0] }, to: xml)
        end(xml)
        return OutputFile(path: SiteLinks.outputFile(for: SiteLinks.googleMerchantFeed), bytes: xml.finish())
    }

    func begin(_ xml: XMLWriter) {
        xml.start("rss")
        xml.attribute("version", "2.0")
        xml.attribute("xmlns:g", Self.namespace)
        xml.start("channel")
        xml.element("title", site.settings.name)
        xml.element("link", links.absolute(SiteLinks.home))
        xml.element("description", site.settings.description ?? words[.merchantFeedDescription, ["store": site.settings.name]])
    }

    /// The items of some products, in catalog order.
    func appendItems(products: Range<Int>, description: (Int) -> String, to xml: XMLWriter) {
        let collectionTitles = Dictionary(uniqueKeysWithValues: site.collections.map { ($0.slug, $0.title) })
        for index in products {
            let product = site.products[index]
            let description = description(index)
            let collections = product.collections.compactMap { collectionTitles[$0] }
            for item in product.sellableItems {
                var fields = shape.apply(to: fields(item, of: product, description: description, productType: collections.first), values: {
                    FeedItemValues.values(item, of: product, description: description, collections: collections, links: links, images: images)
                }, make: Value.text)
                if !shape.fields.isEmpty || !shape.removed.isEmpty, !shape.fields.contains(where: { $0.name == "g:identifier_exists" }) {
                    Self.recomputeIdentifierExists(&fields)
                }
                xml.element("item") {
                    for (name, value) in fields {
                        switch value {
                        case .text(let text): xml.element(name, text)
                        case .group(let members): xml.element(name) { for (child, text) in members { xml.element(child, text) } }
                        }
                    }
                }
            }
        }
    }

    func end(_ xml: XMLWriter) {
        xml.end()
        xml.end()
    }

    /// The item's fields in the spec's terms, in a stable order.
    private func fields(_ item: SellableItem, of product: Product, description: String, productType: String?) -> [(String, Value)] {
        var fields: [(String, Value)] = [("g:id", .text(item.id))]
        func add(_ name: String, _ text: String?) { if let text { fields.append((name, .text(text))) } }
        add("g:item_group_id", item.groupID)
        add("title", TextTruncation.truncate(item.title, to: FeedLimits.googleMerchantTitle))
        add("description", TextTruncation.truncate(description, to: FeedLimits.googleMerchantDescription))
        add("link", links.absolute(item.sitePath))
        add("g:image_link", item.image.map { links.absolute(images.shareable($0)) })
        for image in item.additionalImages.prefix(10) { add("g:additional_image_link", links.absolute(images.shareable(image))) }
        // Merchant Center takes videos of 6-240 s: the rendered listing always is one; a catalog video is trusted to be.
        add("g:video_link", videos.videos(of: product).first.map { links.absolute($0.url) })
        add("g:availability", item.availability.rawValue)
        add("g:availability_date", item.availabilityDate?.startUTC)
        add("g:price", Self.price(item.price.regular))
        add("g:sale_price", item.price.sale.map(Self.price))
        add("g:brand", product.brand)
        add("g:gtin", item.gtin?.digits)
        add("g:mpn", item.mpn)
        if item.gtin == nil && item.mpn == nil { add("g:identifier_exists", "no") }
        add("g:condition", product.condition.rawValue)
        add("g:product_type", productType)
        add("g:google_product_category", product.googleProductCategory)
        for option in item.options {
            if let attribute = OptionAttributes.feedAttribute(forOption: option.name) { add("g:" + attribute, option.value) }
        }
        // Rates are in the store's currency; an item priced in another gets none rather than a wrong one.
        for rate in site.settings.shipping where product.currency == site.settings.currency {
            fields.append(("g:shipping", .group([
                ("g:country", rate.country), ("g:service", rate.service), ("g:price", Self.price(rate.price)),
                ("g:min_transit_time", String(rate.minDays)), ("g:max_transit_time", String(rate.maxDays)),
            ])))
        }
        return fields
    }

    /// `g:identifier_exists` says "no" exactly when the item, as the store reshaped it, carries neither a
    /// GTIN nor an MPN (feeds.json may add an MPN from a template, or remove both).
    static func recomputeIdentifierExists(_ fields: inout [(String, Value)]) {
        let identified = fields.contains { $0.0 == "g:gtin" || $0.0 == "g:mpn" }
        let stated = fields.contains { $0.0 == "g:identifier_exists" }
        if identified {
            fields.removeAll { $0.0 == "g:identifier_exists" }
        } else if !stated {
            fields.append(("g:identifier_exists", .text("no")))
        }
    }

    /// The spec's price format: "19.00 USD".
    static func price(_ money: Money) -> String { "\(money.decimalString) \(money.currency)" }
}
