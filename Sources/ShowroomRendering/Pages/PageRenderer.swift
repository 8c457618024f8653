import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// A page to render; products render with all their variant pages at once so the write-up is read and
/// converted from Markdown a single time.
package enum PageJob: Hashable, Sendable {
    case home
    case product(Int)
    case collection(Int, page: Int)
    case allProducts(page: Int)
    case contentPage(Int)
    case contact
    case notFound
    /// `/cart/` and its price index, for checkouts that keep the cart on the site.
    case cart
    /// `/search/`, whose results come from the search index in the shopper's browser.
    case search
}

/// Renders pages with the theme's templates. One per worker: it owns a Markdown renderer, which is not thread-safe.
package struct PageRenderer {
    let context: StorefrontContext
    let theme: Theme
    /// Where each product's plain-text description goes for the feeds rendered beside the pages.
    var descriptions: DescriptionHandoff?
    /// Where products and content pages go for the search index (positions: products, then `site.pages`).
    var searchRecords: (any SearchRecordSink)?
    let markdown = MarkdownRenderer()
    /// Sees every page's values before they are rendered (tests of the theme contract).
    package var inspect: (@Sendable (RenderedContext) -> Void)?

    package init(context: StorefrontContext, theme: Theme, descriptions: DescriptionHandoff? = nil, searchRecords: (any SearchRecordSink)? = nil) {
        self.context = context
        self.theme = theme
        self.descriptions = descriptions
        self.searchRecords = searchRecords
    }

    var structuredData: StructuredData { StructuredData(site: site, links: links, shape: theme.feedShapes.productJSONLD, images: context.images) }

    private var site: Site { context.site }
    private var links: SiteLinks { context.links }
    private var words: ShopWords { context.words }

    package func render(_ job: PageJob) throws(Diagnostic) -> [OutputFile] {
        switch job {
        case .home: return [renderHome()]
        case .product(let index): return try renderProduct(index)
        case .collection(let index, let page): return [renderCollection(index, page: page)]
        case .allProducts(let page): return [renderAllProducts(page: page)]
        case .contentPage(let index): return [renderContentPage(index)]
        case .contact: return [renderContact()]
        case .notFound: return [renderNotFound()]
        case .cart: return renderCart()
        case .search: return [renderSearch()] + (context.search.map { [$0.vocabularyFile] } ?? [])
        }
    }

    // MARK: Pages

    private func renderHome() -> OutputFile {
        let settings = site.settings
        var hero: TemplateFields = ["title": settings.name]
        if let description = settings.description { hero["text"] = description }
        if let image = context.featuredCollections.lazy.compactMap({ self.site.collections[$0].image }).first {
            hero["image"] = context.image(image, alt: "")
        }
        let newArrivals = context.productsByNewest.prefix(8).map { context.card($0) }
        let featured = context.featuredCollections.map { index in
            context.collectionSummary(index, descriptionHTML: site.collections[index].descriptionMarkdown.map { markdown.html(from: $0, basePath: links.basePath) })
        }
        let values: TemplateFields = [
            "hero": hero, "featured_collections": featured, "new_arrivals": newArrivals, "has_new_arrivals": !newArrivals.isEmpty,
        ]
        return page(.home, values: values,
                    page: context.pageValues(kind: .home, title: settings.name + (settings.description.map { " · " + $0 } ?? ""),
                                             description: settings.description, sitePath: SiteLinks.home), sitePath: SiteLinks.home,
                    structuredData: [structuredData.organization(), structuredData.webSite()])
    }

    private func renderProduct(_ index: Int) throws(Diagnostic) -> [OutputFile] {
        let product = site.products[index]
        var descriptionHTML: String?
        var plainDescription: String?
        var bodyText = ""
        if let reference = product.description {
            let body = try reference.readBody()
            if !body.isBlank {
                (descriptionHTML, bodyText) = markdown.htmlAndPlainText(from: body, basePath: links.basePath)
                plainDescription = String(bodyText.prefix(300))
            }
        }
        let related = context.related(to: index).map { context.card($0) }
        var listing = context.listings?.plan(product)
        if let rendered = context.videos.listings[product.handle] { listing?.renditions = [rendered.format] }
        // One JSON-LD description of the product (or its variant group) serves every page of the product.
        let fullDescription = FeedRenderer.description(of: product, bodyText: bodyText)
        descriptions?.put(fullDescription, at: index)
        if let searchRecords, let search = context.search {
            searchRecords.put(search.record(product: index, of: site, description: fullDescription, card: context.resultCard(index)), at: index)
        }
        let feedDescription = TextTruncation.truncate(fullDescription, to: FeedLimits.googleMerchantDescription)
        let productData = JSONValue.verbatim(structuredData.product(product, description: feedDescription, listing: listing).serialized(scriptSafe: true))
        var base: TemplateFields = [
            "title": product.title, "handle": product.handle, "url": links.href(SiteLinks.product(product.handle)), "has_variants": product.hasVariants,
            "highlights": product.highlights, "has_highlights": !product.highlights.isEmpty, "tags": product.tags,
            "condition": ["code": product.condition.rawValue, "label": words.label(product.condition), "is_new": product.condition == .new] as TemplateFields,
            "related": related, "has_related": !related.isEmpty,
        ]
        if let brand = product.brand { base["brand"] = brand }
        if let summary = product.summary { base["summary"] = summary }
        if let descriptionHTML { base["description_html"] = descriptionHTML }
        if let listing, theme.hasListingPlayer {
            base["listing"] = ["url": links.href(SiteLinks.listingPlayer(product.handle)),
                               "duration": Formatting.duration(seconds: Int(listing.duration.rounded(.up)))] as TemplateFields
        }
        base["videos"] = product.videos.map { video -> TemplateFields in
            var entry: TemplateFields = ["url": links.href(video.url), "type": Self.videoType(video.url.path), "title": video.title ?? product.title]
            if let poster = video.thumbnail { entry["poster"] = links.href(context.images.single(poster)) }
            if let seconds = video.durationSeconds { entry["duration"] = Formatting.duration(seconds: seconds) }
            return entry
        }
        let collections = product.collections.compactMap { slug in site.collections.first { $0.slug == slug } }
        base["collections"] = collections.map { collection -> TemplateFields in ["title": collection.title, "url": links.href(SiteLinks.collection(collection.slug))] }
        let prices = product.variants.map { context.price($0.price).templateValue }
        let availabilities = product.variants.map { context.availability($0.availability, date: $0.availabilityDate).templateValue }
        let variantEntries = product.variants.indices.map { index -> TemplateFields in
            let variant = product.variants[index]
            return ["sku": variant.sku, "title": variant.title, "url": links.href(SiteLinks.variant(product.handle, variant.slug)),
                    "price": prices[index], "availability": availabilities[index]]
        }
        // A variant page keeps what is its own (price, availability, picture, identifiers, options, buy box)
        // and what choosing needs; the write-up and related products live once, on the product page, which
        // it links to with the write-up's opening. Its JSON-LD is the group with that opening as its
        // description, its own variant in full and the others by URL: the whole is on the product page.
        var variantBase = base
        var variantData: [JSONValue] = []
        if product.hasVariants {
            variantBase["description_html"] = nil
            variantBase["related"] = nil
            variantBase["has_related"] = false
            if !bodyText.isEmpty { variantBase["excerpt"] = TextTruncation.truncate(bodyText, to: Self.excerptLength) }
            let opening = TextTruncation.truncate(fullDescription, to: Self.excerptLength)
            variantData = product.variants.indices.map { page in
                .verbatim(structuredData.product(product, description: opening, listing: listing, onPageOf: page).serialized(scriptSafe: true))
            }
        }
        let shared = ProductPageShared(base: base, variantBase: variantBase, plainDescription: plainDescription, firstCollection: collections.first,
                                       structuredData: productData, variantStructuredData: variantData, items: product.sellableItems,
                                       variantPrices: prices, variantAvailabilities: availabilities, variantEntries: variantEntries)
        var files = [renderProductPage(product, index: index, selected: nil, shared: shared)]
        for variantIndex in product.variants.indices {
            files.append(renderProductPage(product, index: index, selected: variantIndex, shared: shared))
        }
        if let listing { files += listingFiles(listing, of: product, description: feedDescription) }
        return files
    }

    /// The manifest, its captions and (when the theme has one) the page that plays it.
    private func listingFiles(_ listing: VideoListing, of product: Product, description: String) -> [OutputFile] {
        var files = [
            OutputFile(path: SiteLinks.outputFile(for: SiteLinks.listingManifest(product.handle)),
                       bytes: Array((listing.manifest(links: links, absolute: true, images: context.images).serialized(indent: true) + "\n").utf8)),
            OutputFile(path: SiteLinks.outputFile(for: SiteLinks.listingCaptions(product.handle)), bytes: ListingCaptions.webVTT(listing)),
        ]
        guard theme.hasListingPlayer else { return files }
        let sitePath = SiteLinks.listingPlayer(product.handle)
        var values: TemplateFields = [
            "title": product.title, "url": links.href(SiteLinks.product(product.handle)),
            "manifest_url": links.href(SiteLinks.listingManifest(product.handle)),
            "captions_url": links.href(SiteLinks.listingCaptions(product.handle)),
            "duration": Formatting.duration(seconds: Int(listing.duration.rounded(.up))),
            "manifest_json": listing.manifest(links: links, absolute: false, images: context.images).serialized(scriptSafe: true),
            "price": context.price(product.displayPrice, from: product.hasPriceRange),
            "availability": context.availability(product.summaryAvailability, date: nil),
            "scenes": listing.scenes.filter { !$0.caption.isEmpty }.map { scene -> TemplateFields in
                ["start": Formatting.seconds(scene.start), "time": Formatting.duration(seconds: Int(scene.start)), "caption": scene.caption]
            },
            "look": ["background": listing.look.background, "ink": listing.look.ink, "text": listing.look.text, "accent": listing.look.accent, "sale": listing.look.sale, "font": listing.look.font] as TemplateFields,
        ]
        if let brand = product.brand { values["brand"] = brand }
        if let poster = listing.poster {
            values["poster"] = links.href(context.images.single(poster))
            values["image"] = context.image(poster, alt: "")
        }
        if let format = listing.renditions.first { values["video_url"] = links.href(SiteLinks.listingVideo(product.handle, format)) }
        let trail: [(title: String, sitePath: String)] = [(product.title, SiteLinks.product(product.handle)), (words[.videoBreadcrumb], sitePath)]
        var structured = [structuredData.breadcrumbs(trail)]
        if let video = structuredData.listingVideo(listing, of: product, description: description) { structured.insert(video, at: 0) }
        let caption = listing.scenes.map(\.caption).first { !$0.isEmpty } ?? product.title
        var description = words[.videoDescription, ["product": product.title, "store": site.settings.name, "caption": caption]]
        if description.utf8.contains(0x0A) { description = description.replacingOccurrences(of: "\n", with: " ") }
        files.append(page(.video, values: ["listing": values, "breadcrumbs": context.breadcrumbs(trail)],
                          page: context.pageValues(kind: .video, title: context.documentTitle(words[.videoPageTitle, ["product": product.title]]), description: description, sitePath: sitePath),
                          sitePath: sitePath, structuredData: structured))
        return files
    }

    /// What a product's page and its variant pages have in common, computed once per product.
    private struct ProductPageShared {
        /// The `product` values no page of the product changes (title, write-up, related products, videos…).
        var base: TemplateFields
        /// The same for its variant pages: the write-up's opening (`excerpt`) instead of the write-up, no related products.
        var variantBase: TemplateFields
        var plainDescription: String?
        var firstCollection: ProductCollection?
        var structuredData: JSONValue
        /// Each variant page's JSON-LD, by variant.
        var variantStructuredData: [JSONValue]
        var items: [SellableItem]
        /// Each variant's `price` and `availability` values, and its entry in the `variants` list (without `selected`).
        var variantPrices: [TemplateValue]
        var variantAvailabilities: [TemplateValue]
        var variantEntries: [TemplateFields]
    }

    private func renderProductPage(_ product: Product, index: Int, selected: Int?, shared: ProductPageShared) -> OutputFile {
        let plainDescription = shared.plainDescription
        let variant = selected.map { product.variants[$0] }
        let sitePath = variant.map { SiteLinks.variant(product.handle, $0.slug) } ?? SiteLinks.product(product.handle)
        var values = selected == nil ? shared.base : shared.variantBase
        values["absolute_url"] = links.absolute(sitePath)

        let price: TemplateValue
        if let variant, let selected {
            price = shared.variantPrices[selected]
            values["availability"] = shared.variantAvailabilities[selected]
            values["selected_variant"] = ["sku": variant.sku, "title": variant.title] as TemplateFields
        } else {
            price = context.price(product.displayPrice, from: product.hasPriceRange).templateValue
            let date = product.hasVariants ? nil : product.availabilityDate
            values["availability"] = context.availability(product.summaryAvailability, date: date)
        }
        values["price"] = price
        if let checkout = site.settings.checkout {
            // A page sells one item: the product without variants, or the variant it is about.
            let sold = selected.map { shared.items[$0] } ?? (product.hasVariants ? nil : shared.items.first)
            if let sold {
                values["buy"] = CheckoutValues.buy(sold, of: product, price: price, checkout: checkout, settings: site.settings, links: links, images: context.images, words: words)
            }
        }

        // Gallery: the selected variant's picture first, then the product's (no repeats). The product page
        // adds every variant's; a variant's page does not show another colour as if it were this one.
        var gallery: [(MediaReference, String)] = []
        var seen: Set<MediaReference> = []
        func add(_ media: MediaReference?, _ alt: String) {
            guard let media, seen.insert(media).inserted else { return }
            gallery.append((media, alt))
        }
        if let variant { add(variant.image, "\(product.title) – \(variant.title)") }
        for (offset, image) in product.images.enumerated() {
            add(image, offset == 0 ? product.title : words[.imageAltPicture, ["product": product.title, "number": String(offset + 1)]])
        }
        if variant == nil {
            for other in product.variants { add(other.image, "\(product.title) – \(other.title)") }
        }
        let images = gallery.enumerated().map { offset, item -> TemplateFields in
            var image = context.image(item.0, alt: item.1)
            image["index"] = offset + 1
            image["first"] = offset == 0
            return image
        }
        values["images"] = images
        values["has_images"] = !images.isEmpty
        if let main = images.first { values["main_image"] = main }

        if product.hasVariants {
            values["option_groups"] = optionGroups(product, selected: variant)
            values["variants"] = shared.variantEntries.enumerated().map { offset, entry -> TemplateFields in
                var entry = entry
                entry["selected"] = offset == selected
                return entry
            }
            // Only English has a/an: other languages give both keys the same words.
            if let first = product.optionNames.first {
                values["choose_prompt"] = words[Self.startsWithVowel(first) ? .chooseOptionVowel : .chooseOption, ["option": first]]
            } else {
                values["choose_prompt"] = words[.chooseAnyOption]
            }
        }

        var identifiers: [TemplateFields] = []
        if let brand = product.brand { identifiers.append(["label": words[.identifierBrand], "value": brand]) }
        let mpn = product.hasVariants ? (variant?.mpn ?? (variant == nil ? product.mpn : nil)) : product.mpn
        let gtin = product.hasVariants ? variant?.gtin : product.gtin
        if let mpn { identifiers.append(["label": words[.identifierMPN], "value": mpn]) }
        if let gtin { identifiers.append(["label": words[.identifierGTIN], "value": gtin.digits]) }
        if let variant { identifiers.append(["label": words[.identifierSKU], "value": variant.sku]) }
        identifiers.append(["label": words[.identifierCondition], "value": words.label(product.condition)])
        values["identifiers"] = identifiers
        values["has_identifiers"] = true

        var trail: [(title: String, sitePath: String)] = []
        if let first = shared.firstCollection { trail.append((first.title, SiteLinks.collection(first.slug))) }
        trail.append((product.title, SiteLinks.product(product.handle)))
        if let variant { trail.append((variant.title, sitePath)) }
        let breadcrumbs = context.breadcrumbs(trail)
        values["breadcrumbs"] = breadcrumbs

        // The item this page offers: the selected variant, or the one whose price the page shows.
        let item = selected.map { shared.items[$0] }
            ?? shared.items.first { $0.price == product.displayPrice && $0.availability == product.summaryAvailability }
            ?? shared.items.first { $0.availability == product.summaryAvailability } ?? shared.items[0]
        let openGraph = OpenGraph.product(item, of: product, image: gallery.first.map { context.images.socialCard($0.0) }, links: links,
                                          size: gallery.first.flatMap { context.images.socialCardSize($0.0) })

        let title = variant.map { "\(product.title) – \($0.title)" } ?? product.title
        let description = product.summary ?? plainDescription ?? fallbackDescription(product)
        return page(.product, values: ["product": values, "breadcrumbs": breadcrumbs],
                    page: context.pageValues(kind: .product, title: context.documentTitle(title), description: description, sitePath: sitePath), sitePath: sitePath,
                    structuredData: [selected.map { shared.variantStructuredData[$0] } ?? shared.structuredData, structuredData.breadcrumbs(trail)], openGraph: openGraph)
    }

    /// How much of the write-up a variant page shows (characters), before its link to the product page.
    static let excerptLength = 280

    /// What a product's page says of it when it has no summary and no write-up.
    private func fallbackDescription(_ product: Product) -> String {
        var values = ["product": product.title, "store": site.settings.name, "price": words.money(product.displayPrice.current),
                      "availability": words.inlineLabel(product.summaryAvailability)]
        guard let brand = product.brand else { return words[.productDescription, values] }
        values["brand"] = brand
        return words[.productDescriptionBrand, values]
    }

    /// For each option, its values in first-seen order, each linking to the variant that keeps the other
    /// selected options and changes only this one (or the first variant with that value).
    private func optionGroups(_ product: Product, selected: Variant?) -> [TemplateFields] {
        product.optionNames.map { name -> TemplateFields in
            var values: [String] = []
            for variant in product.variants {
                if let value = variant.options.first(where: { $0.name == name })?.value, !values.contains(value) { values.append(value) }
            }
            let entries = values.map { value -> TemplateFields in
                let wanted = product.optionNames.map { option -> String? in
                    option == name ? value : selected?.options.first { $0.name == option }?.value
                }
                let exact = product.variants.first { variant in
                    zip(product.optionNames, wanted).allSatisfy { option, want in
                        want == nil || variant.options.first { $0.name == option }?.value == want
                    }
                }
                let target = exact ?? product.variants.first { $0.options.contains { $0.name == name && $0.value == value } }!
                return ["value": value, "url": links.href(SiteLinks.variant(product.handle, target.slug)),
                        "selected": selected?.options.contains { $0.name == name && $0.value == value } ?? false,
                        "available": target.availability.isPurchasable]
            }
            return ["name": name, "values": entries]
        }
    }

    private func renderCollection(_ index: Int, page number: Int) -> OutputFile {
        let collection = site.collections[index]
        var summary = context.collectionSummary(index, descriptionHTML: number == 1 ? collection.descriptionMarkdown.map { markdown.html(from: $0, basePath: links.basePath) } : nil)
        summary["is_all"] = false
        return listing(title: collection.title, summary: summary, currentSlug: collection.slug, products: collection.productIndexes, page: number,
                       path: { SiteLinks.collection(collection.slug, page: $0) },
                       description: collection.descriptionMarkdown.map { markdown.plainText(from: $0) }
                           ?? words.plural(.collectionDescription, count: collection.productIndexes.count,
                                           ["collection": collection.title, "store": site.settings.name]))
    }

    private func renderAllProducts(page number: Int) -> OutputFile {
        let title = words[.allProductsTitle]
        let summary: TemplateFields = ["title": title, "url": links.href(SiteLinks.allProducts), "is_all": true,
                                      "count_label": words.plural(.productsCount, count: site.products.count)]
        return listing(title: title, summary: summary, currentSlug: nil, products: context.productsByNewest, page: number,
                       path: { SiteLinks.collection("all", page: $0) }, description: words[.allProductsDescription, ["store": site.settings.name]])
    }

    private func listing(title: String, summary: TemplateFields, currentSlug: String?, products: [Int], page number: Int, path: (Int) -> String, description: String?) -> OutputFile {
        let perPage = site.settings.productsPerPage
        let total = site.settings.listingPages(for: products.count)
        let slice = products.dropFirst((number - 1) * perPage).prefix(perPage)
        let sitePath = path(number)
        var values: TemplateFields = ["collection": summary, "products": slice.map { context.card($0) }, "empty": products.isEmpty]
        if let search = context.search, products.count > 1 {
            let collection = currentSlug.flatMap { slug in site.collections.first { $0.slug == slug } }
            let featured = SearchCatalog.sortKey(for: collection?.sort ?? .newest)
            values["filters"] = ["facets": search.panels[collection?.slug ?? ""] ?? [],
                                 "collection": collection?.slug ?? "", "featured_sort": featured.key + ":" + featured.direction] as TemplateFields
        }
        if total > 1 {
            var pagination: TemplateFields = ["current": number, "total": total,
                                             "pages": Self.pageWindow(current: number, total: total).map { page -> TemplateFields in
                                                 guard let page else { return ["gap": true] }
                                                 return ["number": page, "url": links.href(path(page)), "current": page == number]
                                             }]
            if number > 1 { pagination["prev_url"] = links.href(path(number - 1)) }
            if number < total { pagination["next_url"] = links.href(path(number + 1)) }
            values["pagination"] = pagination
        }
        var trail: [(title: String, sitePath: String)] = [(title, path(1))]
        if number > 1 { trail.append((words[.listingBreadcrumbPage, ["number": String(number)]], sitePath)) }
        values["breadcrumbs"] = context.breadcrumbs(trail)
        if let currentSlug { values["nav"] = context.navigation(current: currentSlug) }
        let pageTitle = number > 1 ? words[.listingTitlePage, ["title": title, "number": String(number), "total": String(total)]] : title
        return page(.collection, values: values,
                    page: context.pageValues(kind: .collection, title: context.documentTitle(pageTitle), description: description, sitePath: sitePath), sitePath: sitePath, structuredData: [structuredData.breadcrumbs(trail)])
    }

    private func renderContentPage(_ index: Int) -> OutputFile {
        let content = site.pages[index]
        let sitePath = SiteLinks.page(content.slug)
        searchRecords?.put(SearchCatalog.record(page: content, plainText: markdown.plainText(from: content.markdown)), at: site.products.count + index)
        var values: TemplateFields = ["content_html": markdown.html(from: content.markdown, basePath: links.basePath), "page_title": content.title,
                                     "breadcrumbs": context.breadcrumbs([(content.title, sitePath)])]
        if let description = content.description { values["page_description"] = description }
        return page(.page, values: values,
                    page: context.pageValues(kind: .page, title: context.documentTitle(content.title),
                                             description: content.description ?? String(markdown.plainText(from: content.markdown).prefix(160)), sitePath: sitePath),
                    sitePath: sitePath,
                    structuredData: [structuredData.breadcrumbs([(content.title, sitePath)])])
    }

    private func renderContact() -> OutputFile {
        let custom = site.pages.first { $0.slug == SiteLinks.contactSlug }
        let title = custom?.title ?? words[.contactTitle]
        var values: TemplateFields = ["page_title": title, "breadcrumbs": context.breadcrumbs([(title, SiteLinks.contact)])]
        if let custom { values["content_html"] = markdown.html(from: custom.markdown, basePath: links.basePath) }
        if let description = custom?.description { values["page_description"] = description }
        let description = custom?.description ?? words[.contactDescription, ["seller": site.settings.seller.legalName ?? site.settings.name]]
        return page(.contact, values: values,
                    page: context.pageValues(kind: .contact, title: context.documentTitle(title), description: description, sitePath: SiteLinks.contact),
                    sitePath: SiteLinks.contact,
                    structuredData: [structuredData.organization(), structuredData.webSite(), structuredData.breadcrumbs([(title, SiteLinks.contact)])])
    }

    /// The cart page shows what the shopper's browser keeps, re-priced from the price index written beside it.
    private func renderCart() -> [OutputFile] {
        let index = CartIndex(site: site, links: links, words: words, images: context.images).render()
        guard !index.isEmpty else { return [] }
        var pageValues = context.pageValues(kind: .cart, title: context.documentTitle(words[.cartTitle]),
                                            description: words[.cartDescription, ["store": site.settings.name]], sitePath: SiteLinks.cart)
        pageValues["noindex"] = true
        let trail: [(title: String, sitePath: String)] = [(words[.cartTitle], SiteLinks.cart)]
        let cartPage = page(.cart, values: ["breadcrumbs": context.breadcrumbs(trail), "all_products_url": links.href(SiteLinks.allProducts)],
                            page: pageValues, sitePath: SiteLinks.cart)
        return [cartPage] + index
    }

    /// The search page: the form, the facets of the whole catalog, and room for results, which the
    /// browser fills from the index (`?q=` and the filters in the URL).
    private func renderSearch() -> OutputFile {
        var pageValues = context.pageValues(kind: .search, title: context.documentTitle(words[.searchTitle]),
                                            description: words[.searchDescription, ["store": site.settings.name]], sitePath: SiteLinks.search)
        // Result pages differ by query and say nothing a crawler should keep.
        pageValues["noindex"] = true
        let trail: [(title: String, sitePath: String)] = [(words[.searchTitle], SiteLinks.search)]
        var values: TemplateFields = ["breadcrumbs": context.breadcrumbs(trail), "all_products_url": links.href(SiteLinks.allProducts)]
        if let search = context.search {
            values["facets"] = search.panels[""] ?? []
        }
        return page(.search, values: values, page: pageValues, sitePath: SiteLinks.search)
    }

    private func renderNotFound() -> OutputFile {
        return page(.notFound, values: [:],
                    page: context.pageValues(kind: .notFound, title: context.documentTitle(words[.notFoundTitle]), description: nil, sitePath: SiteLinks.notFound),
                    sitePath: SiteLinks.notFound)
    }

    // MARK: Helpers

    /// Renders a template inside the layout. Structured data and Open Graph tags reach the layout both
    /// ready-made in `head_html` and as values (`page.structured_data`, `page.open_graph`) for themes
    /// that place them themselves.
    private func page(_ kind: PageKind, values: TemplateFields, page pageValues: TemplateFields, sitePath: String, structuredData: [JSONValue] = [],
                      openGraph: [(property: String, content: String)] = [("og:type", "website")]) -> OutputFile {
        var values = values
        var pageValues = pageValues
        // Bytes: the JSON-LD is most of a product page's head, and a String of it would be validated again.
        var head = Array(OpenGraph.html(openGraph).utf8)
        pageValues["open_graph"] = openGraph.map { tag -> TemplateFields in ["property": tag.property, "content": tag.content] }
        if !structuredData.isEmpty {
            let script = StructuredData.script(structuredData)
            head += #"<script type="application/ld+json">"#.utf8
            head += script
            head += "</script>\n".utf8
            pageValues["structured_data"] = TemplateValue.utf8(script)
        }
        values["page"] = pageValues
        values["head_html"] = TemplateValue.utf8(head)
        inspect?(RenderedContext(kind: kind, own: .object(TemplateObject(fields: values)), shared: .object(context.shared.object)))
        return OutputFile(path: SiteLinks.outputFile(for: sitePath),
                          bytes: context.localizedTheme.renderPage(kind.template, layout: "layout", values: values, shared: context.shared))
    }

    static func pageWindow(current: Int, total: Int) -> [Int?] {
        let wanted = Set([1, total] + Array(max(1, current - 2)...min(total, current + 2)))
        var pages: [Int?] = []
        for page in wanted.sorted() {
            if let last = pages.last, let previous = last, page > previous + 1 { pages.append(nil) }
            pages.append(page)
        }
        return pages
    }

    static func videoType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "webm": "video/webm"
        case "mov": "video/quicktime"
        case "ogv": "video/ogg"
        default: "video/mp4"
        }
    }

    static func startsWithVowel(_ word: String) -> Bool {
        guard let first = word.lowercased().first else { return false }
        return "aeiou".contains(first)
    }
}
