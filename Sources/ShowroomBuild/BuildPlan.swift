import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// What a build renders, decided once from the loaded store and the artifacts of earlier steps: the
/// values every page shares and every page to write. `build`, `serve` and `check` render from one, so
/// they cannot disagree on what a site contains.
public struct BuildPlan: Sendable {
    public let site: Site
    public let theme: Theme
    /// The video step's result (empty unless the build renders videos).
    public let videos: RenderedVideos
    /// The images step's result (empty: pages show the content's files as they are).
    public let images: RenderedImages
    let context: StorefrontContext
    /// Every page of the site, in a fixed order (products first: they are most of the work).
    let jobs: [PageJob]

    public init(site: Site, theme: Theme, videos: RenderedVideos = RenderedVideos(), images: RenderedImages = RenderedImages()) {
        self.init(site: site, theme: theme, videos: videos, images: images,
                  context: StorefrontContext(site: site, theme: theme, videos: videos, images: images))
    }

    private init(site: Site, theme: Theme, videos: RenderedVideos, images: RenderedImages, context: StorefrontContext) {
        self.site = site
        self.theme = theme
        self.videos = videos
        self.images = images
        self.context = context
        jobs = Self.pages(of: site) + (context.search != nil ? [.search] : [])
    }

    /// One per worker (it owns a Markdown renderer).
    func pageRenderer(descriptions: DescriptionHandoff? = nil, searchRecords: (any SearchRecordSink)? = nil) -> PageRenderer {
        PageRenderer(context: context, theme: theme, descriptions: descriptions, searchRecords: searchRecords)
    }

    /// The search index's catalog values, when the store has search.
    package var search: SearchCatalog? { context.search }

    package var feeds: FeedRenderer {
        FeedRenderer(site: site, shapes: theme.feedShapes, listingPlayers: theme.playsListings, videos: videos, images: images, words: context.words)
    }

    static func pages(of site: Site) -> [PageJob] {
        // Every page with a search record first, so the search index is complete, and Pagefind builds it,
        // while the listings render.
        var jobs: [PageJob] = site.products.indices.map { .product($0) }
        jobs += site.pages.indices.filter { site.pages[$0].slug != SiteLinks.contactSlug }.map { .contentPage($0) }
        for (index, collection) in site.collections.enumerated() {
            jobs += (1...site.settings.listingPages(for: collection.productIndexes.count)).map { .collection(index, page: $0) }
        }
        jobs += (1...site.settings.listingPages(for: site.products.count)).map { .allProducts(page: $0) }
        jobs += [.home, .contact, .notFound]
        if site.settings.checkout?.hasOwnCart == true { jobs.append(.cart) }
        return jobs
    }

    /// The pages that show any of `changed` products' data: their own pages, the listing pages and
    /// related-product cards that include them, the home page, and the cart's price index. Valid when
    /// only those products' data changed, not which products, collections or tags exist.
    func pages(showing changed: Set<Int>, filtersChanged: Bool = false) -> [PageJob] {
        var jobs: [PageJob] = [.home]
        if site.settings.checkout?.hasOwnCart == true { jobs.append(.cart) }
        // A product's filter values count in the filter panel of every page of its listings and of search.
        if filtersChanged, context.search != nil { jobs.append(.search) }
        let near = changed.reduce(into: changed) { near, index in near.formUnion(context.productsRelating(to: index)) }
        for index in near.sorted() where changed.contains(index) || context.related(to: index).contains(where: changed.contains) {
            jobs.append(.product(index))
        }
        let perPage = site.settings.productsPerPage
        func pages(of listing: [Int]) -> [Int] {
            if filtersChanged, listing.contains(where: changed.contains) { return Array(1...site.settings.listingPages(for: listing.count)) }
            return Set(listing.enumerated().filter { changed.contains($0.element) }.map { $0.offset / perPage + 1 }).sorted()
        }
        for page in pages(of: context.productsByNewest) { jobs.append(.allProducts(page: page)) }
        for (index, collection) in site.collections.enumerated() {
            for page in pages(of: collection.productIndexes) { jobs.append(.collection(index, page: page)) }
        }
        return jobs
    }

