import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport
import ShowroomTemplates

public struct BuildOptions: Sendable {
    public var contentDirectory: String
    public var themesDirectory: String
    /// Overrides `theme` of site.json.
    public var themeName: String?
    public var outputDirectory: String
    /// Overrides `url` of site.json.
    public var baseURL: String?
    /// Rendering workers; defaults to the machine's cores.
    public var workers: Int
    /// Build even when nothing changed since the last build.
    public var force = false
    /// Render each product's video listing to an MP4 with ffmpeg (cached; see `ListingVideos`).
    public var renderVideo = false
    /// Keep each product's plain-text description for the caller (`BuildSummary.descriptions`).
    package var keepsDescriptions = false
    /// Where rendered listings are kept between builds.
    public var videoCacheDirectory = ".showroom/video"
    /// The ffmpeg to render with: a name looked up on the PATH, or a path.
    public var ffmpeg = "ffmpeg"
    /// Called as listings are rendered: done of those that needed rendering.
    public var videoProgress: BuildProgress?
    /// Where resized pictures are kept between builds (`ImageRenditions`).
    public var imageCacheDirectory = ".showroom/images"
    /// Remove cached pictures this site no longer uses (off when several sites share one cache).
    package var prunesImageCache = true
    /// Called as pictures are resized: done of those not in the cache.
    public var imageProgress: BuildProgress?
    /// The Pagefind that indexes the site for search: a path or a name on the PATH; nil looks for it
    /// (`PagefindLocator`).
    public var pagefind: String?

    public init(contentDirectory: String = "Content", themesDirectory: String = "Themes", themeName: String? = nil,
                outputDirectory: String = "Public", baseURL: String? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.contentDirectory = contentDirectory
        self.themesDirectory = themesDirectory
        self.themeName = themeName
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
        self.workers = max(1, workers)
    }
}

public struct BuildSummary: Sendable {
    public var pages: Int
    public var files: Int
    public var bytes: Int
    public var products: Int
    public var seconds: Double
    /// Seconds spent in each phase, in order: load, pages, feeds (beside the pages), swap.
    public var phases: [(name: String, seconds: Double)] = []
    public var warnings: [Diagnostic]
    public var outputDirectory: String
    /// Nothing changed since the last build: the output folder was left as it was.
    public var unchanged = false
    /// Each product's plain-text description as the feeds carry it, when `BuildOptions.keepsDescriptions`.
    package var descriptions: [String]?
    /// Video listings rendered by this build and reused from the cache (nil when the build renders none).
    public var videos: ListingVideos.Report?
    /// Pictures resized by this build and reused from the cache.
    package var images: ImageRenditions.Report?
}

/// The load step's result: the store and its theme (nil where they failed to load) and every problem found.
public struct LoadedStore: Sendable {
    public var site: Site?
    public var theme: Theme?
    public var diagnostics: Diagnostics
    /// What loading the content read, for a later load to reuse (`ContentMemo`).
    public var memo: ContentMemo?
}

/// What an earlier load hands to the next one (the preview, after an edit): what it parsed of the content
/// and, when the edit did not touch the themes, the theme.
public struct LoadReuse: Sendable {
    public var memo: ContentMemo
    public var theme: Theme?

    public init(memo: ContentMemo, theme: Theme? = nil) {
        self.memo = memo
        self.theme = theme
    }
}

/// Progress of the rendering phase: pages done of pages planned.
public typealias BuildProgress = @Sendable (_ done: Int, _ total: Int) -> Void

/// The build as named steps, which `build`, `serve` and `check` all run: **load** (content and theme,
/// every problem collected) → **plan** (`BuildPlan`: the pages and the values they share) → **render**
/// (pages and feeds in parallel, into an `OutputWriter`) → **swap** (the staged site replaces the old
/// one). A build that renders videos runs the **videos** step between load and plan; what a step makes
/// travels forward as a value, never written back into the `Site`.
public enum Builder {
    public static func build(_ options: BuildOptions, progress: BuildProgress? = nil) async throws(BuildFailure) -> BuildSummary {
        try await build(options, loaded: nil, progress: progress)
    }

