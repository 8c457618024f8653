import Foundation
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// Holds the built search index against the catalog: every published product and content page is in
/// it, nothing else is (variant pages, drafts, the cart), and each product is filed under the filter
/// values its catalog entry gives (`search/index`).
struct SearchAudit {
    let site: Site
    let theme: Theme
    let root: URL
    let display: String

    func run() -> [Diagnostic] {
        guard StorefrontContext.hasSearch(site: site, theme: theme) else { return [] }
        let bundle = root.appendingPathComponent(SiteLinks.searchFolder)
        let entries: [SearchIndexReader.Entry]
        do {
            entries = try SearchIndexReader.entries(in: bundle)
        } catch {
            return [CheckRules.finding(.searchIndex, "\(error)", at: SourceLocation(file: "\(display)/\(SiteLinks.searchFolder)/"),
                                       hint: "build again with Pagefind \(PagefindService.version)")]
        }
        guard !entries.isEmpty else {
            return [CheckRules.finding(.searchIndex, "the site has no search index (\(display)/\(SiteLinks.searchFolder)/ holds no pages)",
                                       at: SourceLocation(file: "\(display)/\(SiteLinks.searchFolder)/"), hint: "build again with showroom build")]
        }
        let words = ShopWords(theme: theme, settings: site.settings)
        let catalog = SearchCatalog(site: site, words: words, productsByNewest: site.productsByNewest)
        var indexed: [String: SearchIndexReader.Entry] = [:]
        for entry in entries { indexed[entry.url] = entry }
        var findings: [Diagnostic] = []
        var expected: Set<String> = []
        for (index, product) in site.products.enumerated() {
            let url = SiteLinks.product(product.handle)
            expected.insert(url)
            guard let entry = indexed[url] else {
                findings.append(CheckRules.finding(.searchIndex, "\(product.handle) is published but not in the search index", at: product.location,
                                                   hint: "build again; shoppers cannot find it by search or filters"))
                continue
            }
            let want = catalog.productFilters[index].mapValues { $0.sorted() }
            let have = entry.filters.mapValues { $0.sorted() }
            if want != have {
                let keys = Set(want.keys).union(have.keys).filter { want[$0] != have[$0] }.sorted()
                findings.append(CheckRules.finding(.searchIndex, "the search index files \(product.handle) under other filter values than the catalog gives (\(keys.joined(separator: ", ")))",
                                                   at: product.location, hint: "build again; its filters would show it in the wrong lists"))
            }
        }
        for page in site.pages where page.slug != SiteLinks.contactSlug {
            let url = SiteLinks.page(page.slug)
            expected.insert(url)
            if indexed[url] == nil {
                findings.append(CheckRules.finding(.searchIndex, "the page \(page.slug) is not in the search index", at: page.location, hint: "build again"))
            }
        }
        for url in indexed.keys.sorted() where !expected.contains(url) {
            findings.append(CheckRules.finding(.searchIndex, "the search index lists \(url), which is not a published product or page",
                                               at: SourceLocation(file: "\(display)/\(SiteLinks.searchFolder)/"), hint: "build again"))
        }
        return findings
    }
}
