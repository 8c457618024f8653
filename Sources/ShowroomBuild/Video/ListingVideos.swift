import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport
import ShowroomTemplates

/// Renders every product's video listing to an MP4 with ffmpeg, keeping each in a cache named by a
/// hash of everything the picture depends on (the listing, its media files, the fonts, ffmpeg's
/// version): a product whose listing and media did not change is never rendered twice.
public enum ListingVideos {
    /// Bump when the renderer's output changes for the same listing.
    static let rendererVersion = "showroom-listing-video-2"
    public static let format = ListingFormat.vertical

    public struct Report: Sendable, Equatable {
        public var rendered: Int
        public var reused: Int
    }

    static func render(site: Site, theme: Theme, cacheDirectory: URL, ffmpegName: String = "ffmpeg", workers: Int,
                       progress: BuildProgress? = nil) async throws(BuildFailure) -> (listings: [String: RenderedListing], report: Report) {
        guard let storyboard = theme.storyboard else {
            throw BuildFailure([.error("the theme \"\(theme.name)\" has no \(Storyboard.fileName), so there are no video listings to render", at: nil,
                                       hint: "copy Themes/default/\(Storyboard.fileName) into the theme, or build without --render-video")])
        }
        guard let ffmpeg = ExternalTool.find(ffmpegName) else {
            throw BuildFailure([.error("ffmpeg was not found, and --render-video needs it to make the listings' MP4 files", at: nil,
                                       hint: "install it (Debian/Ubuntu: sudo apt-get install ffmpeg; macOS: brew install ffmpeg), or build without --render-video")])
        }
        guard let fontconfig = Fontconfig.find(), var fontChooser = await ListingFontChooser(stack: storyboard.look.font, catalog: fontconfig) else {
            throw BuildFailure([.error("no font was found for the listings' words (fontconfig's fc-match is missing or knows no fonts)", at: nil,
                                       hint: "Debian/Ubuntu: sudo apt-get install fontconfig fonts-dejavu-core")])
        }
        let version = (try? await ffmpeg.run(["-version"]))?.output.split(separator: "\n").first.map(String.init) ?? "unknown"
        let planner = ListingPlanner(settings: site.settings, storyboard: storyboard, themeAssets: theme.assets,
                                     words: ShopWords(theme: theme, settings: site.settings))
        let links = SiteLinks(settings: site.settings)
        let themeAssets = Dictionary(theme.assets.map { ($0.outputPath, $0.source) }, uniquingKeysWith: { first, _ in first })
        let contentDirectory = site.contentDirectory
        let source: @Sendable (MediaReference) -> String = { media in
            if media.isRemote { return media.path }
            return themeAssets[media.path] ?? contentDirectory + "/" + media.path
        }
        let renderer = ListingVideoRenderer(format: format, source: source)

        // What each product's video depends on, hashed.
        var fileHashes: [String: String] = [:]
        var jobs: [(handle: String, listing: VideoListing, fonts: ListingFonts, file: URL, location: SourceLocation)] = []
        var undrawable: [Diagnostic] = []
        for product in site.products {
            let listing = planner.plan(product)
            let listingFonts: ListingFonts
            switch await fontChooser.fonts(for: renderer.lines(of: listing)) {
            case .success(let chosen): listingFonts = chosen
            case .failure(let line):
                undrawable.append(line.diagnostic(handle: product.handle, font: fontChooser.regular.families.first ?? fontChooser.regular.file, at: product.location))
                continue
            }
            var key = SHA256()
            key.update(Array("\(rendererVersion)\n\(version)\n\(listingFonts.cacheKey)\(format.rawValue)\n".utf8))
            key.update(Array(listing.manifest(links: links, absolute: true).serialized().utf8))
            let media = listing.scenes.flatMap { [$0.image, $0.video] + $0.overlays.map { overlay -> MediaReference? in
                if case .media(let file)? = overlay.link { file } else { nil }
            } }.compactMap { $0 }
            for reference in media where !reference.isRemote {
                let path = source(reference)
                if fileHashes[path] == nil {
                    fileHashes[path] = FileManager.default.contents(atPath: path).map { SHA256.hex(Array($0)) } ?? "missing"
                }
                key.update(Array("\(path)=\(fileHashes[path]!)\n".utf8))
            }
            let digest = SHA256.hex(key.finish()).prefix(24)
            let file = cacheDirectory.appendingPathComponent(product.handle).appendingPathComponent("\(digest)-\(format.videoFileName)")
            jobs.append((product.handle, listing, listingFonts, file, product.location))
        }
        // Before anything is rendered: otherwise these videos would show a box for every character the font lacks.
        guard undrawable.isEmpty else { throw BuildFailure(undrawable) }

        let planned = jobs
        let missing = planned.indices.filter { !FileManager.default.fileExists(atPath: planned[$0].file.path) }
        let queue = JobQueue(count: missing.count)
        let failures = await withTaskGroup(of: [Diagnostic].self) { group in
            for _ in 0..<max(1, min(workers, missing.count)) {
                group.addTask {
                    var problems: [Diagnostic] = []
                    while let next = queue.next() {
                        let job = planned[missing[next]]
                        if let problem = await render(job.listing, fonts: job.fonts, to: job.file, with: renderer, ffmpeg: ffmpeg) {
                            problems.append(.error("the video listing of \"\(job.handle)\" could not be rendered: \(problem)", at: job.location,
                                                   hint: "check that the product's pictures and clips are readable images and videos"))
                        }
                        if let progress, let done = queue.finished(every: 1) { progress(done, missing.count) }
                    }
                    return problems
                }
            }
            var all: [Diagnostic] = []
            for await problems in group { all += problems }
            return all
        }
        guard failures.isEmpty else { throw BuildFailure(failures.sorted { $0.message < $1.message }) }

        prune(cacheDirectory, keeping: jobs.map(\.file))
        var listings: [String: RenderedListing] = [:]
        for job in jobs { listings[job.handle] = RenderedListing(format: format, file: job.file.path, duration: job.listing.duration, poster: job.listing.poster) }
        return (listings, Report(rendered: missing.count, reused: jobs.count - missing.count))
    }