    /// `loaded`: the store as `load` returned it, when the caller has loaded it already (`check`).
    public static func build(_ options: BuildOptions, loaded store: LoadedStore?, progress: BuildProgress? = nil) async throws(BuildFailure) -> BuildSummary {
        let start = ContinuousClock.now

        // 1. Load and validate everything, collecting all problems.
        let inputsBefore = BuildFingerprint.inputStamp(options: options)
        let store = store ?? load(options)
        var diagnostics = store.diagnostics
        let loaded = ContinuousClock.now
        guard let site = store.site, let theme = store.theme, !diagnostics.hasErrors else { throw BuildFailure(diagnostics.sorted) }

        // 2. Nothing changed since the last build? Then the site on disk is what we would write.
        let destination = absoluteURL(options.outputDirectory)
        let fingerprint = await BuildFingerprint.compute(options: options, site: site, theme: theme)
        if !options.force, let last = BuildFingerprint.stored(for: destination), last.digest == fingerprint,
           FileManager.default.fileExists(atPath: destination.appendingPathComponent("index.html").path) {
            let end = ContinuousClock.now
            return BuildSummary(pages: last.pages, files: last.files, bytes: last.bytes, products: site.products.count,
                                seconds: PhaseTimings.seconds(start, end),
                                phases: [("load", PhaseTimings.seconds(start, loaded)), ("fingerprint", PhaseTimings.seconds(loaded, end))],
                                warnings: diagnostics.warnings, outputDirectory: options.outputDirectory, unchanged: true)
        }

        // 3. Video listings to MP4 (from the cache when their inputs did not change); the pages and feeds then point at them.
        var videoReport: ListingVideos.Report?
        var videos = RenderedVideos()
        let videosStart = ContinuousClock.now
        if options.renderVideo {
            do {
                let rendered = try await ListingVideos.render(site: site, theme: theme, cacheDirectory: absoluteURL(options.videoCacheDirectory),
                                                              ffmpegName: options.ffmpeg, workers: options.workers, progress: options.videoProgress)
                videos = RenderedVideos(rendered.listings)
                videoReport = rendered.report
            } catch {
                throw BuildFailure(diagnostics.sorted + error.diagnostics)
            }
        }
        let videosEnd = ContinuousClock.now
        // 4. Pictures resized and encoded for each slot and format (from the cache when the source and settings did not change).
        let imagesStart = ContinuousClock.now
        let pictures = await ImageRenditions.renderOffPool(site: site, settings: theme.imageSettings, cacheDirectory: absoluteURL(options.imageCacheDirectory),
                                                   workers: options.workers, prunes: options.prunesImageCache, progress: options.imageProgress)
        for diagnostic in pictures.diagnostics { diagnostics.append(diagnostic) }
        guard !diagnostics.hasErrors else { throw BuildFailure(diagnostics.sorted) }
        let imagesEnd = ContinuousClock.now
        let plan = BuildPlan(site: site, theme: theme, videos: videos, images: pictures.images)

        // 5. Render into a staging folder next to the output, then swap it in.
        let staged: StagedOutput
        do {
            staged = try StagedOutput(destination: destination,
                                      protecting: [absoluteURL(options.contentDirectory), absoluteURL(options.themesDirectory)])
        } catch {
            throw BuildFailure(diagnostics.sorted + [.error("\(error)", at: nil)])
        }
        let writer = DirectoryWriter(root: staged.staging)
        let rendered: (pages: Int, descriptions: [String]?)
        let timings = PhaseTimings()
        let swapStart: ContinuousClock.Instant
        // 6. The search index, fed by the page renderers as they go (Pagefind indexes in its own process).
        let indexing: SearchIndexing?
        do {
            indexing = try SearchIndexing.start(plan: plan, pagefind: options.pagefind)
        } catch {
            staged.discard()
            throw BuildFailure(diagnostics.sorted + [error])
        }
        do {
            rendered = try await render(plan, to: writer, workers: options.workers, progress: progress, timings: timings,
                                        keepingDescriptions: options.keepsDescriptions, searchRecords: indexing?.records)
            if let indexing {
                let searchStart = ContinuousClock.now
                for file in try await indexing.finish() { try writer.write(file) }
                timings.record("search", since: searchStart)
            }
            swapStart = .now
            BuildFingerprint.forget(for: destination)
            try staged.commit()
        } catch let failure as BuildFailure {
            indexing?.cancel()
            staged.discard()
            throw BuildFailure(diagnostics.sorted + failure.diagnostics)
        } catch let diagnostic as Diagnostic {
            indexing?.cancel()
            staged.discard()
            throw BuildFailure(diagnostics.sorted + [diagnostic])
        } catch {
            indexing?.cancel()
            staged.discard()
            throw BuildFailure(diagnostics.sorted + [.error("\(error)", at: nil)])
        }
        let totals = writer.totals
        // An input edited during the build may or may not be in this site: then the next build must not be skipped.
        if BuildFingerprint.inputStamp(options: options) == inputsBefore {
            BuildFingerprint(digest: fingerprint, pages: rendered.pages, files: totals.files, bytes: totals.bytes).store(for: destination)
        }
        let end = ContinuousClock.now
        var summary = BuildSummary(pages: rendered.pages, files: totals.files, bytes: totals.bytes, products: site.products.count,
                            seconds: PhaseTimings.seconds(start, end),
                            phases: [("load", PhaseTimings.seconds(start, loaded))]
                                + (options.renderVideo ? [("videos", PhaseTimings.seconds(videosStart, videosEnd))] : [])
                                + [("images", PhaseTimings.seconds(imagesStart, imagesEnd))] + timings.recorded + [("swap", PhaseTimings.seconds(swapStart, end))],
                            warnings: diagnostics.warnings, outputDirectory: options.outputDirectory, videos: videoReport)
        summary.descriptions = rendered.descriptions
        summary.images = pictures.report
        return summary
    }

