import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// One entry of the search index: a product or a content page, as Pagefind's custom records take it.
/// Products carry their filter values and sort ranks from the catalog, and what their result card shows
/// (the same picture, price, badge and stock as the collection pages' cards, from the same values).
package struct SearchRecord: Sendable, Equatable {
    /// The page, as a site path (the page adds the base path).
    package var sitePath: String
    /// The words the index finds the page by: the write-up, then title, highlights, brand, options and SKUs.
    package var content: String
    /// `title` and `kind` (`product` or `page`); a product's result card (`SearchCatalog.resultCard`).
    package var meta: [String: String]
    package var filters: [String: [String]]
    package var sort: [String: String]
}

/// What the index knows of the whole catalog, computed once per plan: the facets, each product's filter
/// values, and the sort ranks.
package struct SearchCatalog: Sendable {
    package let facets: SearchFacets
    /// `facets.filters(of:)` of each product, in `Site.products` order.
    package let productFilters: [[String: [String]]]
    /// Sort keys and each product's rank under them: `newest` (the all-products order), `price` (lowest
    /// price, then handle), and `title` when a collection is sorted by title. Ranks rather than the values
    /// themselves, so the order equals the listing pages' exactly, ties included.
    package let ranks: [String: [Int]]
    /// The filter panel of each collection (by slug) and of the whole catalog (""), made once: a listing
    /// of many pages shows the same panel on each.
    package let panels: [String: [TemplateFields]]
    /// The counts those panels show, kept so that an edit of a few products updates them by those products alone.
    private let panelCounts: [String: SearchFacets.Counts]
    /// The words of the catalog's titles, brands, option values and collection names, most used first:
    /// the search page corrects a misspelt word against them, which Pagefind itself does not do.
    package let vocabulary: [String]

    /// The sort key and direction that give a collection sorted by `sort` its own order.
    package static func sortKey(for sort: CollectionSort) -> (key: String, direction: String) {
        switch sort {
        case .newest: ("newest", "asc")
        case .title: ("title", "asc")
        case .priceAscending: ("price", "asc")
        case .priceDescending: ("price", "desc")
        }
    }

    package init(site: Site, words: ShopWords, productsByNewest: [Int]) {
        let facets = SearchFacets(site: site, words: words)
        self.facets = facets
        productFilters = site.products.map { facets.filters(of: $0) }
        var sorted: [String: [Int]] = ["newest": Self.ranks(productsByNewest)]
        sorted["price"] = Self.priceRanks(site)
        if site.collections.contains(where: { $0.sort == .title }) { sorted["title"] = Self.titleRanks(site) }
        self.ranks = sorted
        panelCounts = Self.panelCounts(site, filters: productFilters)
        panels = Self.panels(site, facets: facets, counts: panelCounts, only: nil)
        vocabulary = Self.vocabulary(of: site)
    }

    /// The catalog after an edit that changed only the data of the products `changed` (`StorefrontContext.init(updating:)`):
    /// their filter values again, and the ranks, panels and vocabulary again only when the values they come from changed.
    init(updating previous: SearchCatalog, of old: Site, to site: Site, changed: Set<Int>, words: ShopWords) {
        // The facets come from the products' values (and collections, which such an edit leaves alone).
        let reusedFacets = changed.allSatisfy { previous.facets.stillHold(after: old.products[$0], became: site.products[$0]) }
        facets = reusedFacets ? previous.facets : SearchFacets(site: site, words: words)
        var filters = previous.productFilters
        for index in changed { filters[index] = facets.filters(of: site.products[index]) }
        productFilters = filters
        let (new, was) = (site.products, old.products)
        var ranks = previous.ranks
        if changed.contains(where: { new[$0].lowestPrice != was[$0].lowestPrice }) { ranks["price"] = Self.priceRanks(site) }
        if ranks["title"] != nil, changed.contains(where: { new[$0].title != was[$0].title }) { ranks["title"] = Self.titleRanks(site) }
        self.ranks = ranks
        let refiled = changed.filter { filters[$0] != previous.productFilters[$0] }
        if refiled.isEmpty, facets.hasSameValues(as: previous.facets) {
            (panelCounts, panels) = (previous.panelCounts, previous.panels)
        } else if reusedFacets {
            // Same facets (so the same labels): only the listings the refiled products are in change, by their values alone.
            var counts = previous.panelCounts
            var touched: Set<String> = []
            for index in refiled {
                let listings = [""] + site.collections.filter { $0.productIndexes.contains(index) }.map(\.slug)
                for slug in listings {
                    SearchFacets.add(previous.productFilters[index], to: &counts[slug, default: [:]], sign: -1)
                    SearchFacets.add(filters[index], to: &counts[slug, default: [:]], sign: 1)
                    touched.insert(slug)
                }
            }
            panelCounts = counts
            panels = previous.panels.merging(Self.panels(site, facets: facets, counts: counts, only: touched)) { $1 }
        } else {
            panelCounts = Self.panelCounts(site, filters: filters)
            panels = Self.panels(site, facets: facets, counts: panelCounts, only: nil)
        }
        func spelled(_ product: Product) -> [String] {
            [product.title, product.brand ?? ""] + product.variants.flatMap { $0.options.map(\.value) }
        }
        vocabulary = changed.allSatisfy({ spelled(new[$0]) == spelled(was[$0]) }) ? previous.vocabulary : Self.vocabulary(of: site)
    }

    private static func ranks(_ order: [Int]) -> [Int] {
        var ranks = [Int](repeating: 0, count: order.count)
        for (rank, index) in order.enumerated() { ranks[index] = rank }
        return ranks
    }

    private static func priceRanks(_ site: Site) -> [Int] {
        let keys = site.products.map(\.lowestPrice)
        return ranks(site.products.indices.sorted { (keys[$0], site.products[$0].handle) < (keys[$1], site.products[$1].handle) })
    }

    private static func titleRanks(_ site: Site) -> [Int] {
        let products = site.products
        return ranks(products.indices.sorted {
            let order = products[$0].title.compare(products[$1].title, options: [.caseInsensitive, .numeric], range: nil, locale: nil)
            return order == .orderedSame ? products[$0].handle < products[$1].handle : order == .orderedAscending
        })
    }

    private static func panelCounts(_ site: Site, filters: [[String: [String]]]) -> [String: SearchFacets.Counts] {
        var counts = ["": SearchFacets.counts(of: Array(site.products.indices), filters: filters)]
        for collection in site.collections { counts[collection.slug] = SearchFacets.counts(of: collection.productIndexes, filters: filters) }
        return counts
    }

    /// The panels of the listings `only` names (every listing when nil): "" for the whole catalog, else a collection's slug.
    private static func panels(_ site: Site, facets: SearchFacets, counts: [String: SearchFacets.Counts], only: Set<String>?) -> [String: [TemplateFields]] {
        var panels: [String: [TemplateFields]] = [:]
        if only?.contains("") ?? true {
            panels[""] = facets.panel(counts: counts[""] ?? [:], productCount: site.products.count, inCollection: false)
        }
        for collection in site.collections where only?.contains(collection.slug) ?? true {
            panels[collection.slug] = facets.panel(counts: counts[collection.slug] ?? [:], productCount: collection.productIndexes.count, inCollection: true)
        }
        return panels
    }

    private static func vocabulary(of site: Site) -> [String] {
        var counts: [String: Int] = [:]
        func add(_ text: String) {
            for word in text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }) where word.count >= 3 {
                counts[String(word), default: 0] += 1
            }
        }
        for product in site.products {
            add(product.title)
            if let brand = product.brand { add(brand) }
            for variant in product.variants { for option in variant.options { add(option.value) } }
        }
        for collection in site.collections { add(collection.title) }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// `/search/words.json`: the vocabulary as a JSON array.
    package var vocabularyFile: OutputFile {
        let json = JSONValue.array(vocabulary.map { JSONValue.string($0) }).serialized()
        return OutputFile(path: SiteLinks.outputFile(for: SiteLinks.searchVocabulary), bytes: Array(json.utf8) + [UInt8(ascii: "\n")])
    }

    /// The first `words` words of `text`.
    static func opening(_ text: String, words: Int) -> Substring {
        guard words > 0 else { return "" }
        var count = 0
        var inWord = false
        for index in text.indices {
            if text[index].isWhitespace {
                if inWord { count += 1; if count == words { return text[..<index] } }
                inWord = false
            } else {
                inWord = true
            }
        }
        return text[...]
    }

    func record(product index: Int, of site: Site, description: String, card: [String: String]) -> SearchRecord {
        let product = site.products[index]
        var words = [product.title]
        words += product.highlights
        if let brand = product.brand { words.append(brand) }
        var seen: Set<String> = []
        for variant in product.variants { for option in variant.options where seen.insert(option.value).inserted { words.append(option.value) } }
        words += product.sellableItems.map(\.id)
        if let mpn = product.mpn { words.append(mpn) }
        // The write-up's opening, where a product's name, material and purpose are: Pagefind's work and a
        // result's download (its fragment holds the indexed text) grow with every word.
        words.insert(String(Self.opening(description, words: site.settings.searchWriteUpWords)), at: 0)
        return SearchRecord(sitePath: SiteLinks.product(product.handle), content: words.joined(separator: "\n"),
                            meta: card.merging(["kind": "product"]) { $1 },
                            filters: productFilters[index], sort: ranks.mapValues { String($0[index]) })
    }

    /// What a result card shows, as Pagefind metadata. Pagefind 1.5 makes every metadata value searchable,
    /// so only words a shopper could mean go in as words (title, brand, prices, the badge); states are keys
    /// with empty values, and the picture is one token no search can match (`pictureToken`).
    package static func resultCard(title: String, brand: String?, price: TemplateFields, from: Bool, onSale: Bool,
                                   availability: Availability, availabilityLabel: String, badge: String?, picture: (url: String, width: Int, height: Int)?) -> [String: String] {
        var meta = ["title": title, "availability_" + availability.rawValue: ""]
        if let brand { meta["brand"] = brand }
        if case .string(let current)? = price["current"]?.templateValue { meta["price"] = current }
        if onSale, case .string(let regular)? = price["regular"]?.templateValue { meta["price_regular"] = regular }
        if from { meta["from"] = "" }
        if let badge { meta["badge"] = badge }
        if availability != .inStock { meta["availability"] = availabilityLabel }
        if let picture { meta["picture"] = pictureToken(picture.url, width: picture.width, height: picture.height) }
        return meta
    }

    /// `"<url> <width> <height>"` with every byte but letters and digits written `_xx` (hex): a single word
    /// that starts with "_", which no shopper's query begins with (search.js decodes it).
    static func pictureToken(_ url: String, width: Int, height: Int) -> String {
        var token = ""
        for byte in "\(url) \(width) \(height)".utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                token.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                token += "_" + String(byte, radix: 16, uppercase: false).leftPadded(to: 2)
            }
        }
        return token
    }

    static func record(page: Page, plainText: String) -> SearchRecord {
        SearchRecord(sitePath: SiteLinks.page(page.slug), content: page.title + "\n" + plainText,
                     meta: ["title": page.title, "kind": "page"], filters: [:], sort: [:])
    }
}

