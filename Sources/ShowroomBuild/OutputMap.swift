import Foundation
import ShowroomModel
import ShowroomRendering

/// Which page job writes an output file, told from the path's shape, and which files a build copies
/// from where. The preview uses it to render the page a browser asks for before the rest of the site
/// is built; `Builder.render` copies the same list, so the two cannot disagree.
package struct OutputMap: Sendable {
    private let plan: BuildPlan
    private let productByHandle: [String: Int]
    private let collectionBySlug: [String: Int]
    private let pageBySlug: [String: Int]
    /// Output path → the file it is a copy of.
    package let copies: [String: String]

    package init(plan: BuildPlan) {
        self.plan = plan
        let site = plan.site
        productByHandle = Dictionary(site.products.enumerated().map { ($1.handle, $0) }) { first, _ in first }
        collectionBySlug = Dictionary(site.collections.enumerated().map { ($1.slug, $0) }) { first, _ in first }
        pageBySlug = Dictionary(site.pages.enumerated().map { ($1.slug, $0) }) { first, _ in first }
        copies = Dictionary(plan.copiedFiles.map { ($0.output, $0.source) }) { _, last in last }
    }

    /// Whether `path` is a file made from every product at once (the feeds, sitemaps and robots.txt the
    /// feeds step writes, the search index), which exists only once the whole site is rendered.
    package static func isSiteWide(_ path: String) -> Bool {
        let sitewideFiles = [SiteLinks.sitemap, SiteLinks.robots].map { SiteLinks.outputFile(for: $0) }
        return sitewideFiles.contains(path) || ["feeds/", "sitemaps/", SiteLinks.searchFolder + "/"].contains { path.hasPrefix($0) }
    }

    /// The job whose pages include `path` (`products/mug/variants/red/index.html` → the mug's job), or
    /// nil when no page job writes a file of that shape. The caller still checks that the job wrote it.
    package func job(writing path: String) -> PageJob? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let site = plan.site
        switch parts.count {
        case 1:
            if path == "index.html" { return .home }
            if path == SiteLinks.outputFile(for: SiteLinks.notFound) { return .notFound }
            return nil
        case 2 where parts[1] == "index.html":
            if parts[0] == SiteLinks.contactSlug { return .contact }
            if parts[0] == "cart" { return site.settings.checkout?.hasOwnCart == true ? .cart : nil }
            if parts[0] == "search" { return plan.search != nil ? .search : nil }
            if let page = pageBySlug[parts[0]] { return .contentPage(page) }
            return nil
        default:
            break
        }
        switch parts[0] {
        case "products":
            return productByHandle[parts[1]].map { .product($0) }
        case "cart":
            return site.settings.checkout?.hasOwnCart == true ? .cart : nil
        case "search":
            return plan.search != nil ? .search : nil
        case "collections":
            // collections/<slug>/index.html or collections/<slug>/page/<n>/index.html
            let page: Int
            if parts.count == 3, parts[2] == "index.html" {
                page = 1
            } else if parts.count == 5, parts[2] == "page", parts[4] == "index.html", let number = Int(parts[3]), number > 1 {
                page = number
            } else {
                return nil
            }
            if parts[1] == "all" {
                return page <= site.settings.listingPages(for: site.products.count) ? .allProducts(page: page) : nil
            }
            guard let collection = collectionBySlug[parts[1]],
                  page <= site.settings.listingPages(for: site.collections[collection].productIndexes.count) else { return nil }
            return .collection(collection, page: page)
        default:
            return nil
        }
    }
}

extension BuildPlan {
    /// Files a build copies as they are: the theme's assets, the content's media, the pictures' renditions
    /// and the rendered video listings, as (output path, source path), in the order they are written.
    package var copiedFiles: [(output: String, source: String)] {
        theme.assets.map { ($0.outputPath, $0.source) }
            + site.mediaFiles.map { ($0, site.contentDirectory + "/" + $0) }
            + images.files.sorted { $0.key < $1.key }.map { (SiteLinks.outputFile(for: $0.key), $0.value) }
            + videos.listings.sorted { $0.key < $1.key }.flatMap { handle, rendered in
                [(SiteLinks.outputFile(for: SiteLinks.listingVideo(handle, rendered.format)), rendered.file)]
            }
    }

    /// The video listings' JSON Schema, published beside them when the theme makes listings.
    package var listingSchemaFile: OutputFile? {
        theme.storyboard == nil ? nil
            : OutputFile(path: SiteLinks.outputFile(for: VideoListing.schemaSitePath), bytes: Array((ListingSchema.text + "\n").utf8))
    }
}
