import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// Amazon Seller Central exports, told apart by their header:
/// - the **All Listings Report** (Reports → Inventory Reports), tab separated, one row per offer:
///   `seller-sku`, `item-name`, `item-description`, `price`, `quantity`, `open-date`, `image-url`,
///   `product-id` with `product-id-type` (1 ASIN, 2 ISBN, 3 UPC, 4 EAN), `item-condition`, `asin1`…;
/// - the **inventory flat file** (category templates), whose header row of field names follows a
///   `TemplateType=…` line and a row of labels: `item_sku`, `item_name`, `brand_name`, `standard_price`,
///   `sale_price`, `quantity`, `external_product_id(_type)`, `main_image_url`, `other_image_url1…8`,
///   `parent_child`, `parent_sku`, `variation_theme`, `color_name`, `size_name`…, `product_description`,
///   `bullet_point1…5`, `part_number`, `condition_type`, `update_delete`.
struct AmazonListings {
    static func read(_ text: DelimitedText, file: String, currency: String, today: String) throws(Diagnostic) -> ImportReading {
        guard !text.records.isEmpty else { throw ImportFormat.emptyFile(file) }
        // The flat file's field names sit below one or two rows of template metadata and labels.
        if let headerOffset = text.records.prefix(5).firstIndex(where: { $0.fields.contains { $0.trimmingCharacters(in: .whitespaces) == "item_sku" } }) {
            let table = SourceTable(header: text.records[headerOffset], rows: Array(text.records[(headerOffset + 1)...]), file: file)
            return FlatFile(currency: currency, today: today).read(table)
        }
        let table = SourceTable(header: text.records[0], rows: Array(text.records.dropFirst()), file: file)
        let missing = table.missing(["seller-sku", "item-name", "price"])
        guard missing.isEmpty else { throw ImportFormat.wrongFormat(.amazon, table: table, missing: missing) }
        return ListingsReport(currency: currency, today: today).read(table)
    }

    /// Amazon's numeric `item-condition` codes: 11 new, 10 refurbished, 1–4 used, 5–8 collectible (used).
    static func condition(code: String?) -> String? {
        switch code.flatMap({ Int($0) }) {
        case 11: "new"
        case 10: "refurbished"
        case .some(1...8): "used"
        default: nil
        }
    }

    /// The flat file's `condition_type`: "New", "Refurbished", "UsedLikeNew", "used_very_good"…
    static func condition(name: String?) -> String? {
        guard let lower = name?.lowercased() else { return nil }
        if lower.hasPrefix("new") { return "new" }
        if lower.contains("refurbished") { return "refurbished" }
        if lower.hasPrefix("used") || lower.hasPrefix("collectible") { return "used" }
        return nil
    }

    static func availability(quantity: String?) -> String? {
        guard let quantity = quantity.flatMap({ Int($0) }) else { return nil }
        return quantity > 0 ? "in_stock" : "out_of_stock"
    }
}

private struct ListingsReport {
    let currency: String
    let today: String

    func read(_ table: SourceTable) -> ImportReading {
        var reading = ImportReading()
        var fields = FieldParser(currency: currency, today: today)
        for row in table.rows {
            reading.rowsRead += 1
            guard let sku = row["seller-sku"] else {
                reading.notes.append(.warning("row has no seller-sku, so it was skipped", at: row.location, hint: nil))
                continue
            }
            guard let title = row["item-name"] else {
                reading.notes.append(.warning("\"\(sku)\" has no item-name, so it was skipped", at: row.location(of: "item-name"), hint: "give the listing a title in Seller Central"))
                continue
            }
            guard let price = fields.price(regular: row["price"], sale: nil, at: row.location(of: "price"), saleAt: row.location(of: "price")) else {
                reading.notes.append(.warning("\"\(sku)\" has no usable price, so it was skipped", at: row.location(of: "price"),
                                              hint: "inactive listings often have no price; set one in Seller Central and export again"))
                continue
            }
            var product = ImportedProduct(sourceID: "amazon:\(sku)", title: title, location: row.location)
            product.sku = sku
            product.price = price
            product.availability = AmazonListings.availability(quantity: row["quantity"])
            product.published = FieldParser.date(row["open-date"])
            product.condition = AmazonListings.condition(code: row["item-condition"])
            product.descriptionHTML = row.raw("item-description")
            // An inactive listing (suppressed, closed, incomplete) was not for sale: it comes over unpublished.
            if let status = row["status"], status.lowercased() != "active" {
                product.draft = true
                reading.notes.append(.warning("\"\(sku)\" is \(status) on Amazon, so it was imported as a draft", at: row.location(of: "status"),
                                              hint: "check it, then remove \"draft\": true in catalog.json to publish it"))
            }
            product.images = [fields.imageURL(row["image-url"], at: row.location(of: "image-url"))].compactMap { $0 }
            var asin = row["asin1"]
            switch row["product-id-type"] {
            case "1": asin = asin ?? row["product-id"]
            case "2", "3", "4": product.gtin = fields.gtin(row["product-id"], at: row.location(of: "product-id"))
            default: break
            }
            if let asin { product.extras.append(("x-amazon-asin", .string(asin))) }
            reading.products.append(product)
        }
        reading.notes += fields.notes
        return reading
    }
}

private struct FlatFile {
    let currency: String
    let today: String
    /// Variation attributes of the classic templates, with the option name shoppers see.
    static let optionColumns: [(column: String, name: String, themeWords: [String])] = [
        ("color_name", "Color", ["color", "colour"]), ("size_name", "Size", ["size"]), ("style_name", "Style", ["style"]),
        ("material_type", "Material", ["material"]), ("pattern_name", "Pattern", ["pattern"]), ("flavor_name", "Flavor", ["flavor"]),
        ("scent_name", "Scent", ["scent"]), ("item_package_quantity", "Pack size", ["itempackagequantity", "packagequantity"]),
    ]

