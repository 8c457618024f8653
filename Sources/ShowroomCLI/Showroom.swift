import Synchronization
import ArgumentParser
import Foundation
import ShowroomKit

@main
struct Showroom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "showroom",
        abstract: "Build a storefront from a product catalog and product write-ups.",
        subcommands: [Build.self],
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
}

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder.",
        discussion: """
        Writes every page, the Google Merchant feed (feeds/google-merchant.xml), the Meta catalog \
        (feeds/meta-catalog.csv), new-arrival feeds (feeds/new-arrivals.atom, .json), sitemap.xml and robots.txt. \
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

    func run() async throws {
        let options = BuildOptions(
            contentDirectory: store.content, themesDirectory: store.themes, themeName: store.theme, outputDirectory: output,
            baseURL: baseURL ?? ProcessInfo.processInfo.environment["SHOWROOM_BASE_URL"].flatMap { $0.isEmpty ? nil : $0 })
        let reporter = ProgressReporter(enabled: !quiet)
        do {
            let summary = try await Builder.build(options) { done, total in reporter.report(done, total) }
            for warning in summary.warnings { printError(warning.description) }
            if !quiet {
                let size = ByteCountFormatter.string(fromByteCount: Int64(summary.bytes), countStyle: .file)
                print("Built \(summary.pages) pages for \(summary.products) products (\(summary.files) files, \(size)) in \(String(format: "%.2f", summary.seconds)) s → \(summary.outputDirectory)/")
            }
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            let errors = error.errors.count
            printError("Build failed with \(errors) error\(errors == 1 ? "" : "s"); \(output)/ was left unchanged.")
            throw ExitCode(1)
        }
    }
}

/// Shows progress on large catalogs (every tenth), quietly skips small ones.
final class ProgressReporter: Sendable {
    let enabled: Bool
    private let lastDecile = Mutex(0)

    init(enabled: Bool) { self.enabled = enabled }

    func report(_ done: Int, _ total: Int) {
        guard enabled, total >= 5_000 else { return }
        let decile = done * 10 / total
        let shouldPrint = lastDecile.withLock { last in
            guard decile > last else { return false }
            last = decile
            return true
        }
        if shouldPrint { printError("rendering… \(decile * 10)% (\(done) of \(total) products and pages)") }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