    /// The plan for `site` after an edit, with the pages that edit changed, when only some products'
    /// data, the text of some pages or the descriptions of some collections changed (same products,
    /// collections, settings, media and page titles); nil when every page may have changed and the whole
    /// site must be rendered again.
    package func replanned(for site: Site, theme: Theme) -> (plan: BuildPlan, changed: [PageJob])? {
        let old = self.site
        guard site.settings == old.settings, site.mediaFiles == old.mediaFiles,
              site.products.map(\.handle) == old.products.map(\.handle),
              // Page titles are in every page's navigation; a page's text and its description only on that page.
              site.pages.map({ [$0.slug, $0.title] }) == old.pages.map({ [$0.slug, $0.title] }),
              // A collection's title, picture and members show on other pages; its description on its own and the home page.
              site.collections.map({ Self.shownElsewhere($0) }) == old.collections.map({ Self.shownElsewhere($0) }) else { return nil }
        let changed = Set(site.products.indices.filter { site.products[$0] != old.products[$0] })
        // New collections or tags change which products are related, a new date the order of the
        // all-products listing, new variants or a write-up added or removed the pages that exist.
        guard !changed.contains(where: {
            let (new, was) = (site.products[$0], old.products[$0])
            return new.collections != was.collections || new.tags != was.tags || new.published != was.published
                || new.variants.map(\.slug) != was.variants.map(\.slug) || new.description?.absolutePath != was.description?.absolutePath
        }) else { return nil }
        let plan = BuildPlan(site: site, theme: theme, videos: videos, images: images,
                             context: StorefrontContext(updating: context, to: site, changed: changed))
        // New facets (an option value, a price band, a brand) change every panel.
        if let new = plan.search, let was = self.search, !new.facets.hasSameValues(as: was.facets) { return nil }
        let filtersChanged = changed.contains { plan.search?.productFilters[$0] != self.search?.productFilters[$0] }
        var jobs = plan.pages(showing: changed, filtersChanged: filtersChanged)
        // A new title or option value changes the words search corrects misspellings against.
        if let new = plan.search, new.vocabulary != self.search?.vocabulary, !jobs.contains(where: { if case .search = $0 { true } else { false } }) {
            jobs.append(.search)
        }
        for index in site.pages.indices where site.pages[index] != old.pages[index] {
            jobs.append(site.pages[index].slug == SiteLinks.contactSlug ? .contact : .contentPage(index))
        }
        for (index, collection) in site.collections.enumerated() where collection != old.collections[index] {
            jobs += (1...site.settings.listingPages(for: collection.productIndexes.count)).map { .collection(index, page: $0) }
        }
        return (plan, jobs)
    }

    /// What of a collection pages other than its own and the home page show: all but its description
    /// and the line it was read from (whether it has a file decides whether the home page features it).
    private static func shownElsewhere(_ collection: ProductCollection) -> ProductCollection {
        var shown = collection
        shown.descriptionMarkdown = nil
        shown.location = collection.location.map { SourceLocation(file: $0.file) }
        return shown
    }

    /// Renders `jobs` into memory (the preview's incremental updates): one after another, or with
    /// `workers` renderers when there are many (a stock change re-renders every page of its listings).
    package func render(_ jobs: [PageJob], searchRecords: (any SearchRecordSink)? = nil, workers: Int = 1) throws -> [OutputFile] {
        guard workers > 1, jobs.count >= 64 else {
            let renderer = pageRenderer(searchRecords: searchRecords)
            return try jobs.flatMap { try renderer.render($0) }
        }
        let size = (jobs.count + workers * 4 - 1) / (workers * 4)
        let chunks = stride(from: 0, to: jobs.count, by: size).map { Array(jobs[$0..<min($0 + size, jobs.count)]) }
        return try concurrentMap(chunks) { chunk in
            Result { () throws -> [OutputFile] in
                let renderer = pageRenderer(searchRecords: searchRecords)
                return try chunk.flatMap { try renderer.render($0) }
            }
        }.flatMap { try $0.get() }
    }
}