    /// Loads content and theme without writing anything (also what `check` and tests use).
    public static func load(_ options: BuildOptions) -> LoadedStore {
        load(options, reusing: nil)
    }

    /// `reusing`: what an earlier load of the same store read; files unchanged since are not parsed again.
    public static func load(_ options: BuildOptions, reusing earlier: LoadReuse?) -> LoadedStore {
        let loader = ContentLoader(contentDirectory: absoluteURL(options.contentDirectory), displayRoot: options.contentDirectory,
                                   baseURLOverride: options.baseURL)
        let (site, contentDiagnostics, memo) = loader.load(reusing: earlier?.memo)
        let sink = DiagnosticSink()
        sink.diagnostics.append(contentsOf: contentDiagnostics)
        // The theme is checked even when the content has errors, so one run reports both.
        let themeName = options.themeName ?? site?.settings.theme ?? themeNameFromSiteJSON(options) ?? "default"
        let theme = earlier?.theme ?? Theme.load(themesDirectory: absoluteURL(options.themesDirectory), name: themeName,
                                                 displayRoot: options.themesDirectory, sink: sink)
        if let settings = site?.settings, let theme, theme.translations.select(settings.language) == nil {
            let available = theme.translations.available
            sink.error("the theme \"\(themeName)\" has no translation for the language \"\(settings.language)\"",
                       at: settings.languageLocation ?? SourceLocation(file: "site.json"),
                       hint: available.isEmpty ? "the theme has no \(ThemeTranslations.folder)/ folder; copy Themes/default/\(ThemeTranslations.folder)/ into it"
                                               : "languages the theme has: \(available.joined(separator: ", ")); set \"language\" to one of them, or add \(options.themesDirectory)/\(themeName)/\(ThemeTranslations.folder)/\(settings.language).json")
        }
        if let checkout = site?.settings.checkout, checkout.hasOwnCart, let theme, !theme.hasTemplate("cart") {
            sink.error("theme \"\(themeName)\" has no cart.mustache, which the \(checkout.kind.rawValue) checkout needs for its /cart/ page",
                       at: SourceLocation(file: "\(options.themesDirectory)/\(themeName)/templates/cart.mustache"),
                       hint: "copy Themes/default/templates/cart.mustache into the theme and adapt it")
        }
        return LoadedStore(site: site, theme: theme, diagnostics: sink.diagnostics, memo: memo)
    }

