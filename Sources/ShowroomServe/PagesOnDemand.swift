import Foundation
import ShowroomBuild
import ShowroomModel
import ShowroomRendering

/// Pages of a site that is still being rendered, rendered when a browser asks for them, byte for byte
/// the ones the whole render writes. Two uses: the session's first build (every page: a preview of a
/// large store answers its first page once the store is planned, not once every page is rendered), and
/// an edit's pages (`only` the jobs the edit changed: open pages reload as soon as the edit is planned,
/// and a page the edit changed is never served as it was before it).
package final class PagesOnDemand: @unchecked Sendable {
    package enum Answer: Equatable {
        case file([UInt8])
        /// No page or copy of this site has that path.
        case notFound
        /// A file only the whole build makes (the feeds, the sitemap, the search index), or one that could
        /// not be read or rendered now: not ready yet.
        case notYet
    }

    private let plan: BuildPlan
    /// The jobs whose pages are rendered here; nil: every job, and the copied files too.
    private let jobs: Set<PageJob>?
    private let lock = NSLock()
    /// Made on first use, not on the way to an edit's reload.
    private var outputMap: OutputMap?
    /// Every file of the jobs rendered so far (a product's job writes its variant pages too).
    private var rendered: [String: [UInt8]] = [:]

    package init(plan: BuildPlan, only jobs: Set<PageJob>? = nil) {
        self.plan = plan
        self.jobs = jobs
    }

    private var map: OutputMap {
        lock.withLock {
            if let outputMap { return outputMap }
            let map = OutputMap(plan: plan)
            outputMap = map
            return map
        }
    }

    /// Whether `path` is a page of a job rendered here (with `only`, one the edit changed).
    package func covers(_ path: String) -> Bool {
        guard let job = map.job(writing: path) else { return false }
        return jobs?.contains(job) ?? true
    }

    /// The file at `path` (an output path, `products/mug/index.html`). Blocks while it renders.
    package func file(_ path: String) -> Answer {
        if let bytes = lock.withLock({ rendered[path] }) { return .file(bytes) }
        let map = map
        if jobs == nil, let source = map.copies[path] {
            guard let data = FileManager.default.contents(atPath: source) else { return .notYet }
            return .file([UInt8](data))
        }
        if jobs == nil, let schema = plan.listingSchemaFile, schema.path == path { return .file(schema.bytes) }
        guard let job = map.job(writing: path), jobs?.contains(job) ?? true else {
            return OutputMap.isSiteWide(path) ? .notYet : .notFound
        }
        guard let files = try? plan.render([job]) else { return .notYet }
        return lock.withLock {
            for file in files { rendered[file.path] = file.bytes }
            return rendered[path].map { .file($0) } ?? .notFound
        }
    }

    /// Whether `path` names a folder with a page in it (`products/mug` → `products/mug/index.html`).
    package func isFolder(_ path: String) -> Bool {
        map.job(writing: path.isEmpty ? "index.html" : path + "/index.html") != nil
    }
}
