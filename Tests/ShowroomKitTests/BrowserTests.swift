import Foundation
import Testing
@testable import ShowroomBuild

/// The interactive parts in a real browser: Debian's headless Chromium, driven by Playwright for Python
/// (Tests/Browser/). scripts/test installs both; the script serves copies of the sample store with the
/// built `showroom serve` and shops as a person would, at 390 and 1280 px.
@Suite("In a real browser", .serialized)
struct BrowserTests {
    static let python = FixtureStore.repositoryRoot.appendingPathComponent(".build-tools/venv/bin/python")

    /// The sample's pictures in the tests' shared cache first, so the preview serves renditions from its
    /// first page on, and no background pass reloads the pages while the script shops.
    static func cacheSamplePictures() async throws {
        let sample = try FixtureStore.sampleStore()
        defer { sample.cleanUp() }
        let loaded = Builder.load(sample.options)
        let pictures = await ImageRenditions.renderOffPool(site: try #require(loaded.site), settings: try #require(loaded.theme).imageSettings,
                                              cacheDirectory: FixtureStore.sharedImageCache, workers: 2, prunes: false)
        try #require(pictures.diagnostics.isEmpty, "\(pictures.diagnostics)")
    }

    /// Runs `Tests/Browser/<script>` against the built `showroom` and expects every check to pass.
    static func shop(_ script: String) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: python.path),
                     "no .build-tools/venv: scripts/test installs Playwright and Pagefind there (and Chromium with apt)")
        let screenshots = FixtureStore.repositoryRoot.appendingPathComponent(".build-tools/screenshots")
        try await cacheSamplePictures()
        let (status, printed) = try await Subprocess.runOffPool(python, [
            FixtureStore.repositoryRoot.appendingPathComponent("Tests/Browser/" + script).path,
            "--showroom", CLITests.binary.path, "--repo", FixtureStore.repositoryRoot.path, "--screenshots", screenshots.path,
            "--image-cache", FixtureStore.sharedImageCache.path,
        ])
        #expect(status == 0, "\(printed)")
        #expect(printed.contains("0 failed checks"), "\(printed)")
    }

    @Test("cart and checkout: Shopify permalink, email order, re-pricing after a rebuild, at 390 and 1280 px")
    func cart() async throws { try await Self.shop("cart_test.py") }

    @Test("search and filters: write-up words, misspellings, accents and CJK; colour and stock filters against the catalog; price order; URL state, at 390 and 1280 px")
    func search() async throws { try await Self.shop("search_test.py") }
}
