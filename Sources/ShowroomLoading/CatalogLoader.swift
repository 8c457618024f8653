import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Reads the catalog (`catalog.json`, or `catalog/*.json` merged in file-name order) into products,
/// applying the content format's rules: required keys, variant inheritance, identifiers, media paths.
package struct CatalogLoader {
    let sink: DiagnosticSink
    let settings: StoreSettings
    let media: MediaIndex

    static let productKeys = [
        "handle", "title", "brand", "mpn", "gtin", "price", "sale_price", "currency", "availability", "availability_date",
        "condition", "published", "draft", "collections", "tags", "google_product_category", "images", "videos", "variants",
        "shopify_variant_id", "checkout_url",
    ]
    static let variantKeys = ["sku", "options", "price", "sale_price", "availability", "availability_date", "gtin", "mpn", "image",
                              "shopify_variant_id", "checkout_url"]
    static let videoKeys = ["url", "thumbnail", "duration_seconds", "title"]

    /// Loaded products including drafts (the caller drops drafts after the Markdown files are matched).
    struct LoadedProduct: Sendable {
        var product: Product
        var draft: Bool
    }

    /// Every handle written in the catalog, valid product or not (a write-up for a product that has errors
    /// is not also reported as orphaned).
    private(set) var seenHandles: Set<String> = []
    /// Each product's JSON and what loading it gave, for the next load (`ContentMemo`).
    private(set) var memo: [ContentMemo.ProductKey: ContentMemo.CatalogProduct] = [:]

    /// `kept`: an earlier load's products (same settings and media); a product whose JSON is unchanged,
    /// lines and columns included, is taken from there with its problems rather than loaded again.
    /// `onlyChanged`: the caller knows that every other product's JSON is the same as in `kept`, which
    /// then need not be compared.
    mutating func load(documents: [(node: JSONNode, file: String)], reusing kept: [ContentMemo.ProductKey: ContentMemo.CatalogProduct] = [:],
                       onlyChanged: ContentMemo.ProductKey? = nil) -> [LoadedProduct] {
        if onlyChanged != nil { memo = kept }
        var products: [LoadedProduct] = []
        var handles: [String: SourceLocation] = [:]
        var skus: [String: SourceLocation] = [:]
        var (itemIDs, gtins, shopifyIDs, checkoutURLs) = (FirstUses(), FirstUses(), FirstUses(), FirstUses())
        for (node, file) in documents {
            guard let catalog = JSONObjectReader(node, file: file, subject: "the catalog", sink: sink) else { continue }
            catalog.checkKeys(allowed: ["products"])
            guard catalog["products"] != nil else {
                catalog.reportMissing("products", hint: "the catalog is an object {\"products\": [ … ]}")
                continue
            }
            for (position, productNode) in catalog.array("products").enumerated() {
                if case .object(let members) = productNode.value, let member = members.first(where: { $0.key == "handle" }),
                   case .string(let handle) = member.value.value {
                    seenHandles.insert(handle)
                }
                let key = ContentMemo.ProductKey(file: file, position: position)
                var entry: ContentMemo.CatalogProduct
                if let earlier = kept[key], onlyChanged.map({ $0 != key }) ?? (earlier.node == productNode) {
                    entry = earlier
                    sink.diagnostics.append(contentsOf: earlier.problems)
                } else {
                    let before = sink.diagnostics.all.count
                    entry = ContentMemo.CatalogProduct(node: productNode, loaded: loadProduct(productNode, file: file), problems: [])
                    entry.problems = Array(sink.diagnostics.all[before...])
                }
                if onlyChanged == nil || onlyChanged == key { memo[key] = entry }
                guard let loaded = entry.loaded else { continue }
                let product = loaded.product
                if let first = handles[product.handle] {
                    sink.error("duplicate handle \"\(product.handle)\" (first used at \(first))", at: product.location,
                               hint: "every product needs its own handle: it is the product's URL /products/<handle>/")
                    continue
                }
                handles[product.handle] = product.location
                for variant in product.variants {
                    if let first = skus[variant.sku] {
                        sink.error("duplicate SKU \"\(variant.sku)\" (first used at \(first))", at: variant.location,
                                   hint: "a SKU identifies one sellable item and must be unique in the catalog")
                    }
                    skus[variant.sku] = skus[variant.sku] ?? variant.location
                }
                for item in Self.itemKeys(of: product) {
                    let owner = ItemOwner(isVariant: product.hasVariants, id: item.id)
                    // Carts, feeds and checkouts key items by SKU, or by handle for a product without variants.
                    if let first = itemIDs.claim(item.id, at: item.location, by: owner), !product.hasVariants || !first.owner.isVariant {
                        sink.error("\(owner) and \(first.owner) at \(first.location) both go by \"\(item.id)\"", at: item.location,
                                   hint: "carts and feeds name an item by its SKU, or by its handle when the product has no variants: make them differ")
                    }
                    if let gtin = item.gtin, let first = gtins.claim(gtin.normalized, at: item.location, by: owner) {
                        sink.error("GTIN \(gtin) of \(owner) is already used by \(first.owner) at \(first.location)", at: item.location,
                                   hint: "a GTIN identifies exactly one sellable item; check the barcode of each item")
                    }
                    if let id = item.shopifyVariantID, let first = shopifyIDs.claim(id, at: item.location, by: owner) {
                        sink.error("shopify_variant_id \(id) of \(owner) is already used by \(first.owner) at \(first.location)", at: item.location,
                                   hint: "each Shopify variant id names one item; copy the id of this item's own variant from Shopify")
                    }
                    if let url = item.checkoutURL, let first = checkoutURLs.claim(url, at: item.location, by: owner) {
                        sink.error("checkout_url of \(owner) is already used by \(first.owner) at \(first.location)", at: item.location,
                                   hint: "a checkout link sells one item; create a link for this item with the provider")
                    }
                }
                products.append(loaded)
            }
        }
        return products
    }

    /// What the checks across products read of an item: its key (SKU, or handle without variants), its
    /// identifiers and checkout ids, and where it is written. Only these (and each product's handle and
    /// place) decide what those checks report.
    struct ItemKeys: Equatable {
        var id: String
        var gtin: GTIN?
        var shopifyVariantID: String?
        var checkoutURL: String?
        var location: SourceLocation
    }

    /// `sellableItems`' keys only (`sellableItems` would build each item's title and page path).
    static func itemKeys(of product: Product) -> [ItemKeys] {
        guard product.hasVariants else {
            return [ItemKeys(id: product.handle, gtin: product.gtin, shopifyVariantID: product.checkoutIdentity.shopifyVariantID,
                             checkoutURL: product.checkoutIdentity.checkoutURL, location: product.location)]
        }
        return product.variants.map {
            ItemKeys(id: $0.sku, gtin: $0.gtin, shopifyVariantID: $0.checkoutIdentity.shopifyVariantID, checkoutURL: $0.checkoutIdentity.checkoutURL, location: $0.location)
        }
    }

    /// One product loaded on its own, with its problems (for an edit of that product alone).
    func loadAlone(_ node: JSONNode, file: String) -> ContentMemo.CatalogProduct {
        let local = DiagnosticSink()
        let loaded = CatalogLoader(sink: local, settings: settings, media: media).loadProduct(node, file: file)
        return ContentMemo.CatalogProduct(node: node, loaded: loaded, problems: local.diagnostics.all)
    }

    private func loadProduct(_ node: JSONNode, file: String) -> LoadedProduct? {
        var subject = "a product"
        if case .object(let members) = node.value, let handleMember = members.first(where: { $0.key == "handle" }),
           case .string(let handle) = handleMember.value.value {
            subject = "product \"\(handle)\""
        }
        guard let reader = JSONObjectReader(node, file: file, subject: subject, sink: sink) else { return nil }
        reader.checkKeys(allowed: Self.productKeys)

        let handle = reader.string("handle", required: true, hint: "a unique URL name such as \"trail-bottle\" (a-z, 0-9, -)")
        if let handle, !Self.isSlug(handle) {
            sink.error("handle \"\(handle)\" may only hold lower-case letters a-z, digits and hyphens", at: reader.location(of: reader["handle"]!),
                       hint: "try \"\(Self.slugify(handle))\"")
        }
        let title = reader.string("title", required: true, hint: "the product name shoppers see, e.g. \"title\": \"Trail Bottle 750 ml\"")?
            .trimmingWhitespace()
        var currency = settings.currency
        if let code = reader.string("currency") {
            if Currency.isValidCode(code) { currency = code } else {
                sink.error("\"currency\" of \(subject) must be a three-letter ISO 4217 code in capitals, found \"\(code)\"",
                           at: reader.location(of: reader["currency"]!))
            }
        }
        let price = readPrice(reader, currency: currency, required: true)
        let availability = reader.enumeration("availability", as: Availability.self) ?? .inStock
        let availabilityDate = readAvailabilityDate(reader, availability: availability)
        let condition = reader.enumeration("condition", as: Condition.self) ?? .new
        let published = readDate(reader, "published")
        let draft = reader.bool("draft") ?? false
        let collections = reader.stringArray("collections")
        for slug in collections where !Self.isSlug(slug) || slug == "all" {
            let problem = slug == "all" ? "\"all\" is reserved for the all-products page" : "may only hold a-z, 0-9 and hyphens"
            sink.error("collection \"\(slug)\" of \(subject) \(problem)", at: reader.location(of: reader["collections"]!),
                       hint: "use a slug such as \"\(slug == "all" ? "all-products" : Self.slugify(slug))\"")
        }
        let gtin = readGTIN(reader, subject: subject)
        let images = reader.stringElements("images").compactMap { path, at in media.reference(path, at: at, owner: subject, sink: sink) }
        let videos = reader.array("videos").compactMap { readVideo($0, reader: reader, subject: subject) }
        var googleCategory: String?
        if let node = reader["google_product_category"], case .number(let id) = node.value {
            googleCategory = id  // Google's numeric category id
        } else {
            googleCategory = reader.string("google_product_category")
        }

        // Variants inherit availability, its date and the price pair.
        var variants: [Variant] = []
        var optionNames: [String] = []
        var variantSlugs: [String: String] = [:]
        var combinations: [[String]: String] = [:]
        let variantNodes = reader.array("variants")
        if !variantNodes.isEmpty, let gtin {
            sink.error("\(subject) has variants, so it must not set \"gtin\" itself (\(gtin))", at: reader.location(of: reader["gtin"]!),
                       hint: "a GTIN identifies one sellable item: move it to the variant it belongs to")
        }
        for (index, variantNode) in variantNodes.enumerated() {
            guard let variant = loadVariant(variantNode, index: index, reader: reader, subject: subject, productPrice: price,
                                            currency: currency, availability: availability, availabilityDate: availabilityDate) else { continue }
            let names = variant.options.map(\.name)
            if variants.isEmpty && optionNames.isEmpty {
                optionNames = names
            } else if Set(names) != Set(optionNames) {
                sink.error("variant \"\(variant.sku)\" of \(subject) has options \(names.joined(separator: ", ")) but the first variant has \(optionNames.joined(separator: ", "))",
                           at: variant.location, hint: "every variant of a product sets the same option names")
            }
            let values = optionNames.map { name in variant.options.first { $0.name == name }?.value ?? "" }
            if let other = combinations[values] {
                sink.error("variants \"\(other)\" and \"\(variant.sku)\" of \(subject) have the same options (\(values.joined(separator: " / ")))",
                           at: variant.location, hint: "each variant must differ in at least one option value")
            }
            combinations[values] = combinations[values] ?? variant.sku
            if let other = variantSlugs[variant.slug] {
                sink.error("SKUs \"\(other)\" and \"\(variant.sku)\" of \(subject) give the same variant URL \"\(variant.slug)\"", at: variant.location,
                           hint: "variant pages are named after the SKU in lower case; make the SKUs differ in more than case or punctuation")
            }
            variantSlugs[variant.slug] = variant.sku
            // Show options in the first variant's key order.
            var ordered = variant
            ordered.options = optionNames.compactMap { name in variant.options.first { $0.name == name } }
            variants.append(ordered)
        }
        let checkoutIdentity = readCheckoutIdentity(reader)
        if !variantNodes.isEmpty {
            for key in ["shopify_variant_id", "checkout_url"] where reader[key] != nil {
                sink.error("\(subject) has variants, so \"\(key)\" belongs on each variant, not on the product", at: reader.keyLocation(key),
                           hint: "move it into the variant it sells; a checkout sells one variant, and variants never inherit it")
            }
        }
        if reader["variants"] != nil, variantNodes.isEmpty, case .array = reader["variants"]!.value {
            sink.error("\"variants\" of \(subject) is empty", at: reader.location(of: reader["variants"]!),
                       hint: "remove \"variants\" for a product sold as one item, or list at least one variant")
        }
        // (A checkout that takes one currency reports such a product itself, and asks for the store's currency.)
        if !draft, currency != settings.currency, !settings.shipping.isEmpty, settings.checkout?.takesOneCurrency != true {
            sink.warning("\(subject) is priced in \(currency) but the shipping rates of site.json are in \(settings.currency), so its feeds and structured data carry no shipping rates",
                         at: reader.keyLocation("currency"), hint: "price it in \(settings.currency), or set its shipping in Merchant Center and Commerce Manager")
        }
        if !draft, !videos.isEmpty, published == nil, reader["published"] == nil {
            sink.warning("\(subject) has videos but no \"published\" date, so its VideoObject has no uploadDate and Google will not show the video in results",
                         at: reader.keyLocation("videos"), hint: "add the date the product (and its video) came out, e.g. \"published\": \"2026-10-01\"")
        }
        // A draft is in no output, so no feed can reject it yet.
        if !draft, images.isEmpty, variants.allSatisfy({ $0.image == nil }) {
            sink.warning("\(subject) has no images", at: reader.location,
                         hint: "add \"images\": [\"media/…jpg\"]; shopping feeds reject products without an image", rule: .catalogMissingImage)
        }

        guard let handle, Self.isSlug(handle), let title, let price else { return nil }
        let product = Product(
            handle: handle, title: title, brand: reader.string("brand"), mpn: reader.string("mpn"), gtin: gtin, price: price,
            currency: currency, availability: availability, availabilityDate: availabilityDate, condition: condition,
            published: published, collections: Self.unique(collections.filter { Self.isSlug($0) && $0 != "all" }),
            tags: Self.unique(reader.stringArray("tags")), googleProductCategory: googleCategory, images: images, videos: videos,
            variants: variants, optionNames: optionNames, summary: nil, highlights: [], description: nil,
            checkoutIdentity: variants.isEmpty ? checkoutIdentity : CheckoutIdentity(), location: reader.location)
        return LoadedProduct(product: product, draft: draft)
    }

    private func loadVariant(_ node: JSONNode, index: Int, reader product: JSONObjectReader, subject: String, productPrice: Price?,
                             currency: String, availability: Availability, availabilityDate: CalendarDate?) -> Variant? {
        var variantSubject = "variant #\(index + 1) of \(subject)"
        if case .object(let members) = node.value, let skuMember = members.first(where: { $0.key == "sku" }),
           case .string(let sku) = skuMember.value.value {
            variantSubject = "variant \"\(sku)\" of \(subject)"
        }
        guard let reader = JSONObjectReader(node, file: product.file, subject: variantSubject, sink: sink) else { return nil }
        reader.checkKeys(allowed: Self.variantKeys)
        let sku = reader.string("sku", required: true, hint: "the stock-keeping unit code of this variant, unique in the catalog")
        var options: [VariantOption] = []
        if let optionsNode = reader["options"] {
            if let optionsReader = JSONObjectReader(optionsNode, file: product.file, subject: "\"options\" of \(variantSubject)", sink: sink) {
                optionsReader.checkDuplicateKeys()
                for member in optionsReader.members where !member.key.hasPrefix("x-") {
                    guard case .string(let value) = member.value.value, !value.isEmpty else {
                        sink.error("option \"\(member.key)\" of \(variantSubject) must be a non-empty string", at: reader.location(of: member.value))
                        continue
                    }
                    options.append(VariantOption(name: member.key, value: value))
                }
                if options.isEmpty {
                    sink.error("\"options\" of \(variantSubject) is empty", at: reader.location(of: optionsNode),
                               hint: "name what makes this variant different, e.g. \"options\": {\"color\": \"Slate\"}")
                }
            }
        } else {
            reader.reportMissing("options", hint: "name what makes this variant different, e.g. \"options\": {\"color\": \"Slate\"}")
        }
        // price and sale_price are inherited as a pair: a variant that sets price and no sale_price is not on sale.
        let price: Price?
        if reader["price"] != nil {
            price = readPrice(reader, currency: currency, required: true)
        } else if reader["sale_price"] != nil {
            if let regular = productPrice?.regular, let sale = reader.money("sale_price", currency: currency) {
                price = checkedPrice(regular: regular, sale: sale, reader: reader)
            } else {
                price = nil
            }
        } else {
            price = productPrice
        }
        let ownAvailability = reader.enumeration("availability", as: Availability.self)
        let variantAvailability = ownAvailability ?? availability
        // The date is inherited when the variant does not set one (and only means something for
        // pre-orders and backorders). A pre-order date missing on the product is reported there once.
        let ownDate = readAvailabilityDate(reader, availability: variantAvailability,
                                           requireDateForPreorder: ownAvailability == .preorder && availabilityDate == nil)
        let variantDate = ownDate ?? (variantAvailability == .preorder || variantAvailability == .backorder ? availabilityDate : nil)
        let gtin = readGTIN(reader, subject: variantSubject)
        let image = reader.string("image").flatMap { media.reference($0, at: reader.location(of: reader["image"]!), owner: variantSubject, sink: sink) }
        guard let sku, !options.isEmpty, let price else { return nil }
        return Variant(sku: sku, slug: Self.slugify(sku), options: options, price: price, availability: variantAvailability,
                       availabilityDate: variantDate, gtin: gtin, mpn: reader.string("mpn"), image: image,
                       checkoutIdentity: readCheckoutIdentity(reader), location: reader.location)
    }

    /// `shopify_variant_id` (digits, as a string or a whole JSON number) and `checkout_url` (https).
    private func readCheckoutIdentity(_ reader: JSONObjectReader) -> CheckoutIdentity {
        var identity = CheckoutIdentity()
        if let node = reader["shopify_variant_id"] {
            let text: String?
            switch node.value {
            case .number(let digits): text = digits
            case .string(let digits): text = digits.trimmingWhitespace()
            default: text = nil
            }
            if let text, !text.isEmpty, text.utf8.count <= 20, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
                identity.shopifyVariantID = text
            } else {
                sink.error("\"shopify_variant_id\" of \(reader.subject) must be the variant's numeric id, found \(text.map { "\"\($0)\"" } ?? node.typeName)",
                           at: reader.location(of: node),
                           hint: "in Shopify admin open the product, click the variant and copy the number at the end of the address (…/variants/44012345678901)")
            }
        }
        if let url = reader.string("checkout_url") {
            if let problem = Self.problemWithCheckoutURL(url) {
                sink.error("\"checkout_url\" of \(reader.subject) \(problem): \"\(url)\"", at: reader.location(of: reader["checkout_url"]!),
                           hint: "paste the full https:// link the provider gives you, e.g. \"https://buy.stripe.com/…\"")
            } else {
                identity.checkoutURL = url
            }
        }
        return identity
    }

    /// nil when `url` can be a checkout link: an absolute https URL with a host and no spaces.
    static func problemWithCheckoutURL(_ url: String) -> String? {
        guard url.hasPrefix("https://") else { return "must be an https:// address" }
        guard !url.contains(where: \.isWhitespace), let components = URLComponents(string: url), let host = components.host, !host.isEmpty,
              host.contains(".") else { return "is not a valid web address" }
        return nil
    }

    private func readPrice(_ reader: JSONObjectReader, currency: String, required: Bool) -> Price? {
        guard let regular = reader.money("price", currency: currency, required: required) else { return nil }
        guard let sale = reader.money("sale_price", currency: currency) else { return Price(regular: regular, sale: nil) }
        return checkedPrice(regular: regular, sale: sale, reader: reader)
    }

    private func checkedPrice(regular: Money, sale: Money, reader: JSONObjectReader) -> Price? {
        guard sale < regular else {
            sink.error("\"sale_price\" (\(sale.decimalString)) of \(reader.subject) must be below its price (\(regular.decimalString))",
                       at: reader.location(of: reader["sale_price"]!),
                       hint: "lower the sale price, or remove \"sale_price\" when the item is not on sale", rule: .catalogSalePrice)
            return nil
        }
        return Price(regular: regular, sale: sale)
    }

    private func readGTIN(_ reader: JSONObjectReader, subject: String) -> GTIN? {
        guard let node = reader["gtin"] else { return nil }
        if case .number = node.value {
            sink.error("\"gtin\" of \(subject) must be a string", at: reader.location(of: node),
                       hint: "write it in quotes, e.g. \"gtin\": \"0012345678905\", so leading zeros are kept")
            return nil
        }
        guard let text = reader.string("gtin") else { return nil }
        do {
            return try GTIN(text)
        } catch {
            let problem: String
            let hint: String
            switch error {
            case .notDigits:
                problem = "may only hold digits"
                hint = "copy the number under the barcode, without spaces or dashes"
            case .wrongLength(let count):
                problem = "has \(count) digits"
                hint = "a GTIN has 8, 12, 13 or 14 digits (EAN-8, UPC-A, EAN-13, GTIN-14)"
            case .wrongCheckDigit(let expected):
                problem = "has an invalid check digit (the last digit should be \(expected) for these first digits)"
                hint = "check the number against the barcode; a typo in any digit gives this error"
            }
            sink.error("GTIN \"\(text)\" of \(subject) \(problem)", at: reader.location(of: node), hint: hint, rule: .catalogGTIN)
            return nil
        }
    }

    private func readAvailabilityDate(_ reader: JSONObjectReader, availability: Availability, requireDateForPreorder: Bool = true) -> CalendarDate? {
        let date = readDate(reader, "availability_date")
        if availability == .preorder, requireDateForPreorder, date == nil, reader["availability_date"] == nil {
            sink.error("\(reader.subject) is a pre-order but has no \"availability_date\"", at: reader.keyLocation("availability"),
                       hint: "add the date it ships, e.g. \"availability_date\": \"2026-12-15\"")
        }
        if date != nil, availability == .inStock || availability == .outOfStock {
            sink.error("\"availability_date\" of \(reader.subject) is only allowed for \"preorder\" and \"backorder\"",
                       at: reader.keyLocation("availability_date"), hint: "remove it, or set \"availability\" to \"preorder\" or \"backorder\"")
        }
        return date
    }

    private func readDate(_ reader: JSONObjectReader, _ key: String) -> CalendarDate? {
        guard let text = reader.string(key) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            sink.error("\"\(key)\" of \(reader.subject) must be a date written YYYY-MM-DD, found \"\(text)\"", at: reader.location(of: reader[key]!),
                       hint: "e.g. \"2026-10-01\"")
            return nil
        }
        return date
    }

    private func readVideo(_ node: JSONNode, reader product: JSONObjectReader, subject: String) -> ProductVideo? {
        guard let reader = JSONObjectReader(node, file: product.file, subject: "a video of \(subject)", sink: sink) else { return nil }
        reader.checkKeys(allowed: Self.videoKeys)
        guard let urlText = reader.string("url", required: true, hint: "e.g. \"url\": \"media/product.mp4\"") else { return nil }
        guard let url = media.reference(urlText, at: reader.location(of: reader["url"]!), owner: subject, sink: sink) else { return nil }
        let thumbnail = reader.string("thumbnail").flatMap { media.reference($0, at: reader.location(of: reader["thumbnail"]!), owner: subject, sink: sink) }
        return ProductVideo(url: url, thumbnail: thumbnail, durationSeconds: reader.integer("duration_seconds", in: 1...86_400), title: reader.string("title"))
    }

    // MARK: Rules shared with other loaders

    package static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
    }

    /// Lower-case ASCII letters and digits, everything else folded into single hyphens.
    package static func slugify(_ text: String) -> String {
        var slug = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "item" : slug
    }

    package static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}

