/// `feeds/google-merchant.xml`: RSS 2.0 with Google's `g:` namespace, per the Merchant Center product
/// data specification. One item per sellable item (each variant, or the product).
struct GoogleMerchantFeed {
    static let path = "feeds/google-merchant.xml"
    static let namespace = "http://base.google.com/ns/1.0"
    static let titleLimit = 150
    static let descriptionLimit = 5000

    /// Option names Google has attributes for; other options are left to the title.
    static let variantAttributes: [String: String] = [
        "color": "g:color", "colour": "g:color", "size": "g:size", "material": "g:material", "pattern": "g:pattern",
        "gender": "g:gender", "age group": "g:age_group", "age_group": "g:age_group",
    ]

    let site: Site
    let links: SiteLinks

    func render(descriptions: [String]) -> OutputFile {
        let xml = XMLWriter()
        xml.start("rss")
        xml.attribute("version", "2.0")
        xml.attribute("xmlns:g", Self.namespace)
        xml.start("channel")
        xml.element("title", site.settings.name)
        xml.element("link", links.absolute(SiteLinks.home))
        xml.element("description", site.settings.description ?? "Products of \(site.settings.name)")
        let collectionTitles = Dictionary(uniqueKeysWithValues: site.collections.map { ($0.slug, $0.title) })
        for (index, product) in site.products.enumerated() {
            let productType = product.collections.compactMap { collectionTitles[$0] }.first
            for item in product.sellableItems {
                writeItem(item, of: product, description: descriptions[index], productType: productType, to: xml)
            }
        }
        xml.end()
        xml.end()
        return OutputFile(path: Self.path, bytes: xml.finish())
    }

    private func writeItem(_ item: SellableItem, of product: Product, description: String, productType: String?, to xml: XMLWriter) {
        xml.element("item") {
            xml.element("g:id", item.id)
            if let group = item.groupID { xml.element("g:item_group_id", group) }
            xml.element("title", Self.truncate(item.title, to: Self.titleLimit))
            xml.element("description", Self.truncate(description, to: Self.descriptionLimit))
            xml.element("link", links.absolute(item.sitePath))
            if let image = item.image { xml.element("g:image_link", links.absolute(image)) }
            for image in item.additionalImages.prefix(10) { xml.element("g:additional_image_link", links.absolute(image)) }
            xml.element("g:availability", item.availability.rawValue)
            if let date = item.availabilityDate { xml.element("g:availability_date", "\(date)T00:00:00Z") }
            xml.element("g:price", Self.price(item.price.regular))
            if let sale = item.price.sale { xml.element("g:sale_price", Self.price(sale)) }
            xml.element("g:brand", product.brand)
            xml.element("g:gtin", item.gtin?.digits)
            xml.element("g:mpn", item.mpn)
            if item.gtin == nil && item.mpn == nil { xml.element("g:identifier_exists", "no") }
            xml.element("g:condition", product.condition.rawValue)
            xml.element("g:product_type", productType)
            xml.element("g:google_product_category", product.googleProductCategory)
            for option in item.options {
                if let attribute = Self.variantAttributes[option.name.lowercased()] { xml.element(attribute, option.value) }
            }
            for rate in site.settings.shipping {
                xml.element("g:shipping") {
                    xml.element("g:country", rate.country)
                    xml.element("g:service", rate.service)
                    xml.element("g:price", Self.price(rate.price))
                    xml.element("g:min_transit_time", String(rate.minDays))
                    xml.element("g:max_transit_time", String(rate.maxDays))
                }
            }
        }
    }

    /// The spec's price format: "19.00 USD".
    static func price(_ money: Money) -> String { "\(money.decimalString) \(money.currency)" }

    /// Cut at a word boundary, with an ellipsis, to stay within a limit. Counts Unicode code points, as
    /// the feed specs and XML schemas do: "é" written as e + combining accent is two, not one.
    static func truncate(_ text: String, to limit: Int) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        // Whole characters (never half an emoji or an accent without its letter), then back to a space.
        var cut = ""
        var used = 0
        for character in text {
            let size = character.unicodeScalars.count
            if used + size > limit - 1 { break }
            cut.append(character)
            used += size
        }
        if let lastSpace = cut.lastIndex(of: " ") { cut = String(cut[..<lastSpace]) }
        return cut + "…"
    }
}
