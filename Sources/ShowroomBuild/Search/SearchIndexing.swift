import Foundation
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// The search step: a Pagefind service that receives each product and content page as it is rendered,
/// in a fixed order, and gives back the index files, which the writer puts into the staged site (so a
/// failed index leaves the previous site in place, like any other failed step).
package final class SearchIndexing: Sendable {
    package let records: SearchRecordStream
    private let service: PagefindService

    /// nil when the store has no search (`"search": false`, or a theme without a search page).
    package static func start(plan: BuildPlan, pagefind: String?) throws(Diagnostic) -> SearchIndexing? {
        guard plan.search != nil else { return nil }
        guard let executable = PagefindLocator.find(pagefind) else {
            throw Diagnostic.error(pagefind.map { "Pagefind was not found at \($0)" } ?? "search needs Pagefind \(PagefindService.version), which is not installed",
                                   at: nil, hint: PagefindService.installHint)
        }
        let service = try PagefindService(executable: executable, language: plan.site.settings.language)
        return SearchIndexing(service: service, site: plan.site)
    }

    private init(service: PagefindService, site: Site) {
        self.service = service
        records = SearchRecordStream(count: site.products.count + site.pages.count, deliver: { [service] run in service.add(run) },
                                     completed: { [service] in service.requestFiles() })
        // The contact page's text fills /contact/, which is not a content page of its own.
        for (index, page) in site.pages.enumerated() where page.slug == SiteLinks.contactSlug { records.put(nil, at: site.products.count + index) }
    }

    /// Waits for Pagefind to write the index; off the caller's thread, since it blocks.
    package func finish() async throws -> [OutputFile] {
        let service = service
        return try await withCheckedThrowingContinuation { continuation in
            Thread {
                do {
                    continuation.resume(returning: try service.finish())
                } catch {
                    continuation.resume(throwing: error)
                }
            }.start()
        }
    }

    package func cancel() { service.cancel() }
}

extension SearchIndexing {
    /// Indexes records already made (the preview keeps them from its builds), in position order, with
    /// each product's sort ranks taken from `plan` (an edit elsewhere may have moved them). Blocks;
    /// `stop` ends it from another thread (a newer edit needs an index of its own).
    package static func index(_ records: [Int: SearchRecord], plan: BuildPlan, pagefind: String?, stop: SearchIndexStop? = nil) throws(Diagnostic) -> [OutputFile] {
        guard let search = plan.search else { return [] }
        guard let executable = PagefindLocator.find(pagefind) else {
            throw Diagnostic.error("search needs Pagefind \(PagefindService.version), which is not installed", at: nil, hint: PagefindService.installHint)
        }
        let service = try PagefindService(executable: executable, language: plan.site.settings.language)
        stop?.attach(service)
        let productCount = plan.site.products.count
        service.add(records.keys.sorted().compactMap { position in
            guard var record = records[position] else { return nil }
            if position < productCount { record.sort = search.ranks.mapValues { String($0[position]) } }
            return record
        })
        return try service.finish()
    }
}

/// Stops a preview's search indexing that is no longer wanted: its Pagefind is ended at once rather than
/// left to index a catalog nobody will see (at 10,000 products that is seconds of both cores).
package final class SearchIndexStop: @unchecked Sendable {
    private let lock = NSLock()
    private var service: PagefindService?
    private var stopped = false

    package init() {}

    fileprivate func attach(_ service: PagefindService) {
        let stopNow = lock.withLock { () -> Bool in
            self.service = service
            return stopped
        }
        if stopNow { service.cancel() }
    }

    package func stop() {
        let service = lock.withLock { () -> PagefindService? in
            stopped = true
            return self.service
        }
        service?.cancel()
    }
}
