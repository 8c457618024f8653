import Foundation
import ShowroomBuild
import ShowroomModel
import ShowroomRendering

/// The pages of a site that is still being built, rendered when a browser asks for them: a preview of a
/// large store answers its first page once the store is loaded, not once every page is rendered. Only
/// for the first build of a session (later builds keep serving the last good site until they are done);
/// every page rendered here is the one the whole build writes, byte for byte.
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
    private let map: OutputMap
    private let lock = NSLock()
    /// Every file of the jobs rendered so far (a product's job writes its variant pages too).
    private var rendered: [String: [UInt8]] = [:]

    package init(plan: BuildPlan) {
        self.plan = plan
        map = OutputMap(plan: plan)
    }

    /// The file at `path` (an output path, `products/mug/index.html`). Blocks while it renders.
    package func file(_ path: String) -> Answer {
        if let bytes = lock.withLock({ rendered[path] }) { return .file(bytes) }
        if let source = map.copies[path] {
            guard let data = FileManager.default.contents(atPath: source) else { return .notYet }
            return .file([UInt8](data))
        }
        if let schema = plan.listingSchemaFile, schema.path == path { return .file(schema.bytes) }
        guard let job = map.job(writing: path) else { return OutputMap.isSiteWide(path) ? .notYet : .notFound }
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
