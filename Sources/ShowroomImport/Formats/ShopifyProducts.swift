import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// Shopify's product CSV (Products → Export): one row per variant and per extra image, grouped by `Handle`.
/// The first row of a handle carries the product (Title, Body (HTML), Vendor, Tags, option names…).
///
/// Shopify renamed the columns in 2024 (`URL handle`, `Description`, `SKU`, `Price`, `Compare-at price`…);
/// both generations are read, the new names mapped onto the classic ones.
struct ShopifyProducts {
    static let requiredColumns = ["Handle", "Title", "Variant Price"]
    static let renamedColumns: [String: String] = [
        "url handle": "Handle", "description": "Body (HTML)", "sku": "Variant SKU", "barcode": "Variant Barcode",
        "price": "Variant Price", "compare-at price": "Variant Compare At Price", "inventory tracker": "Variant Inventory Tracker",
        "inventory quantity": "Variant Inventory Qty", "continue selling when out of stock": "Variant Inventory Policy",
        "published on online store": "Published", "product image url": "Image Src", "variant image url": "Variant Image",
        "google shopping / manufacturer part number (mpn)": "Google Shopping / MPN",
    ]

    static func read(_ text: DelimitedText, file: String, currency: String) throws(Diagnostic) -> ImportReading {
        guard let header = text.records.first else { throw ImportFormat.emptyFile(file) }
        let table = SourceTable(header: header, rows: Array(text.records.dropFirst()), file: file, normalize: { renamedColumns[$0.lowercased()] ?? $0 })
        let missing = table.missing(requiredColumns)
        guard missing.isEmpty else { throw ImportFormat.wrongFormat(.shopify, table: table, missing: missing) }

        var groups: [(handle: String, rows: [SourceRow])] = []
        var groupIndex: [String: Int] = [:]
        var reading = ImportReading()
        var fields = FieldParser(currency: currency)
        for row in table.rows {
            reading.rowsRead += 1
            guard let handle = row["Handle"] else {
                reading.notes.append(.warning("row has no Handle, so it was skipped", at: row.location,
                                              hint: "every row of a Shopify export starts with the product's handle"))
                continue
            }
            if let index = groupIndex[handle] { groups[index].rows.append(row) } else {
                groupIndex[handle] = groups.count
                groups.append((handle, [row]))
            }
        }
        for group in groups {
            if let product = product(handle: group.handle, rows: group.rows, fields: &fields, notes: &reading.notes) {
                reading.products.append(product)
            }
        }
        reading.notes += fields.notes
        return reading
    }

