import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Turns the `Site` model into the values templates receive (see docs/theme-context.md). Pure: no disk.
package struct StorefrontContext: Sendable {
    let site: Site
    let links: SiteLinks
    let shared: SharedContext
    /// The store's language: the theme's strings for it and its money, date and plural rules.
    package let words: ShopWords
    /// The theme with this language's strings written into its templates (see `Theme.withWords`).
    let localizedTheme: Theme
    /// Collections in the header and on the home page.
    let featuredCollections: [Int]
    /// For each product, its position in each of its collections (for "related products").
    private let positions: [[String: Int]]
    private let collectionIndexBySlug: [String: Int]
    /// Products sharing each tag (in handle order) and each product's position there, for related products.
    private let tagMembers: [String: [Int]]
    private let tagPositions: [[String: Int]]
    /// Each product's place in handle order: related products that tie are ordered by handle, and
    /// comparing these beats comparing the handles.
    private let handleRanks: [Int]
    /// Products newest first, computed once.
    package let productsByNewest: [Int]
    /// Plans each product's video listing when the theme has a storyboard.
    let listings: ListingPlanner?
    /// The shared `nav`, which collection pages copy to mark their collection as the current one.
    private let sharedNavigation: TemplateFields
    /// Each product's card, built once: related products and listing pages show each card many times.
    private let cards: [TemplateValue]
    /// The policy every page declares (`page.content_security_policy`).
    let contentSecurityPolicy: String
    /// Video listings the build rendered (a product page offers the rendered file).
    let videos: RenderedVideos
    /// The images step's renditions (every `<img>` gets its sizes and `srcset` from them).
    let images: RenderedImages
    /// Facets, filter values and sort ranks, when the store has search (`Self.hasSearch`).
    package let search: SearchCatalog?

    /// Search is on unless site.json turns it off, and the theme has the page that shows results.
    package static func hasSearch(site: Site, theme: Theme) -> Bool { site.settings.search && theme.hasTemplate(PageKind.search.template) }

    package init(site: Site, theme: Theme, videos: RenderedVideos = RenderedVideos(), images: RenderedImages = RenderedImages()) {
        self.site = site
        self.videos = videos
        self.images = images
        let links = SiteLinks(settings: site.settings)
        self.links = links
        let words = ShopWords(theme: theme, settings: site.settings)
        self.words = words
        localizedTheme = theme.withWords(Dictionary(uniqueKeysWithValues: words.templateStringValues(settings: site.settings).map { ($0.key, $0.html) }))
        var collectionIndexBySlug: [String: Int] = [:]
        for (index, collection) in site.collections.enumerated() { collectionIndexBySlug[collection.slug] = index }
        self.collectionIndexBySlug = collectionIndexBySlug
        var positions = [[String: Int]](repeating: [:], count: site.products.count)
        for collection in site.collections {
            for (position, productIndex) in collection.productIndexes.enumerated() { positions[productIndex][collection.slug] = position }
        }
        self.positions = positions
        var tagMembers: [String: [Int]] = [:]
        var tagPositions = [[String: Int]](repeating: [:], count: site.products.count)
        for (index, product) in site.products.enumerated() {
            for tag in product.tags {
                tagPositions[index][tag] = tagMembers[tag, default: []].count
                tagMembers[tag, default: []].append(index)
            }
        }
        self.tagMembers = tagMembers
        self.tagPositions = tagPositions
        var handleRanks = [Int](repeating: 0, count: site.products.count)
        for (rank, index) in site.products.indices.sorted(by: { site.products[$0].handle < site.products[$1].handle }).enumerated() { handleRanks[index] = rank }
        self.handleRanks = handleRanks
        productsByNewest = site.productsByNewest
        listings = theme.storyboard.map { ListingPlanner(settings: site.settings, storyboard: $0, themeAssets: theme.assets, words: words) }
        let described = site.collections.indices.filter { site.collections[$0].location != nil && !site.collections[$0].productIndexes.isEmpty }
        featuredCollections = described.isEmpty
            ? Array(site.collections.indices.sorted { site.collections[$0].productIndexes.count > site.collections[$1].productIndexes.count }.prefix(6))
            : Array(described.prefix(8))
        search = Self.hasSearch(site: site, theme: theme) ? SearchCatalog(site: site, words: words, productsByNewest: productsByNewest) : nil
        var sharedFields = Self.sharedValues(site: site, links: links, images: images, theme: theme, words: words, featured: featuredCollections)
        if search != nil {
            sharedFields.all["search"] = ["url": links.href(SiteLinks.search), "bundle_url": links.href("/" + SiteLinks.searchFolder + "/"),
                                          "words_url": links.href(SiteLinks.searchVocabulary),
                                          "base_path": links.basePath + "/"] as TemplateFields
        }
        sharedNavigation = sharedFields.navigation
        shared = SharedContext(sharedFields.all)
        cards = concurrentMap(Array(site.products.indices)) { Self.card(site.products[$0], links: links, images: images, words: words).templateValue }
        contentSecurityPolicy = ContentSecurityPolicy.policy(for: site.settings)
    }

    /// The context of `site` after an edit that changed only the data of the products `changed` (same
    /// handles, collections, tags and dates), the text of pages and the descriptions of collections, with
    /// the same settings, theme, videos and pictures (`BuildPlan.replanned` checks that): the changed
    /// products' cards and search values are made again, everything else is `previous`'s.
    package init(updating previous: StorefrontContext, to site: Site, changed: Set<Int>) {
        self.site = site
        (links, shared, words, localizedTheme, featuredCollections) = (previous.links, previous.shared, previous.words, previous.localizedTheme, previous.featuredCollections)
        (positions, collectionIndexBySlug, tagMembers, tagPositions) = (previous.positions, previous.collectionIndexBySlug, previous.tagMembers, previous.tagPositions)
        (handleRanks, productsByNewest, listings, sharedNavigation) = (previous.handleRanks, previous.productsByNewest, previous.listings, previous.sharedNavigation)
        (contentSecurityPolicy, videos, images) = (previous.contentSecurityPolicy, previous.videos, previous.images)
        var cards = previous.cards
        for index in changed { cards[index] = Self.card(site.products[index], links: links, images: images, words: words).templateValue }
        self.cards = cards
        search = previous.search.map { SearchCatalog(updating: $0, of: previous.site, to: site, changed: changed, words: previous.words) }
    }

    // MARK: Shared values

    private static func sharedValues(site: Site, links: SiteLinks, images: RenderedImages, theme: Theme, words: ShopWords, featured: [Int]) -> (all: TemplateFields, navigation: TemplateFields) {
        let settings = site.settings
        var siteValues: TemplateFields = ["name": settings.name, "url": settings.url, "language": settings.language, "currency": settings.currency]
        if let description = settings.description { siteValues["description"] = description }
        if let logo = settings.logo { siteValues["logo"] = image(logo, alt: settings.name, links: links, images: images) }

        let seller = settings.seller
        var sellerValues: TemplateFields = [:]
        if let legalName = seller.legalName { sellerValues["legal_name"] = legalName }
        if let email = seller.email { sellerValues["email"] = email }
        if let phone = seller.phone {
            sellerValues["phone"] = phone
            sellerValues["phone_href"] = "tel:" + phone.filter { $0.isNumber || $0 == "+" }
        }
        if let address = seller.address {
            var addressValues: TemplateFields = ["street": address.street, "city": address.city, "postal_code": address.postalCode,
                                                "country": address.country, "country_name": words.country(address.country)]
            if let region = address.region { addressValues["region"] = region }
            sellerValues["address"] = addressValues
            let cityLine = words.locale.cityLine(city: address.city, region: address.region, postalCode: address.postalCode)
            sellerValues["address_lines"] = [address.street, cityLine, words.country(address.country)]
            sellerValues["has_address"] = true
        }
        sellerValues["has_identity"] = seller.legalName != nil || seller.address != nil || seller.email != nil

        var policies: TemplateFields = [:]
        if let returns = settings.returns {
            var values: TemplateFields = ["days": returns.days, "accepts_returns": returns.days > 0, "free": returns.fees == .free && returns.days > 0]
            values["summary"] = returnsSummary(returns, words: words)
            values["method_label"] = returnMethodLabel(returns.method, words: words)
            policies["returns"] = values
        }
        policies["shipping"] = settings.shipping.map { rate -> TemplateFields in
            let free = rate.price.minorUnits == 0
            let days = rate.minDays == rate.maxDays ? "\(rate.maxDays)" : "\(rate.minDays)–\(rate.maxDays)"
            let price = free ? words[.shippingPriceFree] : words.money(rate.price)
            return ["country": rate.country, "country_name": words.country(rate.country), "service": rate.service,
                    "price": price, "free": free, "min_days": rate.minDays, "max_days": rate.maxDays,
                    "summary": words[.shippingRateSummary, ["price": price, "days": days]]]
        }
        policies["has_shipping"] = !settings.shipping.isEmpty
        if let free = settings.shipping.first(where: { $0.price.minorUnits == 0 }) {
            // A country some languages name differently in a sentence ("the United States") has its own key.
            policies["shipping_summary"] = words.translation.html(ShopWord.shippingFreeIn.rawValue + "_" + free.country) != nil
                ? words.translation.text(ShopWord.shippingFreeIn.rawValue + "_" + free.country)
                : words[.shippingFreeIn, ["country": words.country(free.country)]]
        } else if let cheapest = settings.shipping.min(by: { $0.price < $1.price }) {
            policies["shipping_summary"] = words[.shippingFrom, ["price": words.money(cheapest.price)]]
        }

        let social = settings.social.map { social -> TemplateFields in ["network": social.network, "label": Formatting.networkLabel(social.network), "url": social.url] }
        var pageLinks: [TemplateFields] = site.pages.filter { $0.slug != SiteLinks.contactSlug }.map { page -> TemplateFields in ["title": page.title, "url": links.href(SiteLinks.page(page.slug))] }
        pageLinks.append(["title": site.pages.first { $0.slug == SiteLinks.contactSlug }?.title ?? words[.contactTitle], "url": links.href(SiteLinks.contact)])
        let nav: TemplateFields = [
            "collections": navigationCollections(site: site, links: links, featured: featured, current: nil),
            "pages": pageLinks,
            "all_products_url": links.href(SiteLinks.allProducts),
            "contact_url": links.href(SiteLinks.contact),
            "home_url": links.href(SiteLinks.home),
        ]
        var assets: TemplateFields = [:]
        for asset in theme.assets { assets[Theme.assetKey(asset.relativePath)] = links.href("/" + asset.outputPath) }
        let feeds: TemplateFields = ["atom": links.href(SiteLinks.newArrivalsAtom), "json": links.href(SiteLinks.newArrivalsJSON),
                                     "google_merchant": links.href(SiteLinks.compressed(SiteLinks.googleMerchantFeed)),
                                     "meta_catalog": links.href(SiteLinks.compressed(SiteLinks.metaCatalogFeed))]
        var all: TemplateFields = ["site": siteValues, "seller": sellerValues, "policies": policies, "social": social, "nav": nav, "assets": assets,
                                   "generator": "Showroom", "feeds": feeds, "t": words.templateStrings(settings: settings)]
        if let checkout = CheckoutValues.shared(settings.checkout, settings: settings, links: links) { all["checkout"] = checkout }
        return (all, nav)
    }

    static func returnsSummary(_ returns: ReturnPolicy, words: ShopWords) -> String {
        guard returns.days > 0 else { return words[.returnsFinal] }
        let days = ["days": String(returns.days)]
        switch returns.fees {
        case .free: return words.plural(.returnsFree, count: returns.days, days)
        case .customerPays: return words.plural(.returnsBuyerPays, count: returns.days, days)
        case .restockingFee:
            guard let fee = returns.restockingFee else { return words.plural(.returnsWithin, count: returns.days, days) }
            return words.plural(.returnsRestockingFee, count: returns.days, ["days": String(returns.days), "fee": words.money(fee)])
        }
    }

    static func returnMethodLabel(_ method: ReturnPolicy.Method, words: ShopWords) -> String {
        switch method {
        case .byMail: words[.returnMethodByMail]
        case .inStore: words[.returnMethodInStore]
        case .atKiosk: words[.returnMethodAtKiosk]
        }
    }

    /// The shared navigation with the given collection marked as the current one.
    func navigation(current slug: String) -> TemplateFields {
        var nav = sharedNavigation
        nav["collections"] = Self.navigationCollections(site: site, links: links, featured: featuredCollections, current: slug)
        return nav
    }

    private static func navigationCollections(site: Site, links: SiteLinks, featured: [Int], current: String?) -> [TemplateFields] {
        featured.map { index in
            let collection = site.collections[index]
            return ["title": collection.title, "url": links.href(SiteLinks.collection(collection.slug)), "current": collection.slug == current]
        }
    }

    // MARK: Shapes

    func price(_ price: Price, from: Bool = false) -> TemplateFields { Self.price(price, from: from, words: words) }

    static func price(_ price: Price, from: Bool = false, words: ShopWords) -> TemplateFields {
        var values: TemplateFields = ["current": words.money(price.current), "on_sale": price.isOnSale, "from": from,
                                     "amount": price.current.decimalString, "currency": price.current.currency]
        if let sale = price.sale {
            values["regular"] = words.money(price.regular)
            let saved = Money(minorUnits: price.regular.minorUnits - sale.minorUnits, currency: sale.currency)
            values["savings"] = words.money(saved)
            values["savings_percent"] = words.locale.percent(Int((Double(saved.minorUnits) * 100 / Double(price.regular.minorUnits)).rounded()))
        }
        return values
    }

    func availability(_ availability: Availability, date: CalendarDate?) -> TemplateFields { Self.availability(availability, date: date, words: words) }

    static func availability(_ availability: Availability, date: CalendarDate?, words: ShopWords) -> TemplateFields {
        var values: TemplateFields = ["code": availability.rawValue, "label": words.label(availability),
                                     "in_stock": availability == .inStock, "out_of_stock": availability == .outOfStock,
                                     "preorder": availability == .preorder, "backorder": availability == .backorder]
        if let date { values["date"] = words.date(date) }
        return values
    }

    func image(_ media: MediaReference, alt: String) -> TemplateFields { Self.image(media, alt: alt, links: links, images: images) }

    /// A picture as templates get it (docs/theme-context.md › Images): `url`, `width` and `height` of the
    /// fallback rendition the `src` names, the fallback's `srcset`, and a `sources` entry per modern
    /// format for `<picture>`. A remote picture, of which nothing is known, has only `url` and `alt`.
    static func image(_ media: MediaReference, alt: String, links: SiteLinks, images: RenderedImages) -> TemplateFields {
        var values: TemplateFields = ["url": links.href(media), "alt": alt]
        guard let processed = images.processed(media) else { return values }
        guard let source = processed.fallback(), let fallback = processed.fallbackFormat else {
            // Served as it is (SVG, GIF): its own size.
            values["width"] = processed.width
            values["height"] = processed.height
            return values
        }
        values["url"] = links.href(source.sitePath)
        values["width"] = source.width
        values["height"] = source.height
        values["srcset"] = processed.srcset(fallback, links: links)
        values["sources"] = processed.preferredFormats.map { format -> TemplateFields in
            ["type": format.mediaType, "srcset": processed.srcset(format, links: links)]
        }
        // A slot a few dozen pixels wide (a gallery's thumbnails) needs only the narrowest width of each
        // format: a whole srcset there would cost every page its bytes and choose nothing else.
        if let narrowest = processed.renditions(in: fallback).first {
            values["thumbnail"] = [
                "url": links.href(narrowest.sitePath), "width": narrowest.width, "height": narrowest.height,
                "sources": processed.preferredFormats.compactMap { format -> TemplateFields? in
                    processed.renditions(in: format).first.map { ["type": format.mediaType, "srcset": links.href($0.sitePath)] }
                },
            ] as TemplateFields
        }
        return values
    }

    func card(_ index: Int) -> TemplateValue { cards[index] }

    /// What the product's search result shows: its card's values (`card(_:)`), as index metadata.
    func resultCard(_ index: Int) -> [String: String] {
        let product = site.products[index]
        var picture: (url: String, width: Int, height: Int)?
        if let first = product.images.first ?? product.variants.lazy.compactMap(\.image).first {
            let shown = Self.image(first, alt: product.title, links: links, images: images)
            // One rendition, in the first modern format when there is one: about twice the card's width.
            if let processed = images.processed(first), let rendition = (processed.preferredFormats.first.map { processed.renditions(in: $0) } ?? [])
                .first(where: { $0.width >= 580 }) ?? processed.renditions.last {
                picture = (links.href(rendition.sitePath), rendition.width, rendition.height)
            } else if case .string(let url)? = shown["url"]?.templateValue {
                picture = (url, 0, 0)
            }
        }
        let badge: String? = !product.isPurchasable ? words[.badgeSoldOut] : product.summaryAvailability == .preorder ? words[.badgePreorder]
            : (product.displayPrice.isOnSale || product.variants.contains(where: \.price.isOnSale)) ? words[.badgeSale] : nil
        return SearchCatalog.resultCard(title: product.title, brand: product.brand, price: Self.price(product.displayPrice, from: product.hasPriceRange, words: words),
                                        from: product.hasPriceRange, onSale: product.displayPrice.isOnSale, availability: product.summaryAvailability,
                                        availabilityLabel: words.label(product.summaryAvailability), badge: badge, picture: picture)
    }

    private static func card(_ product: Product, links: SiteLinks, images: RenderedImages, words: ShopWords) -> TemplateFields {
        var values: TemplateFields = [
            "title": product.title, "url": links.href(SiteLinks.product(product.handle)),
            "price": price(product.displayPrice, from: product.hasPriceRange, words: words),
            "availability": availability(product.summaryAvailability, date: nil, words: words),
        ]
        if let brand = product.brand { values["brand"] = brand }
        if let summary = product.summary { values["summary"] = summary }
        if let first = product.images.first ?? product.variants.lazy.compactMap(\.image).first { values["image"] = image(first, alt: product.title, links: links, images: images) }
        if !product.isPurchasable {
            values["badge"] = words[.badgeSoldOut]
        } else if product.summaryAvailability == .preorder {
            values["badge"] = words[.badgePreorder]
        } else if product.displayPrice.isOnSale || product.variants.contains(where: \.price.isOnSale) {
            values["badge"] = words[.badgeSale]
        }
        return values
    }

    func collectionSummary(_ index: Int, descriptionHTML: String? = nil) -> TemplateFields {
        let collection = site.collections[index]
        var values: TemplateFields = ["title": collection.title, "url": links.href(SiteLinks.collection(collection.slug)),
                                     "count_label": words.plural(.productsCount, count: collection.productIndexes.count)]
        if let image = collection.image { values["image"] = self.image(image, alt: collection.title) }
        if let descriptionHTML { values["description_html"] = descriptionHTML }
        return values
    }

    func breadcrumbs(_ trail: [(title: String, sitePath: String)]) -> [TemplateFields] {
        let all = [(words[.breadcrumbHome], SiteLinks.home)] + trail
        return all.enumerated().map { offset, crumb in
            ["title": crumb.0, "url": links.href(crumb.1), "current": offset == all.count - 1]
        }
    }

    /// Up to four products that share collections (nearest in each collection's order) or tags.
    package func related(to index: Int, limit: Int = 4) -> [Int] {
        var scores: [Int: Int] = [:]
        forEachNeighbour(of: index) { candidate, sharesCollection in scores[candidate, default: 0] += sharesCollection ? 2 : 1 }
        // Highest score first; ties in handle order.
        return scores.sorted { $0.value != $1.value ? $0.value > $1.value : handleRanks[$0.key] < handleRanks[$1.key] }.prefix(limit).map(\.key)
    }

    /// The products whose related products may include `index`: being near is mutual, so these are the
    /// products near it in its collections and tags.
    package func productsRelating(to index: Int) -> Set<Int> {
        var near: Set<Int> = []
        forEachNeighbour(of: index) { candidate, _ in near.insert(candidate) }
        return near
    }

    /// Calls `body` for each product within six places of `index` in a collection it is in, and within four
    /// in one of its tags (once per collection or tag they share).
    private func forEachNeighbour(of index: Int, _ body: (_ product: Int, _ sharesCollection: Bool) -> Void) {
        let product = site.products[index]
        for slug in product.collections {
            guard let collectionIndex = collectionIndexBySlug[slug], let position = positions[index][slug] else { continue }
            let members = site.collections[collectionIndex].productIndexes
            for candidate in members[max(0, position - 6)..<min(members.count, position + 7)] where candidate != index { body(candidate, true) }
        }
        for tag in product.tags {
            guard let members = tagMembers[tag], let position = tagPositions[index][tag] else { continue }
            for candidate in members[max(0, position - 4)..<min(members.count, position + 5)] where candidate != index { body(candidate, false) }
        }
    }

    func pageValues(kind: PageKind, title: String, description: String?, sitePath: String) -> TemplateFields {
        var values: TemplateFields = ["kind": kind.rawValue, "title": title, "canonical_url": links.absolute(sitePath), "path": links.href(sitePath),
                                      "content_security_policy": contentSecurityPolicy]
        if let description { values["description"] = description }
        values[kind.flag] = true
        return values
    }

    func documentTitle(_ title: String) -> String { "\(title) · \(site.settings.name)" }
}
