import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// `feeds/meta-catalog.csv`: a Meta (Facebook, Instagram) commerce catalog data feed. One row per
/// sellable item, columns as Commerce Manager names them, quoted per RFC 4180 (CRLF line ends).
package struct MetaCatalogFeed {

    static let columns = [
        "id", "item_group_id", "title", "description", "availability", "condition", "price", "sale_price", "link",
        "image_link", "additional_image_link", "brand", "gtin", "mpn", "google_product_category", "product_type",
        "color", "size", "material", "pattern", "gender", "age_group", "shipping", "video[0].url",
    ]

    let site: Site
    let links: SiteLinks
    var shape = FeedShapes.Shape()
    var videos = RenderedVideos()
    var images = RenderedImages()

    /// The whole feed in memory (small stores and tests; builds stream it through `FeedRenderer`).
    func render(descriptions: [String]) -> OutputFile {
        var csv = begin()
        appendRows(products: site.products.indices, description: { descriptions[$0] }, to: &csv)
        return OutputFile(path: SiteLinks.outputFile(for: SiteLinks.metaCatalogFeed), bytes: csv.takeBytes())
    }

    /// A writer with the header row.
    func begin() -> CSVWriter {
        var columns = Self.columns.filter { !shape.removed.contains($0) }
        for name in shape.fields.map(\.name) where !columns.contains(name) { columns.append(name) }
        return CSVWriter(columns: columns)
    }

    /// The rows of some products, in catalog order.
    func appendRows(products: Range<Int>, description: (Int) -> String, to csv: inout CSVWriter) {
        let collectionTitles = Dictionary(uniqueKeysWithValues: site.collections.map { ($0.slug, $0.title) })
        let shipping = site.settings.shipping.map { rate in
            // COUNTRY:REGION:SERVICE:PRICE, several joined by commas.
            "\(rate.country)::\(rate.service.replacingOccurrences(of: ":", with: " ").replacingOccurrences(of: ",", with: " ")):\(GoogleMerchantFeed.price(rate.price))"
        }.joined(separator: ",")
        for index in products {
            let product = site.products[index]
            let description = description(index)
            let collections = product.collections.compactMap { collectionTitles[$0] }
            let productType = collections.first ?? ""  // as in the Merchant feed: one collection, not a made-up path
            for item in product.sellableItems {
                let defaults: KeyValuePairs<String, String> = [
                    "id": item.id, "item_group_id": item.groupID ?? "",
                    "title": TextTruncation.truncate(item.title, to: FeedLimits.metaTitle),
                    "description": TextTruncation.truncate(description, to: FeedLimits.metaDescription),
                    "availability": Self.availability(item.availability), "condition": product.condition.rawValue,
                    "price": GoogleMerchantFeed.price(item.price.regular),
                    "sale_price": item.price.sale.map(GoogleMerchantFeed.price) ?? "",
                    "link": links.absolute(item.sitePath), "image_link": item.image.map { links.absolute(images.shareable($0)) } ?? "",
                    // Meta reads several additional images as one comma-separated cell (up to 20); a comma
                    // inside a URL (image CDNs use them) is percent-encoded so it cannot split the URL.
                    "additional_image_link": item.additionalImages.prefix(20).map { Self.commasEncoded(links.absolute(images.shareable($0))) }
                        .joined(separator: ","),
                    "brand": product.brand ?? "", "gtin": item.gtin?.digits ?? "", "mpn": item.mpn ?? "",
                    "google_product_category": product.googleProductCategory ?? "", "product_type": productType,
                    // The rates are in the store's currency: none for an item priced in another.
                    "shipping": product.currency == site.settings.currency ? shipping : "", "video[0].url": videos.videos(of: product).first.map { links.absolute($0.url) } ?? "",
                ]
                var row = defaults.map { ($0.key, $0.value) }
                for option in item.options {
                    if let column = OptionAttributes.feedAttribute(forOption: option.name) { row.append((column, option.value)) }
                }
                let shaped = shape.apply(to: row.filter { !$0.1.isEmpty }, values: {
                    FeedItemValues.values(item, of: product, description: description, collections: collections, links: links, images: images)
                }, make: { $0 })
                csv.append(Dictionary(shaped, uniquingKeysWith: { first, _ in first }))
            }
        }
    }

    /// A URL with its commas percent-encoded (most have none, and Foundation's replacing costs more than the check).
    static func commasEncoded(_ url: String) -> String {
        url.utf8.contains(UInt8(ascii: ",")) ? url.replacingOccurrences(of: ",", with: "%2C") : url
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
package struct CSVWriter {
    let columns: [String]
    private var bytes: [UInt8] = []

    init(columns: [String]) {
        self.columns = columns
        writeRecord(columns)
    }

    mutating func append(_ row: [String: String]) {
        writeRecord(columns.map { row[$0] ?? "" })
    }

    /// The text written so far, handed over and dropped from memory (for writing in pieces).
    mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    private mutating func writeRecord(_ fields: [String]) {
        for (offset, field) in fields.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.writeField(field, to: &bytes)
        }
        bytes += "\r\n".utf8
    }

    /// Quotes only where needed; drops control characters other than line breaks and tabs.
    package static func writeField(_ field: String, to bytes: inout [UInt8]) {
        var field = field
        field.withUTF8 { utf8 in
            var needsQuotes = false
            var copiesAsIs = true
            for byte in utf8 where byte < 0x30 {
                switch byte {
                case UInt8(ascii: ","), 0x0A, 0x0D: needsQuotes = true
                case UInt8(ascii: "\""): needsQuotes = true; copiesAsIs = false
                case 0x09: break
                case ..<0x20: copiesAsIs = false
                default: break
                }
            }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
            if copiesAsIs {
                bytes.append(contentsOf: utf8)
            } else {
                for byte in utf8 {
                    if byte < 0x20, byte != 0x0A, byte != 0x0D, byte != 0x09 { continue }
                    if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                    bytes.append(byte)
                }
            }
            if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        }
    }

    static func quoted(_ field: String) -> String {
        var bytes: [UInt8] = []
        writeField(field, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