/// Where the page renderers put each product's and content page's record (positions: products in
/// `Site.products` order, then `Site.pages`).
package protocol SearchRecordSink: Sendable {
    func put(_ record: SearchRecord?, at position: Int)
}

/// Keeps the records of the pages rendered, by position (the preview re-renders a few pages and keeps
/// the records of the rest).
package final class SearchRecordCollector: SearchRecordSink, @unchecked Sendable {
    private let lock = NSLock()
    private var records: [Int: SearchRecord] = [:]

    package init() {}

    package func put(_ record: SearchRecord?, at position: Int) {
        lock.withLock { records[position] = record }
    }

    package var collected: [Int: SearchRecord] { lock.withLock { records } }
}

/// Hands the records to the index in one fixed order (products, then content pages) while pages render
/// in parallel, so the index is the same from build to build; holds only those that arrive early.
package final class SearchRecordStream: SearchRecordSink, @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Int: SearchRecord?] = [:]
    private var next = 0
    private let count: Int
    private let deliver: @Sendable ([SearchRecord]) -> Void
    private let completed: @Sendable () -> Void

    /// `count` positions: one per product, then one per content page. `deliver` gets the records in
    /// order, a run at a time, on the thread of whoever completed the run; `completed` is called once,
    /// after the run that fills the last position.
    package init(count: Int, deliver: @escaping @Sendable ([SearchRecord]) -> Void, completed: @escaping @Sendable () -> Void = {}) {
        self.count = count
        self.deliver = deliver
        self.completed = completed
    }

    /// `nil`: the position has no record (a page that is not indexed).
    package func put(_ record: SearchRecord?, at position: Int) {
        lock.withLock {
            waiting[position] = .some(record)
            let first = next
            var run: [SearchRecord] = []
            while let entry = waiting.removeValue(forKey: next) {
                if let entry { run.append(entry) }
                next += 1
            }
            // Delivered under the lock: another run must not overtake this one.
            if !run.isEmpty { deliver(run) }
            if first < count && next == count { completed() }
        }
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