    func read(_ table: SourceTable) -> ImportReading {
        var reading = ImportReading()
        var fields = FieldParser(currency: currency, today: today)
        var parents: [String: (index: Int, theme: String)] = [:]
        var children: [(parentSKU: String, row: SourceRow)] = []
        for row in table.rows {
            reading.rowsRead += 1
            guard let sku = row["item_sku"] else {
                reading.notes.append(.warning("row has no item_sku, so it was skipped", at: row.location, hint: nil))
                continue
            }
            if row["update_delete"]?.lowercased().hasPrefix("delete") == true { continue }
            let role = row["parent_child"]?.lowercased()
            if role == "child", let parentSKU = row["parent_sku"] {
                children.append((parentSKU, row))
                continue
            }
            guard let title = row["item_name"] else {
                reading.notes.append(.warning("\"\(sku)\" has no item_name, so it was skipped", at: row.location(of: "item_name"), hint: nil))
                continue
            }
            var product = ImportedProduct(sourceID: "amazon:\(sku)", title: title, location: row.location)
            describe(&product, from: row, fields: &fields)
            if role == "parent" {
                parents[sku] = (reading.products.count, row["variation_theme"]?.lowercased().replacingOccurrences(of: "_", with: "") ?? "")
            } else {
                product.sku = sku
                product.price = fields.price(regular: row["standard_price"], sale: sale(row, fields: &fields), at: row.location(of: "standard_price"), saleAt: row.location(of: "sale_price"))
                product.availability = AmazonListings.availability(quantity: row["quantity"])
                product.gtin = identifier(row, fields: &fields)
                guard product.price != nil else {
                    reading.notes.append(.warning("\"\(sku)\" has no usable standard_price, so it was skipped", at: row.location(of: "standard_price"), hint: nil))
                    continue
                }
            }
            reading.products.append(product)
        }
        for (parentSKU, row) in children {
            let sku = row["item_sku"]!
            guard let (parentIndex, theme) = parents[parentSKU] else {
                reading.notes.append(.warning("\"\(sku)\" names parent \"\(parentSKU)\", which is not in the file, so it was skipped", at: row.location(of: "parent_sku"),
                                              hint: "export the parent row together with its children"))
                continue
            }
            let used = Self.optionColumns.filter { option in
                theme.isEmpty ? row[option.column] != nil : option.themeWords.contains { theme.contains($0) }
            }
            let options = used.compactMap { option in row[option.column].map { (name: option.name, value: $0) } }
            guard !options.isEmpty, options.count == used.count else {
                reading.notes.append(.warning("\"\(sku)\" has no value for its variation theme \"\(theme)\", so it was skipped", at: row.location, hint: "fill color_name, size_name… for each child"))
                continue
            }
            guard let price = fields.price(regular: row["standard_price"], sale: sale(row, fields: &fields), at: row.location(of: "standard_price"), saleAt: row.location(of: "sale_price")) else {
                reading.notes.append(.warning("\"\(sku)\" has no usable standard_price, so it was skipped", at: row.location(of: "standard_price"), hint: nil))
                continue
            }
            var parent = reading.products[parentIndex]
            parent.variants.append(ImportedVariant(
                sku: sku, options: options, price: price, availability: AmazonListings.availability(quantity: row["quantity"]),
                gtin: identifier(row, fields: &fields), mpn: row["part_number"],
                image: fields.imageURL(row["main_image_url"], at: row.location(of: "main_image_url")), location: row.location))
            if parent.brand == nil { parent.brand = row["brand_name"] ?? row["brand"] }
            reading.products[parentIndex] = parent
        }
        // A parent without children cannot be sold.
        reading.products.removeAll { product in
            guard product.sku == nil, product.variants.isEmpty else { return false }
            reading.notes.append(.warning("parent \"\(product.sourceID.dropFirst("amazon:".count))\" has no child that could be imported, so it was skipped", at: product.location, hint: nil))
            return true
        }
        for index in reading.products.indices {
            if reading.products[index].images.isEmpty {
                reading.products[index].images = CatalogLoader.unique(reading.products[index].variants.compactMap(\.image))
            }
        }
        reading.notes += fields.notes
        return reading
    }

    private func describe(_ product: inout ImportedProduct, from row: SourceRow, fields: inout FieldParser) {
        product.brand = row["brand_name"] ?? row["brand"]
        product.mpn = row["part_number"]
        product.condition = AmazonListings.condition(name: row["condition_type"])
        product.descriptionHTML = row.raw("product_description")
        product.highlights = (1...5).compactMap { row["bullet_point\($0)"] }
        let imageColumns = ["main_image_url"] + (1...8).map { "other_image_url\($0)" }
        product.images = CatalogLoader.unique(imageColumns.compactMap { fields.imageURL(row[$0], at: row.location(of: $0)) })
    }

    private func sale(_ row: SourceRow, fields: inout FieldParser) -> String? {
        guard let sale = row["sale_price"] else { return nil }
        return fields.saleApplies(starts: row["sale_from_date"], ends: row["sale_end_date"], at: row.location(of: "sale_price")) ? sale : nil
    }

    private func identifier(_ row: SourceRow, fields: inout FieldParser) -> String? {
        switch row["external_product_id_type"]?.uppercased() {
        case "UPC", "EAN", "GTIN", "ISBN": fields.gtin(row["external_product_id"], at: row.location(of: "external_product_id"))
        default: nil
        }
    }
}
