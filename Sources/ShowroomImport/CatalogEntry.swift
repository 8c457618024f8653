import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// Writes an imported product as a catalog.json entry and its write-up as `products/<handle>.md`.
enum CatalogEntry {
    /// Marks catalog products that came from an import (`shopify:<handle>`…), so a re-import finds them
    /// even after their handle or title was changed.
    static let sourceKey = "x-imported-from"
    /// In a write-up's front matter: a fingerprint of the file as the import wrote it. A file whose content
    /// no longer matches was edited by a person, and re-imports leave it alone.
    static let writeUpKey = "x-imported"

    static func object(for product: ImportedProduct, handle: String) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("handle", .string(handle)), ("title", .string(product.title))]
        func add(_ key: String, _ value: String?) { if let value { members.append((key, .string(value))) } }
        func add(_ key: String, _ values: [String]) { if !values.isEmpty { members.append((key, .array(values.map { .string($0) }))) } }
        add("brand", product.brand)
        add("mpn", product.mpn)
        add("gtin", product.variants.isEmpty ? product.gtin : nil)

        // Variants inherit price and sale price as a pair: the product carries the pair most variants share
        // and a variant states its own only when it differs.
        let productPrice = product.variants.isEmpty ? product.price : mostCommon(product.variants.compactMap(\.price))
        add("price", productPrice?.regular)
        add("sale_price", productPrice?.sale)
        add("availability", product.variants.isEmpty ? product.availability : nil)
        add("condition", product.condition)
        add("published", product.published?.iso)
        if product.draft { members.append(("draft", .bool(true))) }
        add("collections", product.collections)
        add("tags", CatalogLoader.unique(product.tags))
        add("google_product_category", product.googleProductCategory)
        add("images", CatalogLoader.unique(product.images.isEmpty ? product.variants.compactMap(\.image) : product.images))
        if !product.variants.isEmpty {
            members.append(("variants", .array(product.variants.map { .object(variant($0, productPrice: productPrice)) })))
        }
        add("x-sku", product.variants.isEmpty ? product.sku : nil)
        members += product.extras
        members.append((sourceKey, .string(product.sourceID)))
        return members
    }

    private static func variant(_ variant: ImportedVariant, productPrice: ImportedPrice?) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [("sku", .string(variant.sku)),
                                              ("options", .object(variant.options.map { ($0.name, .string($0.value)) }))]
        if let price = variant.price, price != productPrice {
            members.append(("price", .string(price.regular)))
            if let sale = price.sale { members.append(("sale_price", .string(sale))) }
        }
        if let availability = variant.availability { members.append(("availability", .string(availability))) }
        if let gtin = variant.gtin { members.append(("gtin", .string(gtin))) }
        if let mpn = variant.mpn { members.append(("mpn", .string(mpn))) }
        if let image = variant.image { members.append(("image", .string(image))) }
        return members
    }

    private static func mostCommon(_ prices: [ImportedPrice]) -> ImportedPrice? {
        var counts: [(price: ImportedPrice, count: Int)] = []
        for price in prices {
            if let index = counts.firstIndex(where: { $0.price == price }) { counts[index].count += 1 } else { counts.append((price, 1)) }
        }
        // The first of the most common, so the result never depends on anything but file order.
        guard let top = counts.map(\.count).max() else { return nil }
        return counts.first { $0.count == top }?.price
    }

    // MARK: Write-ups

    /// The Markdown file for a product (nil when the source has nothing to say beyond the catalog), and
    /// whether part of its HTML description was nested too deeply to be read.
    static func writeUp(for product: ImportedProduct) -> (text: String?, tooDeep: Bool) {
        let converted = product.descriptionHTML.map(HTMLToMarkdown.convertReportingLoss) ?? (markdown: "", tooDeep: false)
        let body = converted.markdown
        guard !body.isEmpty || product.summary != nil || !product.highlights.isEmpty else { return (nil, converted.tooDeep) }
        var frontMatter = ""
        if let summary = product.summary { frontMatter += "summary: \(yamlScalar(summary))\n" }
        if !product.highlights.isEmpty {
            frontMatter += "highlights:\n" + product.highlights.map { "  - \(yamlScalar($0))\n" }.joined()
        }
        let content = "---\n" + frontMatter + "---\n" + (body.isEmpty ? "" : body + "\n")
        return (stamped(content), converted.tooDeep)
    }

    /// Adds the fingerprint line as the last front-matter line.
    static func stamped(_ content: String) -> String {
        let marker = "\n---\n"
        guard let end = content.range(of: marker, range: content.index(content.startIndex, offsetBy: 3)..<content.endIndex) else { return content }
        return String(content[..<end.lowerBound]) + "\n\(writeUpKey): \(fingerprint(content))" + String(content[end.lowerBound...])
    }

    /// Whether a write-up on disk is still exactly what an import wrote (then a re-import may replace it).
    static func isUntouched(_ content: String) -> Bool {
        var lines = content.split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.hasPrefix("\(writeUpKey): ") }) else { return false }
        let recorded = lines[index].dropFirst(writeUpKey.count + 2)
        lines.remove(at: index)
        return recorded == fingerprint(lines.joined(separator: "\n"))
    }

    private static func fingerprint(_ content: String) -> String { ContentHash.hex(content.utf8, length: 16) }

    /// Plain YAML when that reads back as the same string (block context: commas and inner quotes are fine),
    /// double-quoted otherwise (JSON's escapes are valid YAML).
    static func yamlScalar(_ text: String) -> String {
        let plainSafe = text.first.map { $0.isLetter || $0.isNumber } == true && text.last.map { !$0.isWhitespace && $0 != ":" } == true
            && !text.contains(": ") && !text.contains(" #") && !text.contains(where: { $0.isNewline || $0 == "\t" })
            && !["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(text.lowercased())
            && Double(text) == nil
        return plainSafe ? text : JSONValue.string(text).serialized()
    }
}
