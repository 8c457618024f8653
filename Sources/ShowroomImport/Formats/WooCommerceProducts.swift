import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// WooCommerce's product CSV (Products → Export). Simple and variable products are rows of their own;
/// a variation row names its parent in `Parent` (`id:123` or the parent's SKU) and its option values in
/// `Attribute N name` / `Attribute N value(s)`.
struct WooCommerceProducts {
    static let requiredColumns = ["Type", "Name", "Regular price"]
    static let gtinColumns = ["GTIN, UPC, EAN, or ISBN", "GTIN", "EAN", "UPC"]

    static func read(_ text: DelimitedText, file: String, currency: String, today: String) throws(Diagnostic) -> ImportReading {
        guard let header = text.records.first else { throw ImportFormat.emptyFile(file) }
        let table = SourceTable(header: header, rows: Array(text.records.dropFirst()), file: file, clean: unescapeFormula)
        let missing = table.missing(requiredColumns)
        guard missing.isEmpty else { throw ImportFormat.wrongFormat(.woocommerce, table: table, missing: missing) }

        var reading = ImportReading()
        var fields = FieldParser(currency: currency, today: today)
        var parentsByReference: [String: Int] = [:]
        var variations: [SourceRow] = []
        for row in table.rows {
            reading.rowsRead += 1
            let types = Set(list(row["Type"]?.lowercased()))
            if types.contains("variation") { variations.append(row); continue }
            if types.contains("grouped") || types.contains("external") {
                let grouped = types.contains("grouped")
                reading.notes.append(.warning("\"\(row["Name"] ?? "?")\" is \(grouped ? "a grouped product (a set of other products)" : "an external product (sold on another site)"), so it was skipped",
                                              at: row.location(of: "Type"),
                                              hint: grouped ? "its member products are imported from their own rows" : "link to it from a page if you still want to point shoppers there"))
                continue
            }
            guard types.contains("simple") || types.contains("variable") else {
                reading.notes.append(.warning("row type \"\(row["Type"] ?? "")\" is not simple, variable or variation, so it was skipped", at: row.location(of: "Type"), hint: nil))
                continue
            }
            guard let name = row["Name"] else {
                reading.notes.append(.warning("row has no Name, so it was skipped", at: row.location(of: "Name"), hint: nil))
                continue
            }
            let id = row["ID"]
            var product = ImportedProduct(sourceID: "woocommerce:" + (id.map { "id:\($0)" } ?? "sku:\(row["SKU"] ?? name)"), title: name, location: row.location)
            product.brand = list(row["Brands"]).first ?? attributes(of: row, includingBrand: true).first { Self.isBrand($0.name) }?.values.first
            product.descriptionHTML = row.raw("Description").map(Self.paragraphs)
            product.summary = row.raw("Short description").map { HTMLToMarkdown.plainText(Self.paragraphs($0)) }.flatMap { $0.isEmpty ? nil : $0 }
            product.tags = list(row["Tags"])
            product.collections = CatalogLoader.unique(list(row["Categories"]).compactMap { path in
                let leaf = path.split(separator: ">").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? path
                return leaf.lowercased() == "uncategorized" ? nil : FieldParser.handle(from: leaf)
            })
            product.images = list(row["Images"]).compactMap { fields.imageURL($0, at: row.location(of: "Images")) }
            product.draft = row["Published"].map { $0 != "1" } ?? false
            if types.contains("variable") {
                if let id { parentsByReference["id:\(id)"] = reading.products.count }
                if let sku = row["SKU"] { parentsByReference[sku] = reading.products.count }
            } else {
                product.sku = row["SKU"]
                product.price = fields.price(regular: row["Regular price"], sale: sale(row, fields: &fields), at: row.location(of: "Regular price"), saleAt: row.location(of: "Sale price"))
                product.availability = availability(row)
                product.gtin = gtin(row, fields: &fields)
                guard product.price != nil else {
                    reading.notes.append(.warning("\"\(name)\" has no usable regular price, so it was skipped", at: row.location(of: "Regular price"),
                                                  hint: "set a regular price in WooCommerce and export again"))
                    continue
                }
            }
            reading.products.append(product)
        }
        for row in variations {
            guard let reference = row["Parent"], let parentIndex = parentsByReference[reference] else {
                reading.notes.append(.warning("variation \"\(row["SKU"] ?? row["Name"] ?? "?")\" names parent \"\(row["Parent"] ?? "")\", which is not a variable product in the file, so it was skipped",
                                              at: row.location(of: "Parent"), hint: "export the parent product together with its variations"))
                continue
            }
            let parentName = reading.products[parentIndex].title
            let options = attributes(of: row).map { (name: $0.name, value: $0.values.first ?? "") }
            if let any = options.first(where: { $0.value.isEmpty }) ?? (options.isEmpty ? (name: "option", value: "") : nil) {
                reading.notes.append(.warning("a variation of \"\(parentName)\" applies to any \(any.name), which a storefront cannot list as one item, so it was skipped",
                                              at: row.location, hint: "give the variation a value for every attribute in WooCommerce"))
                continue
            }
            guard let sku = row["SKU"] else {
                reading.notes.append(.warning("a variation of \"\(parentName)\" (\(options.map(\.value).joined(separator: " / "))) has no SKU, so it was skipped",
                                              at: row.location(of: "SKU"), hint: "give every variation a SKU in WooCommerce"))
                continue
            }
            guard let price = fields.price(regular: row["Regular price"], sale: sale(row, fields: &fields), at: row.location(of: "Regular price"), saleAt: row.location(of: "Sale price")) else {
                reading.notes.append(.warning("variation \"\(sku)\" has no usable regular price, so it was skipped", at: row.location(of: "Regular price"), hint: nil))
                continue
            }
            let image = list(row["Images"]).first.flatMap { fields.imageURL($0, at: row.location(of: "Images")) }
            reading.products[parentIndex].variants.append(ImportedVariant(
                sku: sku, options: options, price: price, availability: availability(row), gtin: gtin(row, fields: &fields), mpn: nil,
                image: image, location: row.location))
            if let published = row["Published"], published != "1" {
                reading.notes.append(.warning("variation \"\(sku)\" is not published in WooCommerce but was imported", at: row.location(of: "Published"),
                                              hint: "remove it from catalog.json if it should not be sold"))
            }
        }
        var kept: [ImportedProduct] = []
        for product in reading.products {
            if product.sku == nil, product.price == nil, product.variants.isEmpty {
                reading.notes.append(.warning("variable product \"\(product.title)\" has no variation that could be imported, so it was skipped", at: product.location, hint: nil))
            } else {
                kept.append(product)
            }
        }
        reading.products = kept
        reading.notes += fields.notes
        return reading
    }