    /// Renders every page and copies assets and media; returns the number of pages, and with
    /// `keepingDescriptions` each product's plain-text description as the feeds carry it.
    package static func render(_ plan: BuildPlan, to writer: OutputWriter, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                              progress: BuildProgress? = nil, timings: PhaseTimings = PhaseTimings(),
                              keepingDescriptions: Bool = false, searchRecords: (any SearchRecordSink)? = nil) async throws -> (pages: Int, descriptions: [String]?) {
        let (site, jobs) = (plan.site, plan.jobs)
        let start = ContinuousClock.now
        // Feeds and pages read the same model and write different files: render them side by side, the
        // pages handing each write-up's plain text to the feeds.
        let handoff = DescriptionHandoff(count: site.products.count, keeping: keepingDescriptions)
        async let feeds: Void = {
            try await plan.feeds.write(to: writer, workers: workers, handoff: handoff)
            timings.record("feeds", since: start)
        }()
        let queue = JobQueue(count: jobs.count)
        let pageCount = try await withThrowingTaskGroup(of: (Int, [Diagnostic]).self) { group in
            for _ in 0..<max(1, min(workers, jobs.count)) {
                group.addTask {
                    let renderer = plan.pageRenderer(descriptions: handoff, searchRecords: searchRecords)
                    var pages = 0
                    var problems: [Diagnostic] = []
                    while let index = queue.next() {
                        do {
                            let files = try renderer.render(jobs[index])
                            for file in files { try writer.write(file) }
                            pages += files.count
                        } catch let diagnostic as Diagnostic {
                            problems.append(diagnostic)
                        } catch {
                            queue.stop()  // a write failed: the build is lost, so the other workers stop too
                            throw error
                        }
                        if let progress, let done = queue.finished() { progress(done, jobs.count) }
                        // The pool has a thread per core and a worker never waits: without yielding, the feeds
                        // would only start once every page is done, leaving their serial part on one core.
                        await Task.yield()
                    }
                    return (pages, problems)
                }
            }
            var total = 0
            var problems: [Diagnostic] = []
            for try await (pages, found) in group {
                total += pages
                problems += found
            }
            if !problems.isEmpty { throw BuildFailure(problems.sorted { ($0.location?.file ?? "") < ($1.location?.file ?? "") }) }
            return total
        }
        timings.record("pages", since: start)
        try await feeds
        for copy in plan.copiedFiles { try writer.copy(from: copy.source, to: copy.output) }
        if let schema = plan.listingSchemaFile { try writer.write(schema) }
        return (pageCount, handoff.descriptions)
    }

    package static func absoluteURL(_ path: String) -> URL {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)).standardizedFileURL
    }

    private static func themeNameFromSiteJSON(_ options: BuildOptions) -> String? {
        // When site.json has errors elsewhere, still honour its "theme" so theme errors are reported for the right theme.
        guard let data = FileManager.default.contents(atPath: absoluteURL(options.contentDirectory).appendingPathComponent("site.json").path),
              let node = try? JSONParser.parse([UInt8](data)), case .object(let members) = node.value,
              let theme = members.first(where: { $0.key == "theme" }), case .string(let name) = theme.value.value else { return nil }
        return name
    }
}

/// Phase durations, recorded from concurrent tasks.
public final class PhaseTimings: @unchecked Sendable {
    private let lock = NSLock()
    private var phases: [(String, Double)] = []

    public init() {}

    var recorded: [(name: String, seconds: Double)] { lock.withLock { phases.map { ($0.0, $0.1) } } }

    func record(_ name: String, since start: ContinuousClock.Instant) {
        let seconds = Self.seconds(start, .now)
        lock.withLock { phases.append((name, seconds)) }
    }

    package static func seconds(_ start: ContinuousClock.Instant, _ end: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: end)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

