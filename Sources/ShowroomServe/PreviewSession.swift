import Foundation
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// What `showroom serve` serves: the last good build, held in memory, and the errors of the latest
/// build if it failed. Rebuilds replace the snapshot only when they succeed, so a broken edit never
/// takes the site away; open pages are told to reload after every build, good or bad.
public actor PreviewSession {
    public let options: BuildOptions
    public private(set) var snapshot = SiteSnapshot(files: [:], generation: 0)
    /// Errors of the latest build; empty after a good one.
    public private(set) var errors: [Diagnostic] = []
    public private(set) var generation = 0
    /// Whole-site builds so far (edits to a write-up's body alone do not need one).
    public private(set) var fullBuilds = 0
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]
    /// The last good build's model, for rebuilding only what an edit touches.
    private var built: BuiltModel?
    private var feedTicket = 0
    private var feedTask: Task<Void, Never>?
    /// Making the renditions of pictures the cache lacks; the site is rebuilt with them when done.
    private var pictureTask: Task<Void, Never>?

    /// A good build's model and, per product write-up (by resolved path), its product and the bytes of
    /// its front matter: an edit that leaves those bytes alone changes the body only.
    private struct BuiltModel {
        var plan: BuildPlan
        var writeUps: [String: (product: Int, frontMatter: [UInt8])]
    }

    /// How often an open reload stream carries a comment, so a page closed without a goodbye is noticed
    /// (a write to its connection fails) and its listener dropped.
    public let heartbeat: Duration

    public init(options: BuildOptions, heartbeat: Duration = .seconds(15)) {
        self.options = options
        self.heartbeat = heartbeat
    }

    /// Builds the whole site into memory. Returns the errors (empty when the build succeeded).
    @discardableResult
    public func rebuild() async -> [Diagnostic] {
        fullBuilds += 1
        return await rebuildSite()
    }

    private func rebuildSite() async -> [Diagnostic] {
        // This build makes its own feeds: feeds still being made for an earlier edit must not land.
        feedTask?.cancel()
        feedTicket += 1
        let store = Builder.load(options)
        var failure: [Diagnostic] = store.diagnostics.hasErrors ? store.diagnostics.sorted.filter { $0.severity == .error } : []
        var files: [String: [UInt8]]?
        var plan: BuildPlan?
        if failure.isEmpty, let site = store.site, let theme = store.theme {
            let writer = MemoryWriter()
            // Pictures from the cache; those it lacks are shown as they are until made in the background.
            let cache = Builder.absoluteURL(options.imageCacheDirectory)
            let pictures = await ImageRenditions.renderOffPool(site: site, settings: theme.imageSettings, cacheDirectory: cache,
                                                               workers: options.workers, prunes: false, cachedOnly: true)
            failure = pictures.diagnostics.filter { $0.severity == .error }
            if failure.isEmpty, pictures.report.pending > 0, pictureTask == nil {
                // One core encodes (libvips on a thread of its own); the others keep answering requests.
                let workers = max(1, options.workers - 1)
                pictureTask = Task.detached { [weak self] in
                    _ = await ImageRenditions.renderOffPool(site: site, settings: theme.imageSettings, cacheDirectory: cache, workers: workers, prunes: false)
                    await self?.picturesMade()
                }
            }
            do {
                guard failure.isEmpty else { throw BuildFailure(failure) }
                let planned = BuildPlan(site: site, theme: theme, images: pictures.images)
                _ = try await Builder.render(planned, to: writer, workers: options.workers)
                files = writer.files
                plan = planned
            } catch let error as BuildFailure {
                failure = error.errors
            } catch {
                failure = [.error("\(error)", at: nil)]
            }
        }
        generation += 1
        if let files, let plan {
            snapshot = SiteSnapshot(files: files, generation: generation)
            errors = []
            built = BuiltModel(plan: plan, writeUps: Self.writeUps(of: plan.site))
        } else {
            errors = failure.isEmpty ? [.error("the build failed", at: nil)] : failure
        }
        for listener in listeners.values { listener.yield(generation) }
        return errors
    }

    /// The background pass filled the cache: build again so pages offer the renditions.
    private func picturesMade() async {
        pictureTask = nil
        await rebuildSite()
    }

    /// Rebuilds after `paths` changed: only the edited products' pages when nothing but the body of
    /// product write-ups changed (their feeds follow a moment later), the whole site otherwise.
    @discardableResult
    public func update(changed paths: Set<String>) async -> [Diagnostic] {
        // Hidden files (editor swap files) and backups~ are never part of a build.
        let paths = paths.filter { path in
            let name = (path as NSString).lastPathComponent
            return !name.hasPrefix(".") && !name.hasSuffix("~")
        }
        guard !paths.isEmpty else { return errors }
        guard errors.isEmpty, let built else { return await rebuild() }
        let content = Builder.absoluteURL(options.contentDirectory).resolvingSymlinksInPath().path
        if paths.allSatisfy({ $0 == content + "/catalog.json" || ($0.hasPrefix(content + "/catalog/") && $0.hasSuffix(".json")) }) {
            return await updateCatalog(built)
        }
        var products: [Int] = []
        for path in paths {
            guard let writeUp = built.writeUps[path], let data = FileManager.default.contents(atPath: path) else { return await rebuild() }
            let bytes = [UInt8](data)
            let prefix = writeUp.frontMatter
            // Same front matter bytes (and still none when there was none): the model is unchanged.
            // Anything the full load would judge differently (bad UTF-8, a closing "---" line that
            // could run on) goes through it, so the preview never shows what a build rejects.
            guard bytes.count >= prefix.count, Array(bytes[0..<prefix.count]) == prefix,
                  prefix.isEmpty || prefix.last == UInt8(ascii: "\n"),
                  !prefix.isEmpty || !bytes.starts(with: Array("---".utf8)),
                  String(validating: bytes, as: UTF8.self) != nil else { return await rebuild() }
            products.append(writeUp.product)
        }
        var files = snapshot.files
        do {
            for file in try built.plan.render(products.sorted().map { .product($0) }) { files[file.path] = file.bytes }
        } catch {
            return await rebuild()
        }
        publish(files, rebuildingFeedsOf: built)
        return []
    }

    /// After an edit of the catalog alone: reload the model, and when only some products' data changed
    /// (same products, collections, settings and pages), render just the pages that show them: their own
    /// pages, listing pages and related-product cards that include them, and the home page.
    private func updateCatalog(_ previous: BuiltModel) async -> [Diagnostic] {
        let store = Builder.load(options)
        guard let site = store.site, let theme = store.theme, !store.diagnostics.hasErrors,
              let (plan, changed) = previous.plan.replanned(for: site, theme: theme) else { return await rebuild() }
        var files = snapshot.files
        do {
            for file in try plan.render(changed) { files[file.path] = file.bytes }
        } catch {
            return await rebuild()
        }
        let updated = BuiltModel(plan: plan, writeUps: previous.writeUps)
        built = updated
        publish(files, rebuildingFeedsOf: updated)
        return []
    }

    /// Serves `files` now and tells open pages to reload; the feeds (which list every product) are
    /// rebuilt beside and swapped in when done, unless a newer edit has started its own.
    private func publish(_ files: [String: [UInt8]], rebuildingFeedsOf built: BuiltModel) {
        generation += 1
        snapshot = SiteSnapshot(files: files, generation: generation)
        for listener in listeners.values { listener.yield(generation) }
        // One worker, so the next edit's pages are not kept waiting behind feed work; a newer edit
        // cancels this one's feeds.
        feedTicket += 1
        let ticket = feedTicket
        let feeds = built.plan.feeds
        feedTask?.cancel()
        feedTask = Task.detached { [weak self] in
            let writer = MemoryWriter()
            guard (try? await feeds.write(to: writer, workers: 1)) != nil,
                  !Task.isCancelled else { return }
            await self?.applyFeeds(writer.files, ticket: ticket)
        }
    }

    private func applyFeeds(_ feeds: [String: [UInt8]], ticket: Int) {
        guard ticket == feedTicket, errors.isEmpty else { return }
        var files = snapshot.files
        for (path, bytes) in feeds { files[path] = bytes }
        snapshot = SiteSnapshot(files: files, generation: generation)
    }

    private static func writeUps(of site: Site) -> [String: (product: Int, frontMatter: [UInt8])] {
        var result: [String: (product: Int, frontMatter: [UInt8])] = [:]
        for (index, product) in site.products.enumerated() {
            guard let reference = product.description else { continue }
            let path = URL(fileURLWithPath: reference.absolutePath).resolvingSymlinksInPath().path
            guard let handle = FileHandle(forReadingAtPath: path) else { continue }
            defer { try? handle.close() }
            let prefix = reference.bodyOffset > 0 ? (try? handle.read(upToCount: reference.bodyOffset)).map { [UInt8]($0) } ?? [] : []
            result[path] = (index, prefix)
        }
        return result
    }

    /// A stream of build generations, one after every build, for the reload events; with `heartbeats`,
    /// also `0` every `heartbeat` (generations start at 1).
    public func events(heartbeats: Bool = false) -> AsyncStream<Int> {
        let id = UUID()
        // A few buffered: a heartbeat must not push out a reload that the writer has not sent yet.
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(4))
        listeners[id] = continuation
        let interval = heartbeat
        let beat = heartbeats ? Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                continuation.yield(0)
            }
        } : nil
        continuation.onTermination = { [weak self] _ in
            beat?.cancel()
            Task { await self?.removeListener(id) }
        }
        return stream
    }

    private func removeListener(_ id: UUID) { listeners[id] = nil }

    /// Open reload streams (one per open page).
    public var listenerCount: Int { listeners.count }

    /// Ends every event stream (the server is shutting down).
    public func finishEvents() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }
}

/// One build's files, immutable; entity tags are computed on first request and remembered.
public final class SiteSnapshot: @unchecked Sendable {
    public let files: [String: [UInt8]]
    public let generation: Int
    private let lock = NSLock()
    private var tags: [String: String] = [:]

    init(files: [String: [UInt8]], generation: Int) {
        self.files = files
        self.generation = generation
    }

    /// A strong entity tag for a file's bytes as served.
    func entityTag(for key: String, bytes: [UInt8]) -> String {
        if let tag = lock.withLock({ tags[key] }) { return tag }
        let tag = "\"" + ContentHash.hex(bytes, length: 16) + "\""
        lock.withLock { tags[key] = tag }
        return tag
    }
}
