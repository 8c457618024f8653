import CLibXML2
import Foundation
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// Price, currency and availability of every product and variant page, compared across what the page
/// shows, its JSON-LD, its Open Graph tags, the Merchant feed and the Meta catalog as written.
struct ConsistencyAudit {
    let root: URL
    let display: String
    let pages: [String: PageScan]

    struct Offer: Equatable, CustomStringConvertible {
        var amount: String
        var currency: String
        var availability: String
        var description: String { "\(amount) \(currency), \(availability)" }
    }

    func run() -> [Diagnostic] {
        let merchant = merchantOffers()
        let meta = metaOffers()
        var findings: [Diagnostic] = []
        for (path, page) in pages.sorted(by: { $0.key < $1.key }) {
            guard let id = page.metaProperties["product:retailer_item_id"], let structured = structuredOffer(page, id: id) else { continue }
            let location = SourceLocation(file: "\(display)/\(path)", line: 1, column: 1)
            var sources: [(String, Offer?)] = [("the Merchant feed", merchant[id]), ("the Meta catalog", meta[id])]
            let tags = page.metaProperties
            if let amount = tags["product:sale_price:amount"] ?? tags["product:price:amount"] {
                let availability = Self.metaAvailability[tags["product:availability"] ?? ""] ?? "?"
                sources.append(("the Open Graph tags", Offer(amount: amount, currency: tags["product:price:currency"] ?? "", availability: availability)))
            }
            for (source, offer) in sources where offer != structured {
                findings.append(CheckRules.finding(.consistencyOffer,
                                                   "\(id): the page's JSON-LD says \(structured), \(source) says \(offer.map(\.description) ?? "nothing (the item is missing)")",
                                                   at: location, hint: "rebuild the whole site at once; a partial upload or a hand-edited feed causes this"))
            }
            // The buy button sells this page's item at this page's price, once.
            if page.buyControls.count > 1 {
                findings.append(CheckRules.finding(.consistencyOffer, "\(id): the page has \(page.buyControls.count) buy buttons; a page sells one item",
                                                   at: location, hint: "the theme's product template should show product.buy once"))
            }
            for control in page.buyControls where control.sku != id || control.price != structured.amount {
                findings.append(CheckRules.finding(.consistencyOffer,
                                                   "\(id): the buy button sells \(control.sku) at \(control.price), the page's JSON-LD says \(id) at \(structured.amount)",
                                                   at: SourceLocation(file: location.file, line: control.line, column: 1),
                                                   hint: "rebuild the whole site at once; the theme's buy box should take product.buy.sku and product.buy.amount"))
            }
            // The output does not say which language formatted it: the price written the way any store language writes it counts.
            if let money = try? Money.parse(structured.amount, currency: structured.currency),
               !StoreLocale.Language.allCases.contains(where: { page.visibleText.contains(StoreLocale(language: $0).format(money)) }) {
                findings.append(CheckRules.finding(.consistencyOffer, "\(id): the page does not show its price \(money.displayString)", at: location,
                                                   hint: "the theme's product template should show product.price.current"))
            }
        }
        return findings
    }

    static let metaAvailability = ["in stock": "in_stock", "out of stock": "out_of_stock", "preorder": "preorder", "available for order": "backorder"]
    static let schemaAvailability = ["https://schema.org/InStock": "in_stock", "https://schema.org/OutOfStock": "out_of_stock",
                                     "https://schema.org/PreOrder": "preorder", "https://schema.org/BackOrder": "backorder"]

    private func structuredOffer(_ page: PageScan, id: String) -> Offer? {
        for script in page.jsonLD {
            guard let top = try? JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: Any] else { continue }
            for node in top["@graph"] as? [[String: Any]] ?? [top] {
                let candidates = (node["hasVariant"] as? [[String: Any]] ?? []) + [node]
                guard let item = candidates.first(where: { $0["sku"] as? String == id }), let offer = item["offers"] as? [String: Any],
                      let price = offer["price"] as? NSNumber, let currency = offer["priceCurrency"] as? String else { continue }
                let amount = String(format: "%.\(Currency.minorDigits(currency))f", price.doubleValue)
                return Offer(amount: amount, currency: currency, availability: Self.schemaAvailability[offer["availability"] as? String ?? ""] ?? "?")
            }
        }
        return nil
    }

    /// A feed's bytes: the plain file, or its gzip copy when the feed was too large to be written plain.
    private func feed(_ sitePath: String) -> [UInt8]? {
        if let plain = FileManager.default.contents(atPath: root.appendingPathComponent(SiteLinks.outputFile(for: sitePath)).path) { return [UInt8](plain) }
        guard let compressed = FileManager.default.contents(atPath: root.appendingPathComponent(SiteLinks.outputFile(for: SiteLinks.compressed(sitePath))).path) else { return nil }
        return try? Gzip.decompress([UInt8](compressed))
    }

    /// Offers of the Merchant feed by `g:id`: the price paid (sale price when there is one).
    private func merchantOffers() -> [String: Offer] {
        guard let data = feed(SiteLinks.googleMerchantFeed) else { return [:] }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_HUGE.rawValue)
        let document = data.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), "feed.xml", nil, options) }
        }
        guard let document else { return [:] }
        defer { xmlFreeDoc(document) }
        var offers: [String: Offer] = [:]
        var channel = xmlDocGetRootElement(document)?.pointee.children
        while let node = channel, node.pointee.type != XML_ELEMENT_NODE || String(cString: node.pointee.name) != "channel" { channel = node.pointee.next }
        var item = channel?.pointee.children
        while let current = item {
            defer { item = current.pointee.next }
            guard current.pointee.type == XML_ELEMENT_NODE, String(cString: current.pointee.name) == "item" else { continue }
            var fields: [String: String] = [:]
            var child = current.pointee.children
            while let field = child {
                defer { child = field.pointee.next }
                guard field.pointee.type == XML_ELEMENT_NODE, let content = xmlNodeGetContent(field) else { continue }
                fields[String(cString: field.pointee.name)] = String(cString: content)
                showroom_xml_free(content)
            }
            guard let id = fields["id"], let price = (fields["sale_price"] ?? fields["price"])?.split(separator: " "), price.count == 2 else { continue }
            offers[id] = Offer(amount: String(price[0]), currency: String(price[1]), availability: fields["availability"] ?? "?")
        }
        return offers
    }

    private func metaOffers() -> [String: Offer] {
        guard let data = feed(SiteLinks.metaCatalogFeed),
              let rows = CSVReader.records(String(decoding: data, as: UTF8.self)), let header = rows.first else { return [:] }
        var offers: [String: Offer] = [:]
        for record in rows.dropFirst() where record.count == header.count {
            let row = Dictionary(zip(header, record), uniquingKeysWith: { first, _ in first })
            let priceText = (row["sale_price"].flatMap { $0.isEmpty ? nil : $0 } ?? row["price"] ?? "").split(separator: " ")
            guard let id = row["id"], priceText.count == 2 else { continue }
            offers[id] = Offer(amount: String(priceText[0]), currency: String(priceText[1]),
                               availability: Self.metaAvailability[row["availability"] ?? ""] ?? "?")
        }
        return offers
    }
}

/// Reads RFC 4180 CSV back (quoted fields, doubled quotes, line breaks inside quotes).
enum CSVReader {
    static func records(_ text: String) -> [[String]]? {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": quoted = true
            case ",": record.append(field); field = ""
            case "\r": break
            case "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if quoted { return nil }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
