import Foundation
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// What `showroom serve` serves: the last good build, held in memory, and the errors of the latest
/// build if it failed. Rebuilds replace the snapshot only when they succeed, so a broken edit never
/// takes the site away; open pages are told to reload after every build, good or bad.
///
/// The session only holds state. Loading and rendering run on `DedicatedThreads.builds`, outside the actor, and a
/// finished result replaces the snapshot in one assignment: requests keep being answered from the
/// current, complete site while a build runs, and never see one half updated. An edit whose plan is
/// made (it loaded without errors) is served before its pages are all rendered: its snapshot renders a
/// page it changed on request (`SiteSnapshot.pending`), so no page is shown as it was before the edit.
public actor PreviewSession {
    public let options: BuildOptions
    public private(set) var snapshot = SiteSnapshot(files: [:], generation: 0) {
        didSet { published.set(snapshot, errors) }
    }
    /// Errors of the latest build; empty after a good one.
    public private(set) var errors: [Diagnostic] = [] {
        didSet { published.set(snapshot, errors) }
    }
    /// The snapshot and errors, readable without waiting for the actor.
    private nonisolated let published = PublishedSite()
    public private(set) var generation = 0
    /// Whole-site builds so far (edits to a write-up's body alone do not need one).
    public private(set) var fullBuilds = 0
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]
    /// The last good build's model, for rebuilding only what an edit touches.
    private var built: BuiltModel?
    private var feedTicket = 0
    private var feedTask: Task<Void, Never>?
    /// The step queued last. Each step waits for the one before it: it starts from the state that one
    /// left, so two edits in quick succession cannot both start from the same site and undo each other.
    private var lastStep: Task<[Diagnostic], Never>?
    /// Making the renditions of pictures the cache lacks; the site is rebuilt with them when done.
    private var pictureTask: Task<Void, Never>?
    /// Indexing the latest build for search (Pagefind, in the background); a newer build cancels it.
    private var searchTicket = 0
    private var searchTask: Task<Void, Never>?
    private let load: @Sendable (BuildOptions, LoadReuse?) -> LoadedStore
    /// Runs between planning and rendering a whole build or an edit's pages (tests hold the build there).
    private let beforeRendering: (@Sendable () async -> Void)?

    /// A good build's model and, per product write-up (by resolved path, as the watcher names it), its
    /// product. An edit that leaves the write-up's front matter as the load parsed it (`memo`) changes the
    /// body only.
    private struct BuiltModel: Sendable {
        var plan: BuildPlan
        var writeUps: [String: Int]
        /// What the load read, so the next one parses only the files that changed.
        var memo: ContentMemo?
        /// The search index's records by position, kept so an edit re-indexes without rendering every page.
        var searchRecords: [Int: SearchRecord] = [:]
    }

    /// A site made off the session, ready to be swapped in.
    private struct BuiltSite: Sendable {
        var files: [String: [UInt8]]
        var model: BuiltModel
        /// Pictures the image cache lacked, shown as they are until a background pass has made them.
        var picturesPending = false
    }

    /// What changes the session's state; steps run one after another (`lastStep`).
    private enum Step: Sendable {
        case rebuild
        /// The background pass made the pictures the last build lacked: build again (not counted as an edit's build).
        case picturesMade
        case update(Set<String>)
        /// The feeds of the edit with this ticket are done.
        case feeds([String: [UInt8]], ticket: Int)
        /// The search index of the build with this ticket is done.
        case searchIndexed(Result<[OutputFile], Diagnostic>, ticket: Int)
    }

    /// How often an open reload stream carries a comment, so a page closed without a goodbye is noticed
    /// (a write to its connection fails) and its listener dropped.
    public let heartbeat: Duration

    public init(options: BuildOptions, heartbeat: Duration = .seconds(15)) {
        self.init(options: options, heartbeat: heartbeat, load: Builder.load(_:reusing:))
    }

    /// `load` reads the store (tests slow it down to catch a build in the act).
    package init(options: BuildOptions, heartbeat: Duration = .seconds(15), load: @escaping @Sendable (BuildOptions, LoadReuse?) -> LoadedStore,
                 beforeRendering: (@Sendable () async -> Void)? = nil) {
        self.options = options
        self.heartbeat = heartbeat
        self.load = load
        self.beforeRendering = beforeRendering
    }

    /// The site to answer a request from and the latest build's errors, read together, without a hop to
    /// the actor: a request never waits behind the session's work.
    package nonisolated var current: (snapshot: SiteSnapshot, errors: [Diagnostic]) { published.get() }

    /// Pages rendered on request while the session's first build runs (nil once it is done, or when
    /// there is a good site to serve meanwhile).
    package nonisolated var pagesOnDemand: PagesOnDemand? { published.onDemand }

    /// Builds the whole site into memory. Returns the errors (empty when the build succeeded).
    @discardableResult
    public func rebuild() async -> [Diagnostic] {
        await run(.rebuild)
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
        return await run(.update(paths))
    }

    /// Queues `step` behind the steps before it and waits for it.
    private func run(_ step: Step) async -> [Diagnostic] {
        let previous = lastStep
        let next = Task {
            _ = await previous?.value
            switch step {
            case .rebuild: return await rebuildNow()
            case .picturesMade: return await rebuildNow(counted: false)
            case .update(let paths): return await updateNow(paths)
            case .feeds(let feeds, let ticket): return await landFeeds(feeds, ticket: ticket)
            case .searchIndexed(let index, let ticket): return landSearchIndex(index, ticket: ticket)
            }
        }
        lastStep = next
        return await next.value
    }

    private func rebuildNow(counted: Bool = true) async -> [Diagnostic] {
        if counted { fullBuilds += 1 }
        // This build makes its own feeds: feeds still being made for an earlier edit must not land.
        feedTask?.cancel()
        feedTicket += 1
        let (options, load, published, beforeRendering) = (options, load, published, beforeRendering)
        // With nothing good to serve yet, the pages a browser asks for are rendered as soon as the store is planned.
        let servesOnDemand = snapshot.files.isEmpty && errors.isEmpty
        // The theme may be what changed: only the content's memo is handed on.
        let reuse = built?.memo.map { LoadReuse(memo: $0) }
        let outcome = await DedicatedThreads.builds.run {
            await Self.buildWhole(options, load: load, reusing: reuse) { plan in
                if servesOnDemand { published.onDemand = PagesOnDemand(plan: plan) }
                await beforeRendering?()
            }
        }
        let servedOnDemand = published.onDemand != nil
        generation += 1
        switch outcome {
        case .success(let site):
            // The last index keeps answering searches until this build's is ready.
            var files = site.files
            for (path, bytes) in snapshot.files where path.hasPrefix(Self.searchPrefix) && files[path] == nil { files[path] = bytes }
            snapshot = SiteSnapshot(files: files, generation: generation)
            errors = []
            built = site.model
            if site.picturesPending, pictureTask == nil { makePictures(of: site.model.plan) }
            indexSearch(of: site.model)
        case .failure(let failure):
            errors = failure.errors.isEmpty ? [.error("the build failed", at: nil)] : failure.errors
        }
        // Only now that the built site (or its errors) is published: a request never finds neither.
        published.onDemand = nil
        // Pages shown on demand are the ones this build wrote: no reason to reload them.
        if !(servedOnDemand && errors.isEmpty) {
            for listener in listeners.values { listener.yield(generation) }
        }
        return errors
    }

    private func updateNow(_ paths: Set<String>) async -> [Diagnostic] {
        guard errors.isEmpty, let built else { return await rebuildNow() }
        let (base, options, load) = (snapshot.files, options, load)
        let updated: BuiltSite
        var reloading = true
        switch await DedicatedThreads.builds.run({ Self.edit(base, built, after: paths, options: options, load: load) }) {
        case nil:
            return await rebuildNow()
        case .rendered(let site):
            updated = site
        case .replanned(let replanned):
            // Open pages reload as soon as the edit is planned: until its pages are all rendered, a page it
            // changed is rendered when asked for, and the others are served as they were (they are unchanged).
            generation += 1
            snapshot = SiteSnapshot(files: base, generation: generation, pending: PagesOnDemand(plan: replanned.plan, only: Set(replanned.jobs)))
            for listener in listeners.values { listener.yield(generation) }
            let (workers, beforeRendering) = (options.workers, beforeRendering)
            guard let site = await DedicatedThreads.builds.run({ () async -> BuiltSite? in
                await beforeRendering?()
                return Self.render(replanned, over: base, previous: built, workers: workers)
            }) else {
                // A page failed to render: the last good site, until the whole build says why.
                snapshot = SiteSnapshot(files: base, generation: generation)
                return await rebuildNow()
            }
            // The same pages as the ones rendered on request: nothing to reload.
            (updated, reloading) = (site, false)
        }
        self.built = updated.model
        publish(updated.files, rebuildingFeedsOf: updated.model, reloading: reloading)
        indexSearch(of: updated.model)
        return []
    }

    private static let searchPrefix = SiteLinks.searchFolder + "/"

    /// Indexes `built`'s records with Pagefind off the session; the index lands as a step of its own.
    private func indexSearch(of built: BuiltModel) {
        searchTicket += 1
        searchTask?.cancel()
        guard built.plan.search != nil else { return }
        let ticket = searchTicket
        let (records, plan, pagefind) = (built.searchRecords, built.plan, options.pagefind)
        searchTask = Task.detached { [weak self] in
            let stop = SearchIndexStop()
            let index = await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Result<[OutputFile], Diagnostic>, Never>) in
                    // Pagefind's service is driven with blocking reads and writes: a thread of its own.
                    Thread {
                        do throws(Diagnostic) {
                            continuation.resume(returning: .success(try SearchIndexing.index(records, plan: plan, pagefind: pagefind, stop: stop)))
                        } catch {
                            continuation.resume(returning: .failure(error))
                        }
                    }.start()
                }
            } onCancel: {
                stop.stop()
            }
            guard !Task.isCancelled else { return }
            _ = await self?.run(.searchIndexed(index, ticket: ticket))
        }
    }

    /// Swaps the new index in for the old one, unless a newer build or edit came after the one it indexes.
    private func landSearchIndex(_ index: Result<[OutputFile], Diagnostic>, ticket: Int) -> [Diagnostic] {
        guard ticket == searchTicket, errors.isEmpty else { return errors }
        switch index {
        case .success(let index):
            var files = snapshot.files.filter { !$0.key.hasPrefix(Self.searchPrefix) }
            for file in index { files[file.path] = file.bytes }
            snapshot = SiteSnapshot(files: files, generation: generation)
        case .failure(let problem):
            generation += 1
            errors = [problem]
            for listener in listeners.values { listener.yield(generation) }
        }
        return errors
    }

    /// Encodes the pictures the cache lacks, with one worker (libvips on a thread of its own, the other
    /// cores answering requests), then builds again so the pages offer them.
    private func makePictures(of plan: BuildPlan) {
        let (site, settings) = (plan.site, plan.theme.imageSettings)
        let (cache, workers) = (Builder.absoluteURL(options.imageCacheDirectory), max(1, options.workers - 1))
        pictureTask = Task.detached { [weak self] in
            _ = await ImageRenditions.renderOffPool(site: site, settings: settings, cacheDirectory: cache, workers: workers, prunes: false)
            await self?.picturesMade()
        }
    }

    private func picturesMade() async {
        pictureTask = nil
        _ = await run(.picturesMade)
    }

    /// Loads, plans and renders the whole store (off the session). Pictures come from the image cache;
    /// those it lacks are shown as they are, with their size, until the background pass has made them.
    private static func buildWhole(_ options: BuildOptions, load: (BuildOptions, LoadReuse?) -> LoadedStore, reusing reuse: LoadReuse?,
                                   planned: @Sendable (BuildPlan) async -> Void) async -> Result<BuiltSite, BuildFailure> {
        let store = load(options, reuse)
        guard !store.diagnostics.hasErrors, let site = store.site, let theme = store.theme else {
            return .failure(BuildFailure(store.diagnostics.sorted))
        }
        let pictures = ImageRenditions.render(site: site, settings: theme.imageSettings, cacheDirectory: Builder.absoluteURL(options.imageCacheDirectory),
                                              workers: options.workers, prunes: false, cachedOnly: true)
        guard !pictures.diagnostics.contains(where: { $0.severity == .error }) else {
            return .failure(BuildFailure(pictures.diagnostics.filter { $0.severity == .error }))
        }
        let writer = MemoryWriter()
        do {
            let plan = BuildPlan(site: site, theme: theme, images: pictures.images)
            // Without Pagefind the preview fails as the build would, rather than serve a search that cannot work.
            if plan.search != nil, PagefindLocator.find(options.pagefind) == nil {
                return .failure(BuildFailure([.error("search needs Pagefind \(PagefindService.version), which is not installed", at: nil,
                                                     hint: PagefindService.installHint)]))
            }
            await planned(plan)
            let records = SearchRecordCollector()
            _ = try await Builder.render(plan, to: writer, workers: options.workers, searchRecords: records)
            return .success(BuiltSite(files: writer.files, model: BuiltModel(plan: plan, writeUps: writeUps(of: site), memo: store.memo,
                                                                             searchRecords: records.collected),
                                      picturesPending: pictures.report.pending > 0))
        } catch let error as BuildFailure {
            return .failure(error)
        } catch {
            return .failure(BuildFailure([.error("\(error)", at: nil)]))
        }
    }

    /// What an edit needs, worked out off the session: its pages rendered already (a write-up's body), or
    /// a new plan with the pages it changed, still to render.
    private enum Edit: Sendable {
        case rendered(BuiltSite)
        case replanned(Replanned)
    }

    private struct Replanned: Sendable {
        var plan: BuildPlan
        /// The pages the edit changed.
        var jobs: [PageJob]
        var memo: ContentMemo?
    }

    /// The pages an edit of `paths` touched, when the edit is one the shortcuts cover (off the session);
    /// nil when the whole site must be built again. An edit of a write-up's body alone is rendered here
    /// (one product's pages); any other is planned (`replanned`) and rendered by the caller.
    private static func edit(_ base: [String: [UInt8]], _ built: BuiltModel, after paths: Set<String>,
                             options: BuildOptions, load: (BuildOptions, LoadReuse?) -> LoadedStore) -> Edit? {
        let content = Builder.absoluteURL(options.contentDirectory).resolvingSymlinksInPath().path
        // Media and site.json change what every page shows; anything outside Content/ is the theme.
        let replannable = paths.allSatisfy { $0.hasPrefix(content + "/") && !$0.hasPrefix(content + "/media/") && $0 != content + "/site.json" }
        guard replannable else { return nil }
        var products: [Int] = []
        for path in paths {
            // The front matter as the load parsed it: read again from the disk, it could already be an edit's that the model lacks.
            guard let product = built.writeUps[path], let reference = built.plan.site.products[product].description,
                  let prefix = built.memo?.frontMatter(ofWriteUpAt: reference.absolutePath),
                  let data = FileManager.default.contents(atPath: path) else {
                return replanned(built, after: paths, options: options, load: load).map { .replanned($0) }
            }
            let bytes = [UInt8](data)
            // Same front matter bytes (and still none when there was none): the model is unchanged.
            // Anything the full load would judge differently (bad UTF-8, a closing "---" line that
            // could run on) goes through it, so the preview never shows what a build rejects.
            guard bytes.count >= prefix.count, Array(bytes[0..<prefix.count]) == prefix,
                  prefix.isEmpty || prefix.last == UInt8(ascii: "\n"),
                  !prefix.isEmpty || !bytes.starts(with: Array("---".utf8)),
                  String(validating: bytes, as: UTF8.self) != nil else {
                return replanned(built, after: paths, options: options, load: load).map { .replanned($0) }
            }
            products.append(product)
        }
        var files = base
        let records = SearchRecordCollector()
        do {
            for file in try built.plan.render(products.sorted().map { .product($0) }, searchRecords: records) { files[file.path] = file.bytes }
        } catch {
            return nil
        }
        var model = built
        model.searchRecords.merge(records.collected) { $1 }
        return .rendered(BuiltSite(files: files, model: model))
    }

    /// After an edit of the catalog, a write-up's front matter, a page or a collection file: reload the
    /// model and, when only some products' data, pages' text or collections' descriptions changed
    /// (`BuildPlan.replanned`), name the pages that show them: for a product its own pages, the listing
    /// pages and related-product cards that include it, and the home page.
    private static func replanned(_ previous: BuiltModel, after paths: Set<String>, options: BuildOptions,
                                  load: (BuildOptions, LoadReuse?) -> LoadedStore) -> Replanned? {
        // Only content changed (`edit` checked): the theme is the one the plan has.
        let store = load(options, previous.memo.map { LoadReuse(memo: $0, theme: previous.plan.theme) })
        guard let site = store.site, let theme = store.theme, !store.diagnostics.hasErrors,
              let replanned = previous.plan.replanned(for: site, theme: theme) else { return nil }
        var jobs = replanned.changed
        for path in paths {
            guard let product = previous.writeUps[path] else { continue }
            // Its body may have changed too, which the model does not show (it keeps where the body starts,
            // not the text): its pages are rendered again whatever `replanned` found. Same handles, same indexes.
            if !jobs.contains(.product(product)) { jobs.append(.product(product)) }
        }
        return Replanned(plan: replanned.plan, jobs: jobs, memo: store.memo)
    }

    /// `base` with the pages of `replanned` rendered again; nil if one fails to render.
    private static func render(_ replanned: Replanned, over base: [String: [UInt8]], previous: BuiltModel, workers: Int) -> BuiltSite? {
        var files = base
        let records = SearchRecordCollector()
        do {
            for file in try replanned.plan.render(replanned.jobs, searchRecords: records, workers: workers) { files[file.path] = file.bytes }
        } catch {
            return nil
        }
        return BuiltSite(files: files, model: BuiltModel(plan: replanned.plan, writeUps: previous.writeUps, memo: replanned.memo,
                                                         searchRecords: previous.searchRecords.merging(records.collected) { $1 }))
    }

    /// Serves `files` now and tells open pages to reload (unless they were told when the edit was
    /// planned); the feeds (which list every product) are rebuilt beside and swapped in when done, unless
    /// a newer edit has started its own.
    private func publish(_ files: [String: [UInt8]], rebuildingFeedsOf built: BuiltModel, reloading: Bool = true) {
        if reloading { generation += 1 }
        snapshot = SiteSnapshot(files: files, generation: generation)
        if reloading { for listener in listeners.values { listener.yield(generation) } }
        // One worker, so the next edit's pages are not kept waiting behind feed work; a newer edit
        // cancels this one's feeds.
        feedTicket += 1
        let ticket = feedTicket
        let feeds = built.plan.feeds
        feedTask?.cancel()
        feedTask = Task(executorPreference: DedicatedThreads.builds) { [weak self] in
            let writer = MemoryWriter()
            guard (try? await feeds.write(to: writer, workers: 1)) != nil,
                  !Task.isCancelled else { return }
            _ = await self?.run(.feeds(writer.files, ticket: ticket))
        }
    }

    /// Adds finished feeds to the site, unless a newer edit or a failed build came after the edit
    /// they were made for.
    private func landFeeds(_ feeds: [String: [UInt8]], ticket: Int) async -> [Diagnostic] {
        guard ticket == feedTicket, errors.isEmpty else { return errors }
        let base = snapshot.files
        let files = await DedicatedThreads.builds.run {
            var files = base
            for (path, bytes) in feeds { files[path] = bytes }
            return files
        }
        // Steps run one at a time, so the snapshot is still the one the feeds were added to.
        snapshot = SiteSnapshot(files: files, generation: generation)
        return errors
    }

    /// Each product's write-up file, resolved as the watcher names it, and the product.
    private static func writeUps(of site: Site) -> [String: Int] {
        var result: [String: Int] = [:]
        for (index, product) in site.products.enumerated() {
            guard let reference = product.description else { continue }
            result[URL(fileURLWithPath: reference.absolutePath).resolvingSymlinksInPath().path] = index
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

/// What the session serves now, behind a lock.
private final class PublishedSite: @unchecked Sendable {
    private let lock = NSLock()
    private var site = (snapshot: SiteSnapshot(files: [:], generation: 0), errors: [Diagnostic]())
    private var pagesOnDemand: PagesOnDemand?

    func get() -> (snapshot: SiteSnapshot, errors: [Diagnostic]) { lock.withLock { site } }
    func set(_ snapshot: SiteSnapshot, _ errors: [Diagnostic]) { lock.withLock { site = (snapshot, errors) } }
    var onDemand: PagesOnDemand? {
        get { lock.withLock { pagesOnDemand } }
        set { lock.withLock { pagesOnDemand = newValue } }
    }
}

/// One build's files, immutable; entity tags are computed on first request and remembered.
public final class SiteSnapshot: @unchecked Sendable {
    public let files: [String: [UInt8]]
    public let generation: Int
    /// The pages an edit changed, while they are being rendered: served from here, never from `files`,
    /// which still holds them as they were before the edit.
    package let pending: PagesOnDemand?
    private let lock = NSLock()
    private var tags: [String: String] = [:]

    init(files: [String: [UInt8]], generation: Int, pending: PagesOnDemand? = nil) {
        self.files = files
        self.generation = generation
        self.pending = pending
    }

    /// A strong entity tag for a file's bytes as served.
    func entityTag(for key: String, bytes: [UInt8]) -> String {
        if let tag = lock.withLock({ tags[key] }) { return tag }
        let tag = "\"" + ContentHash.hex(bytes, length: 16) + "\""
        lock.withLock { tags[key] = tag }
        return tag
    }
}
