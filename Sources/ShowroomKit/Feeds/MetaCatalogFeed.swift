/// `feeds/meta-catalog.csv`: a Meta (Facebook, Instagram) commerce catalog data feed. One row per
/// sellable item, columns as Commerce Manager names them, quoted per RFC 4180 (CRLF line ends).
struct MetaCatalogFeed {
    static let path = "feeds/meta-catalog.csv"
    static let titleLimit = 200
    static let descriptionLimit = 9999

    static let columns = [
        "id", "item_group_id", "title", "description", "availability", "condition", "price", "sale_price", "link",
        "image_link", "additional_image_link", "brand", "gtin", "mpn", "google_product_category", "product_type",
        "color", "size", "material", "pattern", "gender", "age_group", "shipping", "video[0].url",
    ]

    let site: Site
    let links: SiteLinks
    var shape = FeedShapes.Shape()

    func render(descriptions: [String]) -> OutputFile {
        var columns = Self.columns.filter { !shape.removed.contains($0) }
        for name in shape.fields.map(\.name) where !columns.contains(name) { columns.append(name) }
        var csv = CSVWriter(columns: columns)
        let collectionTitles = Dictionary(uniqueKeysWithValues: site.collections.map { ($0.slug, $0.title) })
        let shipping = site.settings.shipping.map { rate in
            // COUNTRY:REGION:SERVICE:PRICE, several joined by commas.
            "\(rate.country)::\(rate.service.replacingOccurrences(of: ":", with: " ").replacingOccurrences(of: ",", with: " ")):\(GoogleMerchantFeed.price(rate.price))"
        }.joined(separator: ",")
        for (index, product) in site.products.enumerated() {
            let collections = product.collections.compactMap { collectionTitles[$0] }
            let productType = collections.first ?? ""  // as in the Merchant feed: one collection, not a made-up path
            for item in product.sellableItems {
                let defaults: KeyValuePairs<String, String> = [
                    "id": item.id, "item_group_id": item.groupID ?? "",
                    "title": GoogleMerchantFeed.truncate(item.title, to: Self.titleLimit),
                    "description": GoogleMerchantFeed.truncate(descriptions[index], to: Self.descriptionLimit),
                    "availability": Self.availability(item.availability), "condition": product.condition.rawValue,
                    "price": GoogleMerchantFeed.price(item.price.regular),
                    "sale_price": item.price.sale.map(GoogleMerchantFeed.price) ?? "",
                    "link": links.absolute(item.sitePath), "image_link": item.image.map(links.absolute) ?? "",
                    // Meta reads several additional images as one comma-separated cell (up to 20).
                    "additional_image_link": item.additionalImages.prefix(20).map(links.absolute).joined(separator: ","),
                    "brand": product.brand ?? "", "gtin": item.gtin?.digits ?? "", "mpn": item.mpn ?? "",
                    "google_product_category": product.googleProductCategory ?? "", "product_type": productType,
                    "shipping": shipping, "video[0].url": product.videos.first.map { links.absolute($0.url) } ?? "",
                ]
                var row = defaults.map { ($0.key, $0.value) }
                for option in item.options {
                    if let column = OptionAttributes.feedAttribute(forOption: option.name) { row.append((column, option.value)) }
                }
                let shaped = shape.apply(to: row.filter { !$0.1.isEmpty }, values: {
                    FeedItemValues.values(item, of: product, description: descriptions[index], collections: collections, links: links)
                }, make: { $0 })
                csv.append(Dictionary(shaped, uniquingKeysWith: { first, _ in first }))
            }
        }
        return OutputFile(path: Self.path, bytes: Array(csv.text.utf8))
    }

    /// Meta's availability words.
    static func availability(_ availability: Availability) -> String {
        switch availability {
        case .inStock: "in stock"
        case .outOfStock: "out of stock"
        case .preorder: "preorder"
        case .backorder: "available for order"
        }
    }
}

/// RFC 4180 CSV: a header row, CRLF after every record, and fields holding a comma, quote or line break
/// wrapped in quotes with inner quotes doubled. Control characters other than line breaks are dropped.
struct CSVWriter {
    let columns: [String]
    private(set) var text = ""

    init(columns: [String]) {
        self.columns = columns
        writeRecord(columns)
    }

    mutating func append(_ row: [String: String]) {
        writeRecord(columns.map { row[$0] ?? "" })
    }

    private mutating func writeRecord(_ fields: [String]) {
        for (offset, field) in fields.enumerated() {
            if offset > 0 { text += "," }
            text += Self.quoted(field)
        }
        text += "\r\n"
    }

    static func quoted(_ field: String) -> String {
        var clean = field
        if clean.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t" }) {
            clean = String(String.UnicodeScalarView(clean.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\r" || $0 == "\t" }))
        }
        guard clean.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return clean }
        return "\"" + clean.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