    private static func product(handle: String, rows: [SourceRow], fields: inout FieldParser, notes: inout [Diagnostic]) -> ImportedProduct? {
        guard let main = rows.first(where: { $0["Title"] != nil }) else {
            notes.append(.warning("rows of \"\(handle)\" have no Title, so they were skipped", at: rows[0].location,
                                  hint: "the first row of each product carries its Title; was the export cut?"))
            return nil
        }
        if main["Gift Card"]?.lowercased() == "true" {
            notes.append(.warning("\"\(handle)\" is a gift card, so it was skipped", at: main.location(of: "Gift Card"),
                                  hint: "gift cards are not products shopping feeds may list"))
            return nil
        }
        var product = ImportedProduct(sourceID: "shopify:\(handle)", suggestedHandle: handle, title: main["Title"]!, location: main.location)
        product.brand = main["Vendor"]
        product.descriptionHTML = main.raw("Body (HTML)")
        product.summary = main["SEO Description"]
        product.tags = FieldParser.list(main["Tags"])
        if let type = main["Type"], let slug = FieldParser.handle(from: type) { product.collections = [slug] }
        product.googleProductCategory = main["Google Shopping / Google Product Category"]
        product.condition = main["Google Shopping / Condition"].flatMap(condition)
        let status = main["Status"]?.lowercased()
        product.draft = main["Published"]?.lowercased() == "false" || (status != nil && status != "active")

        // Images in their position order; rows without a position keep file order after those with one.
        let images = rows.enumerated().compactMap { offset, row -> (Int, Int, String)? in
            guard let source = fields.imageURL(row["Image Src"], at: row.location(of: "Image Src")) else { return nil }
            return (row["Image Position"].flatMap { Int($0) } ?? Int.max, offset, source)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
        product.images = CatalogLoader.unique(images)

        let optionNames = (1...3).compactMap { main["Option\($0) Name"] }
        let variantRows = rows.filter { $0["Variant Price"] != nil || $0["Variant SKU"] != nil || $0["Option1 Value"] != nil }
        let isSingle = variantRows.count <= 1 && (optionNames.isEmpty || (optionNames == ["Title"] && variantRows.first?["Option1 Value"] == "Default Title"))
        if !isSingle, optionNames.isEmpty {
            notes.append(.warning("\"\(handle)\" has \(variantRows.count) variant rows but no Option1 Name, so it was skipped", at: main.location(of: "Option1 Name"),
                                  hint: "name the option (Size, Color…) on the product's first row"))
            return nil
        }
        if isSingle {
            guard let row = variantRows.first else {
                notes.append(.warning("\"\(handle)\" has no variant row with a price, so it was skipped", at: main.location,
                                      hint: "every Shopify product has at least one variant row with Variant Price"))
                return nil
            }
            product.sku = row["Variant SKU"]
            product.price = fields.price(selling: row["Variant Price"], compareAt: row["Variant Compare At Price"],
                                         at: row.location(of: "Variant Price"), compareAt: row.location(of: "Variant Compare At Price"))
            product.availability = availability(row)
            product.gtin = fields.gtin(row["Variant Barcode"], at: row.location(of: "Variant Barcode"))
            product.mpn = row["Google Shopping / MPN"] ?? main["Google Shopping / MPN"]
            if product.price == nil {
                notes.append(.warning("\"\(handle)\" has no usable price, so it was skipped", at: row.location(of: "Variant Price"),
                                      hint: "set Variant Price in Shopify and export again"))
                return nil
            }
            return product
        }
        for row in variantRows {
            let values = (1...optionNames.count).map { row["Option\($0) Value"] }
            guard values.allSatisfy({ $0 != nil }) else {
                notes.append(.warning("a variant of \"\(handle)\" has no value for every option (\(optionNames.joined(separator: ", "))), so it was skipped",
                                      at: row.location, hint: "fill Option1 Value… for this variant"))
                continue
            }
            let options = zip(optionNames, values.map { $0! }).map { (name: $0, value: $1) }
            guard let price = fields.price(selling: row["Variant Price"], compareAt: row["Variant Compare At Price"],
                                           at: row.location(of: "Variant Price"), compareAt: row.location(of: "Variant Compare At Price")) else {
                notes.append(.warning("variant \(options.map(\.value).joined(separator: " / ")) of \"\(handle)\" has no usable price, so it was skipped",
                                      at: row.location(of: "Variant Price"), hint: "set Variant Price in Shopify and export again"))
                continue
            }
            let sku = row["Variant SKU"] ?? {
                let made = handle + "-" + CatalogLoader.slugify(options.map(\.value).joined(separator: "-"))
                notes.append(.warning("variant \(options.map(\.value).joined(separator: " / ")) of \"\(handle)\" has no SKU, so it is listed as \"\(made)\"",
                                      at: row.location(of: "Variant SKU"), hint: "give every variant a SKU in Shopify so orders and feeds name it the same way"))
                return made
            }()
            product.variants.append(ImportedVariant(
                sku: sku, options: options, price: price, availability: availability(row),
                gtin: fields.gtin(row["Variant Barcode"], at: row.location(of: "Variant Barcode")),
                mpn: row["Google Shopping / MPN"], image: fields.imageURL(row["Variant Image"], at: row.location(of: "Variant Image")),
                location: row.location))
        }
        guard !product.variants.isEmpty else {
            notes.append(.warning("\"\(handle)\" has no variant that could be imported, so it was skipped", at: main.location, hint: nil))
            return nil
        }
        return product
    }

    /// Stock only counts when Shopify tracks it; "continue" selling past zero is a backorder.
    private static func availability(_ row: SourceRow) -> String? {
        guard let quantity = row["Variant Inventory Qty"].flatMap({ Int($0) }) else { return nil }
        if row["Variant Inventory Tracker"] == nil, row.has("Variant Inventory Tracker") { return nil }
        if quantity > 0 { return "in_stock" }
        // Classic exports say "continue"/"deny"; current ones answer "Continue selling…" with CONTINUE/DENY or TRUE/FALSE.
        let policy = row["Variant Inventory Policy"]?.lowercased()
        return policy == "continue" || policy == "true" ? "backorder" : "out_of_stock"
    }

    private static func condition(_ text: String) -> String? {
        let lower = text.lowercased()
        return ["new", "used", "refurbished"].contains(lower) ? lower : nil
    }
}
