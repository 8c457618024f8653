import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// What a shopper can narrow a listing by (README › Search and filters), taken from the catalog: stock,
/// sale, price band, brand, collection and every option name the products use. The same values go into
/// the search index (`SearchRecords`) and into the filter panel of the pages, so the two cannot disagree.
///
/// Each product is filed under a filter key and value: `color` = `Moss` for every variant colour,
/// `color.in-stock` = `Moss` for the colours of its in-stock variants. With "in stock" chosen, the page
/// filters the `.in-stock` keys, so "Moss, in stock" finds products whose Moss variant is in stock, not
/// products that have a Moss variant and some other variant in stock.
package struct SearchFacets: Sendable {
    package enum Kind: Sendable, Equatable {
        case availability, sale, price, brand, collection
        case option(name: String)
    }

    /// One group of the panel: its URL and index key, its heading, and its values in display order.
    package struct Facet: Sendable {
        package var key: String
        package var kind: Kind
        package var label: String
        package var values: [(value: String, label: String)]
    }

    static let inStockValue = "in-stock"
    static let onSaleValue = "on-sale"
    /// The key under which a product's option values of its in-stock variants are filed.
    package static func inStockKey(_ key: String) -> String { key + "." + inStockValue }
    /// Keys the page's URL uses for other things, or for the fixed facets.
    static let reservedKeys: Set<String> = ["q", "sort", "page", "availability", "sale", "price", "brand", "collection"]

    /// The band edges prices are grouped by, in the currency's major units; a store uses those inside its own range.
    static let bandEdges: [Int64] = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000]

    package let facets: [Facet]
    /// Each option name's key (`Color` → `color`).
    package let optionKeys: [String: String]
    /// The band edges this store uses, in minor units.
    let edges: [Int64]
    /// The lowest and highest price of any item, in minor units: the price bands depend on them.
    private let lowestPrice: Int64
    private let highestPrice: Int64
    private let currency: String

    package init(site: Site, words: ShopWords) {
        let currency = site.settings.currency
        self.currency = currency
        let products = site.products
        var optionKeys: [String: String] = [:]
        var optionOrder: [String] = []
        var optionValues: [String: [String]] = [:]
        var seenValues: [String: Set<String>] = [:]
        var brands: Set<String> = []
        var prices: [Int64] = []
        for product in products {
            if let brand = product.brand { brands.insert(brand) }
            for price in product.itemPrices { prices.append(price.current.minorUnits) }
            for variant in product.variants {
                for option in variant.options {
                    if optionKeys[option.name] == nil {
                        var key = CatalogLoader.slugify(option.name)
                        if key.isEmpty || Self.reservedKeys.contains(key) || optionKeys.values.contains(key) { key = "option-" + key }
                        while optionKeys.values.contains(key) { key += "-" }
                        optionKeys[option.name] = key
                        optionOrder.append(option.name)
                    }
                    if seenValues[option.name, default: []].insert(option.value).inserted { optionValues[option.name, default: []].append(option.value) }
                }
            }
        }
        self.optionKeys = optionKeys
        let scale = Self.majorUnitScale(site.settings.currency)
        let (low, high) = (prices.min() ?? 0, prices.max() ?? 0)
        (lowestPrice, highestPrice) = (low, high)
        edges = Self.bandEdges.map { $0 * scale }.filter { $0 > low && $0 <= high }

        var groups: [Facet] = [
            Facet(key: "availability", kind: .availability, label: words[.filterAvailability], values: [(Self.inStockValue, words[.filterInStock])]),
        ]
        groups.append(Facet(key: "price", kind: .price, label: words[.filterPrice], values: Self.bands(edges, scale: scale).map { band in
            let label: String
            switch (band.low, band.high) {
            case (nil, let high?): label = words[.priceBandUnder, ["price": words.money(Money(minorUnits: high, currency: currency))]]
            case (let low?, nil): label = words[.priceBandOver, ["price": words.money(Money(minorUnits: low, currency: currency))]]
            case (let low?, let high?): label = words[.priceBandBetween, ["low": words.money(Money(minorUnits: low, currency: currency)),
                                                                          "high": words.money(Money(minorUnits: high, currency: currency))]]
            default: label = ""
            }
            return (band.key, label)
        }))
        for name in optionOrder {
            groups.append(Facet(key: optionKeys[name]!, kind: .option(name: name), label: name, values: optionValues[name, default: []].map { ($0, $0) }))
        }
        groups.append(Facet(key: "brand", kind: .brand, label: words[.filterBrand], values: brands.sorted().map { ($0, $0) }))
        groups.append(Facet(key: "collection", kind: .collection, label: words[.filterCollection],
                            values: site.collections.filter { !$0.productIndexes.isEmpty }.map { ($0.slug, $0.title) }))
        groups.append(Facet(key: "sale", kind: .sale, label: words[.filterSale], values: [(Self.onSaleValue, words[.filterOnSale])]))
        facets = groups
    }

    /// Whether these facets are still the store's after one product changed from `was` to `now`: it has
    /// the same brand and option values as before (so the values and their order of first use are the
    /// same), and every price it had and has lies strictly inside the store's range (so neither end of the
    /// range, which the price bands come from, moved). Otherwise they must be made again from every product.
    package func stillHold(after was: Product, became now: Product) -> Bool {
        guard was.brand == now.brand, was.variants.map(\.options) == now.variants.map(\.options) else { return false }
        return (was.itemPrices + now.itemPrices).allSatisfy { $0.current.minorUnits > lowestPrice && $0.current.minorUnits < highestPrice }
    }

    /// The same groups with the same values (labels follow from them).
    package func hasSameValues(as other: SearchFacets) -> Bool {
        facets.count == other.facets.count && zip(facets, other.facets).allSatisfy { $0.key == $1.key && $0.values.map(\.value) == $1.values.map(\.value) }
    }

    /// The bands between `edges`: "under the first", each pair, "the last and up"; keyed `0-25`, `25-50`, `500-`.
    private static func bands(_ edges: [Int64], scale: Int64) -> [(key: String, low: Int64?, high: Int64?)] {
        guard let first = edges.first, let last = edges.last else { return [] }
        var bands: [(key: String, low: Int64?, high: Int64?)] = [("0-\(first / scale)", nil, first)]
        for (low, high) in zip(edges, edges.dropFirst()) { bands.append(("\(low / scale)-\(high / scale)", low, high)) }
        bands.append(("\(last / scale)-", last, nil))
        return bands
    }

    private static func majorUnitScale(_ currency: String) -> Int64 {
        var scale: Int64 = 1
        for _ in 0..<Currency.minorDigits(currency) { scale *= 10 }
        return scale
    }

    /// The band key of a price: the band holds prices from its low edge up to, not including, its high edge.
    func band(of price: Money) -> String? {
        guard !edges.isEmpty else { return nil }
        let scale = Self.majorUnitScale(currency)
        guard let upper = edges.firstIndex(where: { price.minorUnits < $0 }) else { return "\(edges.last! / scale)-" }
        return upper == 0 ? "0-\(edges[0] / scale)" : "\(edges[upper - 1] / scale)-\(edges[upper] / scale)"
    }

    /// Every filter key and value `product` is filed under.
    package func filters(of product: Product) -> [String: [String]] {
        var filters: [String: [String]] = [:]
        func add(_ key: String, _ value: String) {
            if !filters[key, default: []].contains(value) { filters[key, default: []].append(value) }
        }
        let prices = product.itemPrices
        let inStock = product.hasVariants ? product.variants.contains { $0.availability == .inStock } : product.availability == .inStock
        if inStock { add("availability", Self.inStockValue) }
        if prices.contains(where: \.isOnSale) { add("sale", Self.onSaleValue) }
        for price in prices { if let band = band(of: price.current) { add("price", band) } }
        if let brand = product.brand { add("brand", brand) }
        for slug in product.collections { add("collection", slug) }
        for variant in product.variants {
            for option in variant.options {
                guard let key = optionKeys[option.name] else { continue }
                add(key, option.value)
                if variant.availability == .inStock { add(Self.inStockKey(key), option.value) }
            }
        }
        return filters
    }

    /// How many products of a listing have each filter value: key → value → count.
    package typealias Counts = [String: [String: Int]]

    /// The counts of a listing of `products`, by their filter values.
    static func counts(of products: [Int], filters productFilters: [[String: [String]]]) -> Counts {
        var counts: Counts = [:]
        for index in products { add(productFilters[index], to: &counts, sign: 1) }
        return counts
    }

    /// `counts` with one product's filter values added (`sign` 1) or taken away (-1).
    static func add(_ filters: [String: [String]], to counts: inout Counts, sign: Int) {
        for (key, values) in filters {
            for value in values { counts[key, default: [:]][value, default: 0] += sign }
        }
    }

    /// The panel for a listing of `productCount` products with these `counts` (a collection's, or every
    /// product's for the search page): each facet with the values those products have and how many have
    /// each, left out when it cannot narrow anything (one value that every product shares, or none).
    /// `collection` is left out of a collection's own page.
    func panel(counts: Counts, productCount: Int, inCollection: Bool) -> [TemplateFields] {
        var panel: [TemplateFields] = []
        for facet in facets {
            if inCollection && facet.kind == .collection { continue }
            let present = facet.values.filter { (counts[facet.key]?[$0.value] ?? 0) > 0 }
            guard !present.isEmpty else { continue }
            if present.count == 1, counts[facet.key]?[present[0].value] == productCount, facet.kind != .availability, facet.kind != .sale { continue }
            if (facet.kind == .availability || facet.kind == .sale), counts[facet.key]?[present[0].value] == productCount { continue }
            var group: TemplateFields = ["key": facet.key, "label": facet.label]
            group["values"] = present.map { value -> TemplateFields in
                ["value": value.value, "label": value.label, "count": counts[facet.key]?[value.value] ?? 0]
            }
            if case .option = facet.kind { group["is_option"] = true; group["in_stock_key"] = Self.inStockKey(facet.key) }
            panel.append(group)
        }
        return panel
    }
}