    /// `Attribute N name` / `Attribute N value(s)` pairs in column order; a brand attribute is not an option.
    private static func attributes(of row: SourceRow, includingBrand: Bool = false) -> [(name: String, values: [String])] {
        (1...20).compactMap { number in
            guard let name = row["Attribute \(number) name"] else { return nil }
            return (name, list(row["Attribute \(number) value(s)"]))
        }.filter { includingBrand || !isBrand($0.name) }
    }

    private static func isBrand(_ attribute: String) -> Bool { ["brand", "pa_brand"].contains(attribute.lowercased()) }

    private static func availability(_ row: SourceRow) -> String? {
        switch row["In stock?"]?.lowercased() {
        case "1", "instock": return "in_stock"
        case "0", "outofstock": return "out_of_stock"
        case "backorder", "onbackorder": return "backorder"
        default: return row["Stock"].flatMap { Int($0) }.map { $0 > 0 ? "in_stock" : "out_of_stock" }
        }
    }

    private static func gtin(_ row: SourceRow, fields: inout FieldParser) -> String? {
        guard let column = gtinColumns.first(where: { row[$0] != nil }) else { return nil }
        return fields.gtin(row[column], at: row.location(of: column))
    }

    private static func sale(_ row: SourceRow, fields: inout FieldParser) -> String? {
        guard let sale = row["Sale price"] else { return nil }
        return fields.saleApplies(starts: row["Date sale price starts"], ends: row["Date sale price ends"], at: row.location(of: "Sale price")) ? sale : nil
    }

    /// WooCommerce separates list values with commas and writes a comma inside a value as `\,`.
    static func list(_ text: String?) -> [String] {
        guard let text else { return [] }
        var values: [String] = [], current = ""
        var characters = text.makeIterator()
        while let character = characters.next() {
            if character == "\\" {
                if let next = characters.next() { current.append(next == "," ? "," : "\\\(next)") } else { current.append(character) }
            } else if character == "," {
                values.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        values.append(current)
        return values.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The exporter guards cells that a spreadsheet would run as a formula with a leading quote.
    static func unescapeFormula(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, "=+-@\t\r".contains(second) else { return text }
        return String(text.dropFirst())
    }

    /// Descriptions have their line breaks written as `\n`, and a backslash-n that was in the text as `\\n`.
    static func unescapeLineBreaks(_ text: String) -> String {
        var result = ""
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if character == "\\", characters.first == "n" {
                characters.removeFirst()
                result.append("\n")
            } else if character == "\\", characters.first == "\\", characters.dropFirst().first == "n" {
                characters.removeFirst(2)
                result += "\\n"
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// WordPress stores descriptions with blank lines for paragraphs and adds the `<p>` only when showing them.
    static func paragraphs(_ text: String) -> String {
        let text = unescapeLineBreaks(text)
        let lower = text.lowercased()
        guard !["<p", "<div", "<ul", "<ol", "<table", "<h1", "<h2", "<h3", "<br"].contains(where: { lower.contains($0) }) else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n\n")
            .map { "<p>" + $0.replacingOccurrences(of: "\n", with: "<br>") + "</p>" }.joined(separator: "\n")
    }
}
