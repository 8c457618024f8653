import Synchronization
import ArgumentParser
import Foundation
import ShowroomBuild
import ShowroomCheck
import ShowroomImport
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomServe
import ShowroomSupport

@main
struct Showroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "showroom",
        abstract: "Build a storefront from a product catalog and product write-ups.",
        subcommands: [Build.self, Check.self, Serve.self, Import.self, Floor.self],
        defaultSubcommand: Build.self
    )
}

/// Options every command that reads a store shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store's content folder.")
    var content = "Content"

    @Option(name: .long, help: "The folder that holds themes.")
    var themes = "Themes"

    @Option(name: .long, help: "Theme to use (overrides \"theme\" in site.json).")
    var theme: String?

    @Option(name: .customLong("image-cache"), help: "Folder that keeps resized pictures between builds (restore it on CI to skip encoding).")
    var imageCache = ".showroom/images"

    @Option(name: .long, help: "The Pagefind that builds the search index (default: SHOWROOM_PAGEFIND, `pagefind` on the PATH, or pip's pagefind-bin).")
    var pagefind: String?
}

extension StoreOptions {
    /// What `build` and `check` build with: an explicit --base-url, else SHOWROOM_BASE_URL, else site.json's.
    func buildOptions(output: String, baseURL: String?) -> BuildOptions {
        var options = BuildOptions(contentDirectory: content, themesDirectory: themes, themeName: theme, outputDirectory: output,
                                   baseURL: baseURL ?? ProcessInfo.processInfo.environment["SHOWROOM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 })
        options.imageCacheDirectory = imageCache
        options.pagefind = pagefind
        return options
    }
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
        Writes every page, the Google Merchant feed (feeds/google-merchant.xml), the Meta catalog \
        (feeds/meta-catalog.csv), new-arrival feeds (feeds/new-arrivals.atom, .json), sitemap.xml and robots.txt, \
        and for each product a video listing (products/<handle>/listing.json, its captions and a player page) when \
        the theme has a storyboard.json. With --render-video each listing is also rendered to an MP4 with ffmpeg \
        (products/<handle>/listing-9x16.mp4, used by the feeds, the sitemap and the product's structured data); \
        renders are cached in --video-cache and redone only for products whose listing or media changed. \
        The new site replaces the output folder only when the whole build succeeds; on any error the previous \
        site is left as it was. Exit status: 0 built, 1 content or theme errors (all listed), 64 usage error.
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output folder.")
    var output = "Public"

    @Option(name: .customLong("base-url"), help: "Absolute URL the site is deployed at (overrides \"url\" in site.json; also read from SHOWROOM_BASE_URL).")
    var baseURL: String?

    @Flag(name: .long, help: "Print only errors and warnings.")
    var quiet = false

    @Option(name: .long, help: "Also write a JSON report (every output file with size and SHA-256, counts, timing, warnings) to this file.")
    var report: String?

    @Flag(name: .long, help: "Build even when no content, theme or option changed since the last build.")
    var force = false

    @Flag(name: .customLong("render-video"), help: "Render each product's video listing to an MP4 (9:16, H.264) with ffmpeg.")
    var renderVideo = false

    @Option(name: .customLong("video-cache"), help: "Folder that keeps rendered video listings between builds.")
    var videoCache = ".showroom/video"

    func run() async throws {
        var options = store.buildOptions(output: output, baseURL: baseURL)
        options.force = force
        options.renderVideo = renderVideo
        options.videoCacheDirectory = videoCache
        let reporter = ProgressReporter(enabled: !quiet)
        let pictures = ProgressReporter(enabled: !quiet, minimum: 10) { "resizing pictures… \($0 * 10)% (\($1) of \($2))" }
        options.imageProgress = { done, total in pictures.report(done, total) }
        if renderVideo && !quiet {
            options.videoProgress = { done, total in printError("Rendering video listings: \(done) of \(total)") }
        }
        let summary: BuildSummary
        do {
            summary = try await Builder.build(options) { done, total in reporter.report(done, total) }
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            let errors = error.errors.count
            printError("Build failed with \(errors) error\(errors == 1 ? "" : "s"); \(output)/ was left unchanged.")
            throw ExitCode(1)
        }
        for warning in summary.warnings { printError(warning.description) }
        if !quiet {
            let size = ByteCountFormatter.string(fromByteCount: Int64(summary.bytes), countStyle: .file)
            if summary.unchanged {
                print("Nothing changed since the last build: \(summary.outputDirectory)/ left as it was (\(summary.pages) pages, checked in \(String(format: "%.2f", summary.seconds)) s; --force rebuilds)")
            } else {
                print("Built \(summary.pages) pages for \(summary.products) products (\(summary.files) files, \(size)) in \(String(format: "%.2f", summary.seconds)) s → \(summary.outputDirectory)/")
            }
            if let images = summary.images, images.pictures > 0 {
                print("Pictures: \(images.pictures) (\(images.renditions) resized files): \(images.encoded) encoded, \(images.reused) unchanged (from \(store.imageCache)/)")
            }
            if let videos = summary.videos {
                print("Video listings: \(videos.rendered) rendered, \(videos.reused) unchanged (from \(videoCache)/)")
            }
        }
        if let report {
            do {
                try Data(BuildReport.json(summary).utf8).write(to: URL(fileURLWithPath: report))
            } catch {
                printError("error: cannot write the report to \(report): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        }
    }
}

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site and audit it before it ships: links, HTML, catalog, seller trust, page/feed consistency.",
        discussion: """
        Every finding has a rule id, a severity and a file:line. Rules can be silenced in site.json with a reason: \
        "checks": {"ignore": {"catalog/no-collection": "why"}}. Exit status: 0 passed (warnings allowed unless \
        --strict), 1 errors found (or warnings with --strict, or the build failed), 64 usage error.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, github }

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Output folder (built into, or read with --skip-build).")
    var output = "Public"

    @Option(name: .customLong("base-url"), help: "Absolute URL the site is deployed at (also read from SHOWROOM_BASE_URL).")
    var baseURL: String?

    @Flag(name: .customLong("skip-build"), help: "Audit the site already in the output folder instead of building it first.")
    var skipBuild = false

    @Flag(name: .long, help: "Also fetch external links (politely: one request at a time per host).")
    var external = false

    @Option(name: .long, help: "Report format: text, json, or github (workflow annotations).")
    var format: Format = .text

    @Flag(name: .long, help: "Fail on warnings too.")
    var strict = false

    @Option(name: .long, help: "Also hold the site against a host's documented limits (files, file size, files per folder, path length): cloudflare-pages, netlify or s3.")
    var host: HostLimits.Host?

    func run() async throws {
        let options = store.buildOptions(output: output, baseURL: baseURL)
        let report = await Checker.check(options, build: !skipBuild, external: external, host: host.map(HostLimits.of))
        switch format {
        case .text: FileHandle.standardOutput.write(Data(report.text().utf8))
        case .json: FileHandle.standardOutput.write(Data(report.json().utf8))
        case .github: FileHandle.standardOutput.write(Data(report.github().utf8))
        }
        if report.failed(strict: strict) { throw ExitCode(1) }
    }
}

extension ImportFormat: ExpressibleByArgument {}
extension HostLimits.Host: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bring a catalog over from Amazon, Shopify or WooCommerce (re-run it to update prices and stock).",
        discussion: """
        FORMAT is amazon (the All Listings Report, or an inventory flat file), shopify (Products → Export, CSV) or \
        woocommerce (Products → Export, CSV). Writes catalog.json and products/<handle>.md in the content folder. \
        A re-import updates what the file says (prices, stock, new products) and keeps what you added; it never \
        overwrites a write-up you edited since the last import. When the file cannot be read as FORMAT, nothing \
        is written. Exit status: 0 imported, 1 the file could not be read, 64 usage error.
        """
    )

    @Argument(help: "amazon, shopify or woocommerce.")
    var format: ImportFormat

    @Argument(help: "The exported file (CSV, or tab-separated for Amazon).")
    var file: String

    @Option(name: .long, help: "The store's content folder.")
    var content = "Content"

    @Flag(name: .customLong("dry-run"), help: "Show what would change and write nothing.")
    var dryRun = false

    func run() throws {
        var options = ImportOptions(format: format, file: file, contentDirectory: content)
        options.dryRun = dryRun
        do {
            let summary = try Importer.run(options)
            print(summary.formatted(dryRun: dryRun))
            if !dryRun, !summary.added.isEmpty || !summary.updated.isEmpty {
                print("\nNext: `showroom check --content \(content)` to see what the feeds still need.")
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\nNothing was imported.\n").utf8))
            throw ExitCode(1)
        }
    }
}

/// Shows progress on long work (every tenth), quietly skips short work.
final class ProgressReporter: Sendable {
    let enabled: Bool
    /// Less work than this is not worth a line.
    let minimum: Int
    let describe: @Sendable (_ decile: Int, _ done: Int, _ total: Int) -> String
    private let lastDecile = Mutex(0)

    init(enabled: Bool, minimum: Int = 5_000,
         describe: @escaping @Sendable (Int, Int, Int) -> String = { "rendering… \($0 * 10)% (\($1) of \($2) products and pages)" }) {
        self.enabled = enabled
        self.minimum = minimum
        self.describe = describe
    }

    func report(_ done: Int, _ total: Int) {
        guard enabled, total >= minimum else { return }
        let decile = done * 10 / total
        let shouldPrint = lastDecile.withLock { last in
            guard decile > last else { return false }
            last = decile
            return true
        }
        if shouldPrint { printError(describe(decile, done, total)) }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// For scripts/benchmark: the floor a build is compared with. Hidden from help; prints JSON.
struct Floor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmark-floor", abstract: "Time cmark-gfm over the store's Markdown and writing the built site's bytes.",
        shouldDisplay: false)

    @Option(name: .long, help: "The store's content folder.")
    var content = "Content"

    @Option(name: .long, help: "A built site whose file sizes to write again.")
    var output = "Public"

    @Option(name: .long, help: "Write into this folder and leave it (deleting files right before a timed build slows the file system down).")
    var scratch: String?

    func run() async throws {
        let markdown = await BenchmarkFloor.markdown(contentDirectory: content)
        let write = try await BenchmarkFloor.write(like: output, scratch: scratch)
        print(#"{"markdown": {"files": \#(markdown.files), "bytes": \#(markdown.bytes), "seconds": \#(markdown.seconds)}, "# +
              #""write": {"files": \#(write.files), "bytes": \#(write.bytes), "seconds": \#(write.seconds)}}"#)
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site: build it into memory, serve it, rebuild and reload open pages on every edit.",
        discussion: """
        Watches the content folder and the themes folder. A build with errors does not stop the server: the \
        terminal lists them, pages show them over the last good version, and the next good build clears them. \
        Nothing is written to the output folder. Ctrl-C stops the server.
        """
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Port to listen on.")
    var port = 8000

    @Option(name: .long, help: "Address to listen on (127.0.0.1: this machine only).")
    var host = "127.0.0.1"

    func run() async throws {
        var options = BuildOptions(contentDirectory: store.content, themesDirectory: store.themes, themeName: store.theme,
                                   baseURL: "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)")
        options.imageCacheDirectory = store.imageCache
        options.pagefind = store.pagefind
        let session = PreviewSession(options: options)
        let start = ContinuousClock.now
        // The server starts beside the first build: a page asked for meanwhile is rendered on its own
        // as soon as the store is loaded (a large store's whole build takes many seconds).
        let firstBuild = Task {
            let errors = await session.rebuild()
            let elapsed = start.duration(to: .now)
            report(errors, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        defer { firstBuild.cancel() }
        do {
            try await PreviewServer.run(session: session, host: host, port: port, onRunning: { bound in
                say("Serving the store at http://\(host):\(bound)/ (Ctrl-C to stop)")
            }, report: { errors, seconds in report(errors, seconds) })
        } catch {
            let text = "\(error)"
            if text.contains("Address already in use") || text.contains("errno: 98") {
                printError("error: port \(port) on \(host) is already in use; stop the other server or pick another with --port")
            } else {
                printError("error: the preview server stopped: \(text)")
            }
            throw ExitCode(1)
        }
    }
}

private func report(_ errors: [Diagnostic], _ seconds: Double) {
    if errors.isEmpty {
        say("Built in \(String(format: "%.2f", seconds)) s")
    } else {
        for error in errors { printError(error.description) }
        printError("Build failed with \(errors.count) error\(errors.count == 1 ? "" : "s"); still serving the last good site.")
    }
}

/// A line on standard output, written at once (print buffers when the output is a pipe or a log file,
/// and a server's lines must show while it runs).
private func say(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
