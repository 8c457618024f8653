import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// The images step: every local picture the site shows is read with libvips (its real size, upright),
/// resized to the theme's widths and encoded in its formats, with a 1200×630 crop for link previews.
/// Renditions are kept in a cache named by a hash of the source's bytes, the settings and libvips'
/// version, so a rebuild encodes only pictures that changed; the writer copies them into the site.
package enum ImageRenditions {
    /// Bump when this step's output changes for the same source and settings.
    static let recipeVersion = "showroom-images-2"
    /// Pictures larger than this many pixels are refused before decoding (a decompression bomb: a small
    /// file that would fill memory). sharp's default: 16,383 × 16,383, above any camera's sensor.
    package static let pixelLimit = 268_402_689
    /// Merchant Center's smallest accepted product image, and the larger minimum for apparel.
    static let merchantMinimum = 100
    static let merchantApparelMinimum = 250
    /// The Open Graph card link previews show.
    static let socialCard = (width: 1200, height: 630)

    package struct Report: Sendable, Equatable {
        /// Local pictures the site shows.
        package var pictures: Int
        /// Of those, how many were read and encoded by this build, and how many came whole from the cache.
        package var encoded: Int
        package var reused: Int
        /// Rendition files the site carries.
        package var renditions: Int
        /// Pictures not in the cache that a cache-only pass left as they are (the preview's first pages).
        package var pending = 0
    }

    /// One picture and every place the content names it.
    struct Source {
        var media: MediaReference
        var uses: [Use]
    }

    /// Where a picture is used, for the checks that depend on it (Merchant's minimum size).
    struct Use {
        var location: SourceLocation?
        /// The product whose feed item shows it (product and variant pictures only).
        var product: Product?
    }

    /// `render` on a thread of its own: libvips' C code never yields, and minutes of it on Swift's shared
    /// pool (a thread per core) would stall every other task of the process, the preview's requests among them.
    package static func renderOffPool(site: Site, settings: ImageSettings, cacheDirectory: URL, workers: Int, prunes: Bool = true,
                                      cachedOnly: Bool = false, progress: BuildProgress? = nil) async -> (images: RenderedImages, report: Report, diagnostics: [Diagnostic]) {
        await withCheckedContinuation { done in
            Thread {
                done.resume(returning: render(site: site, settings: settings, cacheDirectory: cacheDirectory, workers: workers, prunes: prunes,
                                              cachedOnly: cachedOnly, progress: progress))
            }.start()
        }
    }

    /// Blocks the calling thread while `workers` threads (the caller's among them) read and encode.
    package static func render(site: Site, settings: ImageSettings, cacheDirectory: URL, workers: Int,
                               prunes: Bool = true, cachedOnly: Bool = false, progress: BuildProgress? = nil) -> (images: RenderedImages, report: Report, diagnostics: [Diagnostic]) {
        let sources = localPictures(of: site)
        guard !sources.isEmpty else { return (RenderedImages(), Report(pictures: 0, encoded: 0, reused: 0, renditions: 0), []) }
        do {
            try Vips.start()
        } catch {
            return (RenderedImages(), Report(pictures: sources.count, encoded: 0, reused: 0, renditions: 0),
                    [.error("libvips could not start, so no picture could be resized: \(error)", at: nil, hint: "reinstall it: sudo apt-get install libvips-dev")])
        }
        let fingerprint = "\(recipeVersion)\nlibvips \(Vips.version)\n\(settings.cacheDescription)\n"
        let contentDirectory = site.contentDirectory
        let counter = ProgressCounter(total: sources.count, progress: progress)
        let results = Results(count: sources.count)
        let queue = JobQueue(count: sources.count)
        let work: @Sendable () -> Void = {
            while let index = queue.next() {
                let outcome = process(sources[index], contentDirectory: contentDirectory, settings: settings, fingerprint: fingerprint,
                                      cacheDirectory: cacheDirectory, cachedOnly: cachedOnly)
                if outcome.encoded { counter.advance() }
                results.set(outcome, at: index)
            }
        }
        // Threads of their own, not Dispatch's: on Linux those also run Swift's tasks.
        let helpers = DispatchGroup()
        for _ in 1..<max(1, min(workers, sources.count)) {
            helpers.enter()
            Thread { work(); helpers.leave() }.start()
        }
        work()
        helpers.wait()
        let outcomes = results.all
        var images = RenderedImages()
        var diagnostics: [Diagnostic] = []
        var report = Report(pictures: sources.count, encoded: 0, reused: 0, renditions: 0)
        var keep: Set<String> = []
        for (source, outcome) in zip(sources, outcomes) {
            diagnostics += outcome.diagnostics
            guard let entry = outcome.entry else { continue }
            if outcome.encoded { report.encoded += 1 } else if !entry.renditions.isEmpty { report.reused += 1 }
            if outcome.pending { report.pending += 1 }
            keep.insert(entry.key)
            let stem = Self.stem(of: source.media.path)
            func placed(_ rendition: CacheEntry.Rendition) -> ImageRendition {
                let sitePath = rendition.isSocialCard ? SiteLinks.imageSocialCard(stem: stem, key: entry.key, format: rendition.format)
                                                      : SiteLinks.imageRendition(stem: stem, key: entry.key, width: rendition.width, format: rendition.format)
                images.files[sitePath] = cacheDirectory.appendingPathComponent(rendition.file).path
                return ImageRendition(format: rendition.format, width: rendition.width, height: rendition.height, sitePath: sitePath)
            }
            let renditions = entry.renditions.filter { !$0.isSocialCard }.map(placed)
            images.images[source.media.path] = ProcessedImage(width: entry.width, height: entry.height, renditions: renditions,
                                                              socialCard: entry.renditions.first(where: \.isSocialCard).map(placed))
        }
        report.renditions = images.files.count
        if prunes, !diagnostics.contains(where: { $0.severity == .error }) { CacheEntry.prune(cacheDirectory, keeping: keep) }
        return (images, report, diagnostics)
    }

    /// Each source's outcome, filled in from several threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [Outcome]

        init(count: Int) { outcomes = Array(repeating: Outcome(), count: count) }

        func set(_ outcome: Outcome, at index: Int) { lock.withLock { outcomes[index] = outcome } }
        var all: [Outcome] { lock.withLock { outcomes } }
    }

    /// Reports encoded pictures as they finish (cache hits are instant and not worth a line).
    final class ProgressCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var done = 0
        let total: Int
        let progress: BuildProgress?

        init(total: Int, progress: BuildProgress?) {
            self.total = total
            self.progress = progress
        }

        func advance() {
            guard let progress else { return }
            let done = lock.withLock { self.done += 1; return self.done }
            progress(done, total)
        }
    }

    /// Every local picture the pages, feeds and structured data show, each once, in the catalog's order.
    static func localPictures(of site: Site) -> [Source] {
        var order: [String] = []
        var byPath: [String: Source] = [:]
        func add(_ media: MediaReference?, product: Product? = nil) {
            guard let media, !media.isRemote else { return }
            if byPath[media.path] == nil {
                order.append(media.path)
                byPath[media.path] = Source(media: media, uses: [])
            }
            byPath[media.path]!.uses.append(Use(location: media.location, product: product))
        }
        if let logo = site.settings.logo { add(logo) }
        for product in site.products {
            for image in product.images { add(image, product: product) }
            for variant in product.variants { add(variant.image, product: product) }
            for video in product.videos { add(video.thumbnail) }
        }
        for collection in site.collections { add(collection.image) }
        return order.map { byPath[$0]! }
    }

    struct Outcome {
        var entry: CacheEntry?
        var encoded = false
        /// Not in the cache, and left as it is by a cache-only pass.
        var pending = false
        var diagnostics: [Diagnostic] = []
    }

    /// `cachedOnly`: a picture not in the cache is checked (its header) but not encoded; pages show the
    /// original with its size until a full pass has made the renditions.
    private static func process(_ source: Source, contentDirectory: String, settings: ImageSettings, fingerprint: String,
                                cacheDirectory: URL, cachedOnly: Bool) -> Outcome {
        let path = contentDirectory + "/" + source.media.path
        let location = source.media.location
        let also = source.uses.count > 1 ? " (and \(source.uses.count - 1) other place\(source.uses.count == 2 ? "" : "s"))" : ""
        func failure(_ problem: String, hint: String) -> Outcome {
            Outcome(diagnostics: [.error("the picture \(source.media.path)\(also) \(problem)", at: location, hint: hint)])
        }
        guard let digest = SourceDigests.shared.digest(of: path) else {
            return failure("cannot be read", hint: "check that Content/\(source.media.path) is a readable file")
        }
        let entryKey = String(SHA256.hex(Array((fingerprint + digest).utf8)).prefix(12))

        var outcome = Outcome()
        if let cached = CacheEntry.read(key: entryKey, in: cacheDirectory) {
            outcome.entry = cached
        } else {
            let header: Vips.Header
            do {
                header = try Vips.header(of: path)
            } catch {
                return failure("is not a picture libvips can read: \(error)", hint: "export it again as JPEG, PNG or WebP; a file that was cut off while copying must be copied again")
            }
            guard header.width * header.height <= pixelLimit else {
                return failure("is \(header.width) × \(header.height) pixels, more than the \(pixelLimit / 1_000_000)-megapixel limit (a file this large would fill the build's memory)",
                                hint: "resize it to at most \(ImageSettings.defaultWidths.max()! * 2) px on the long side before adding it")
            }
            switch header.kind {
            case .resizable where cachedOnly:
                outcome.entry = CacheEntry(key: entryKey, width: header.uprightWidth, height: header.uprightHeight, isCMYK: header.isCMYK, renditions: [])
                outcome.pending = true
            case .resizable:
                do {
                    outcome.entry = try encode(path: path, header: header, key: entryKey, settings: settings, cacheDirectory: cacheDirectory)
                    outcome.encoded = true
                } catch {
                    return failure("could not be decoded: \(error)", hint: "the file may be truncated or damaged: export or copy it again")
                }
            case .servedAsIs:
                // SVG stays sharp at any size and an animated GIF would lose its motion: both are copied as
                // they are, with their size for the page's layout.
                outcome.entry = CacheEntry(key: entryKey, width: header.uprightWidth, height: header.uprightHeight, isCMYK: false, renditions: [])
            case .unsupported:
                return failure("is a \(header.loader.replacingOccurrences(of: "file", with: "")) file, which browsers do not show",
                                hint: "export it as JPEG, PNG or WebP")
            }
        }
        guard let entry = outcome.entry else { return outcome }
        if entry.isCMYK {
            outcome.diagnostics.append(CheckRules.finding(.imagesCMYK, "the picture \(source.media.path) is a CMYK file (colours for print); its renditions were converted to sRGB and may look different",
                                                          at: location, hint: "export it in sRGB from the photo editor for colours you have checked"))
        }
        for use in source.uses {
            guard let product = use.product else { continue }
            let apparel = product.googleProductCategory.map(isApparel) ?? false
            let minimum = apparel ? merchantApparelMinimum : merchantMinimum
            if entry.width < minimum || entry.height < minimum {
                outcome.diagnostics.append(CheckRules.finding(.imagesTooSmall,
                    "the picture \(source.media.path) of \"\(product.handle)\" is \(entry.width) × \(entry.height) px; Merchant Center rejects \(apparel ? "apparel " : "")images smaller than \(minimum) × \(minimum)",
                    at: use.location ?? location, hint: "use a photo at least 800 px on each side (Google recommends 800 × 800 or more)"))
                break
            }
        }
        return outcome
    }

    /// Each source file's SHA-256, remembered by size and modification time: the preview rebuilds many
    /// times in one process, and a large store's photos are gigabytes to read again for nothing.
    final class SourceDigests: @unchecked Sendable {
        static let shared = SourceDigests()
        private let lock = NSLock()
        private var known: [String: (size: Int, modified: Int, digest: String)] = [:]

        func digest(of path: String) -> String? {
            guard let stamp = fileSizeAndModification(path) else { return nil }
            if let entry = lock.withLock({ known[path] }), entry.size == stamp.size, entry.modified == stamp.modified { return entry.digest }
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            let digest = SHA256.hex(Array(data))
            lock.withLock { known[path] = (stamp.size, stamp.modified, digest) }
            return digest
        }
    }

    /// Merchant Center's "Apparel & Accessories" category (id 166) and everything under it.
    static func isApparel(_ category: String) -> Bool {
        category.hasPrefix("Apparel & Accessories") || category == "166" || category.hasPrefix("166 ")
    }

    /// Decodes once per width and encodes each width in every format, writing the files and then the
    /// entry's index, so an entry on disk is always whole.
    private static func encode(path: String, header: Vips.Header, key: String, settings: ImageSettings, cacheDirectory: URL) throws -> CacheEntry {
        let largest = settings.widths.max()!
        let top = min(header.uprightWidth, largest)
        let widths = settings.widths.filter { $0 < top } + [top]
        var renditions: [CacheEntry.Rendition] = []
        let folder = cacheDirectory.appendingPathComponent(CacheEntry.folder(for: key))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func store(_ picture: Vips.Picture, format: ImageFormat, name: String) throws -> CacheEntry.Rendition {
            let bytes = try picture.encoded(options(for: format, settings: settings))
            let relative = CacheEntry.folder(for: key) + "/" + name
            try CacheEntry.write(bytes, to: cacheDirectory.appendingPathComponent(relative))
            return CacheEntry.Rendition(format: format, width: picture.width, height: picture.height, file: relative, isSocialCard: false)
        }
        var fallback = ImageFormat.jpeg
        var byFormat: [ImageFormat: [CacheEntry.Rendition]] = [:]
        for width in widths {
            let picture = try Vips.thumbnail(path, width: width)
            fallback = picture.hasAlpha ? .png : .jpeg
            for format in settings.formats + [fallback] {
                byFormat[format, default: []].append(try store(picture, format: format, name: "\(key)-\(width).\(format.fileExtension)"))
            }
        }
        for format in settings.formats + [fallback] { renditions += byFormat[format] ?? [] }
        // The card's shape (1.91:1) even from a smaller picture, which is cropped, never enlarged.
        let scale = min(1, Double(header.uprightWidth) / Double(socialCard.width), Double(header.uprightHeight) / Double(socialCard.height))
        let card = try Vips.thumbnail(path, width: max(1, Int((Double(socialCard.width) * scale).rounded())),
                                      height: max(1, Int((Double(socialCard.height) * scale).rounded())), crop: true)
        var social = try store(card, format: fallback, name: "\(key)-og.\(fallback.fileExtension)")
        social.isSocialCard = true
        renditions.append(social)
        let entry = CacheEntry(key: key, width: header.uprightWidth, height: header.uprightHeight, isCMYK: header.isCMYK, renditions: renditions)
        try entry.write(in: cacheDirectory)
        return entry
    }

    /// libvips' save options: metadata stripped (the pictures are sRGB after resizing, which browsers
    /// assume without a profile), progressive JPEG with optimized Huffman tables, and AVIF at effort 2 (of
    /// 0–9): files within 2 % of the default effort's at a third of its time, which dominates a cold build.
    static func options(for format: ImageFormat, settings: ImageSettings) -> String {
        let quality = settings.quality[format] ?? ImageSettings.defaultQuality[format] ?? 80
        switch format {
        case .avif: return ".avif[Q=\(quality),effort=2,compression=av1,strip]"
        case .webp: return ".webp[Q=\(quality),effort=4,strip]"
        case .jpeg: return ".jpg[Q=\(quality),optimize_coding,interlace,strip]"
        case .png: return ".png[compression=9,strip]"
        }
    }

    /// A URL-safe name from the source's file name, for people and image search (`Trail Boot.JPG` → `trail-boot`).
    static func stem(of path: String) -> String {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
        var stem = ""
        for scalar in name.unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                stem.unicodeScalars.append(scalar)
            } else if !stem.isEmpty, !stem.hasSuffix("-") {
                stem += "-"
            }
        }
        while stem.hasSuffix("-") { stem.removeLast() }
        return stem.isEmpty ? "image" : String(stem.prefix(60))
    }
}

extension Vips.Header {
    enum Kind { case resizable, servedAsIs, unsupported }

    var kind: Kind {
        if ["jpeg", "png", "webp", "heif", "tiff"].contains(where: loader.hasPrefix) { return .resizable }
        if loader.hasPrefix("svg") || loader.hasPrefix("gif") { return .servedAsIs }
        return .unsupported
    }
}

extension ImageSettings {
    /// Everything about the settings that changes a rendition's bytes.
    var cacheDescription: String {
        "widths \(widths.map(String.init).joined(separator: ",")) formats \(formats.map(\.rawValue).joined(separator: ","))"
            + " " + ImageFormat.allCases.map { "\($0.rawValue)=\(ImageRenditions.options(for: $0, settings: self))" }.joined(separator: " ")
    }
}