    /// Renders into a temporary name next to the cache entry and renames it, so a cache entry is always whole.
    private static func render(_ listing: VideoListing, fonts: ListingFonts, to file: URL, with renderer: ListingVideoRenderer,
                               ffmpeg: ExternalTool) async -> String? {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-video-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let partial = file.deletingLastPathComponent().appendingPathComponent(".partial-" + file.lastPathComponent)
        do {
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            let arguments = try renderer.arguments(for: listing, fonts: fonts, output: partial.path, workDirectory: work)
            let result = try await ffmpeg.run(arguments)
            guard result.status == 0 else {
                try? FileManager.default.removeItem(at: partial)
                let tail = result.errorOutput.split(separator: "\n").suffix(4).joined(separator: " / ")
                return "ffmpeg failed (exit \(result.status)): \(tail.isEmpty ? "no message" : tail)"
            }
            _ = try? FileManager.default.removeItem(at: file)
            try FileManager.default.moveItem(at: partial, to: file)
            return nil
        } catch {
            try? FileManager.default.removeItem(at: partial)
            return "\(error)"
        }
    }

    /// Marks a folder as Showroom's video cache; only a marked folder is ever pruned.
    static let marker = ".showroom-video-cache"

    /// Removes cached videos no product uses any more (older renders, products that were removed).
    private static func prune(_ cacheDirectory: URL, keeping files: [URL]) {
        let markerPath = cacheDirectory.appendingPathComponent(marker).path
        if !FileManager.default.fileExists(atPath: markerPath) {
            // A folder that already held other things is not ours to clean.
            let existing = ((try? FileManager.default.contentsOfDirectory(atPath: cacheDirectory.path)) ?? []).filter { !CatalogLoader.isSlug($0) }
            guard existing.isEmpty else { return }
            // Without its marker the folder would not count as ours next time: clean it only once marked.
            guard FileManager.default.createFile(atPath: markerPath, contents: Data("Showroom keeps rendered video listings here; safe to delete.\n".utf8)) else { return }
        }
        let kept = Set(files.map(\.standardizedFileURL.path))
        let folders = Set(files.map { $0.deletingLastPathComponent().lastPathComponent })
        let manager = FileManager.default
        for folder in (try? manager.contentsOfDirectory(atPath: cacheDirectory.path)) ?? [] where CatalogLoader.isSlug(folder) {
            let url = cacheDirectory.appendingPathComponent(folder)
            guard folders.contains(folder) else { try? manager.removeItem(at: url); continue }
            for name in (try? manager.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".mp4") {
                let path = url.appendingPathComponent(name).standardizedFileURL.path
                if !kept.contains(path) { try? manager.removeItem(atPath: path) }
            }
        }
    }
}