/// Where each value of a key that must be unique in the catalog was first used, so a clash names both places.
/// A sellable item as messages name it: `variant "SKU"`, or `product "handle"` for a product without variants.
private struct ItemOwner: CustomStringConvertible {
    var isVariant: Bool
    var id: String
    var description: String { isVariant ? "variant \"\(id)\"" : "product \"\(id)\"" }
}

private struct FirstUses {
    private var seen: [String: (location: SourceLocation, owner: ItemOwner)] = [:]

    /// nil when `value` is new (it is now taken by `owner`), otherwise where it was first used.
    mutating func claim(_ value: String, at location: SourceLocation, by owner: ItemOwner) -> (location: SourceLocation, owner: ItemOwner)? {
        if let first = seen[value] { return first }
        seen[value] = (location, owner)
        return nil
    }
}

/// The files of `Content/media/`, to check the catalog's media paths against without touching the disk per path.
struct MediaIndex {
    let files: Set<String>

    func reference(_ path: String, at location: SourceLocation, owner: String, sink: DiagnosticSink) -> MediaReference? {
        let reference = MediaReference(path, location: location)
        if reference.isRemote { return reference }
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            sink.error("media path \"\(path)\" of \(owner) must be relative to Content/ and stay inside it", at: location,
                       hint: "write e.g. \"media/\((path as NSString).lastPathComponent)\"")
            return nil
        }
        guard path.hasPrefix("media/") else {
            sink.error("media path \"\(path)\" of \(owner) is not under media/", at: location,
                       hint: "put images and videos in Content/media/ and write \"media/\((path as NSString).lastPathComponent)\"")
            return nil
        }
        guard files.contains(path) else {
            var hint = "add the file as Content/\(path), or correct the path"
            if let similar = closestMatch(to: path, in: Array(files)) { hint = "did you mean \"\(similar)\"? " + hint }
            sink.error("media file \"\(path)\" of \(owner) does not exist", at: location, hint: hint)
            return nil
        }
        return reference
    }
}
