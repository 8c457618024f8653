import Foundation
import Testing
import ShowroomSupport

/// Runs the built `showroom` binary as a user or CI job would and checks its output and exit status.
@Suite("showroom command line")
struct CLITests {
    static var binary: URL {
        // Tests run from the build folder (.build/<triple>/debug), next to the executable.
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("showroom"),
            FixtureStore.repositoryRoot.appendingPathComponent(".build/debug/showroom"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `showroom` off Swift's shared threads (a build takes seconds; see `Subprocess.offPool`).
    func run(_ arguments: [String], in directory: URL) async throws -> Result {
        try await Subprocess.offPool { try Self.runNow(arguments, in: directory) }
    }

    private static func runNow(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // The store folders are temporary: the project's Pagefind (scripts/install-search) by name.
        let pagefind = FixtureStore.repositoryRoot.appendingPathComponent(".build-tools/bin/pagefind").path
        if FileManager.default.isExecutableFile(atPath: pagefind) {
            process.environment = ProcessInfo.processInfo.environment.merging(["SHOWROOM_PAGEFIND": pagefind]) { $1 }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = DescriptorReading.all(out.fileHandleForReading.fileDescriptor)
        let stderr = DescriptorReading.all(err.fileHandleForReading.fileDescriptor)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("showroom build succeeds with a summary and writes Public/")
    func buildSucceeds() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let result = try await run(["build"], in: store.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Built 13 pages for 3 products ("))
        #expect(result.stdout.contains("→ Public/"))
        #expect(FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Public/index.html").path))
    }

    @Test("bad content: exit status 1, every error as path:line:col on stderr, Public/ untouched")
    func buildFails() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        #expect(try await run(["build"], in: store.root).status == 0)
        let before = try Data(contentsOf: store.root.appendingPathComponent("Public/index.html"))
        try store.write("Content/catalog.json", #"{"products": [{"handle": "a", "title": "A", "price": "1,00", "colour": "red", "images": []}]}"#)
        try store.remove("Content/products/trail-bottle.md")

        let result = try await run(["build", "--output", "Public"], in: store.root)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"Content/catalog.json:1:54: error: "price" of product "a" is not a decimal amount: "1,00""#))
        #expect(lines.contains { $0.hasPrefix(#"Content/catalog.json:1:62: error: unknown key "colour" in product "a""#) })
        #expect(lines.last == "Build failed with 2 errors; Public/ was left unchanged.")
        #expect(try Data(contentsOf: store.root.appendingPathComponent("Public/index.html")) == before)
    }

    @Test("showroom import: a summary on stdout; the wrong format exits 1 and writes nothing")
    func importCommand() async throws {
        let store = try FixtureStore(["Content/site.json": Fixtures.siteJSON])
        defer { store.cleanUp() }
        let export = ImportTests.resources.appendingPathComponent("shopify-products.csv").path
        let wrong = try await run(["import", "woocommerce", export], in: store.root)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.hasPrefix("\(export):1:1: error: this is not a WooCommerce product CSV"))
        #expect(wrong.stderr.hasSuffix("Nothing was imported.\n"))
        #expect(!FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Content/catalog.json").path))

        let imported = try await run(["import", "shopify", export], in: store.root)
        #expect(imported.status == 0, "\(imported.stderr)")
        let lines = imported.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Imported 13 rows (Shopify product CSV):")
        #expect(lines.contains("  added      4  (waxed-canvas-tote, creme-brulee-torch, winter-blend, merino-beanie)"))
        #expect(FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Content/products/waxed-canvas-tote.md").path))
    }

    @Test("--base-url and SHOWROOM_BASE_URL set the canonical URLs; an invalid one is a clear error")
    func baseURL() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        #expect(try await run(["build", "--base-url", "https://staging.example.com"], in: store.root).status == 0)
        let page = try HTMLDocument(Array(try Data(contentsOf: store.root.appendingPathComponent("Public/about/index.html"))))
        #expect(page.first("//link[@rel='canonical']")?["href"] == "https://staging.example.com/about/")

        let bad = try await run(["build", "--base-url", "staging.example.com"], in: store.root)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(#"error: the base URL "staging.example.com" is not an absolute http(s) URL"#))
    }

    @Test("refuses an output folder that would replace the store itself")
    func protectsStore() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let result = try await run(["build", "--output", "."], in: store.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the output folder would contain or replace"))
        let inside = try await run(["build", "--output", "Content/media/site"], in: store.root)
        #expect(inside.status == 1)
        #expect(inside.stderr.contains("the output folder lies inside"))
        #expect(FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Content/site.json").path))
    }

    @Test("the README's CI steps: build with a report, then check --strict with GitHub annotations")
    func ciSteps() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        let build = try await run(["build", "--base-url", "https://staging.example.com/shop", "--report", "build-report.json"], in: store.root)
        #expect(build.status == 0, "\(build.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: store.root.appendingPathComponent("build-report.json"))) as? [String: Any])
        let files = try #require(report["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String ?? "" } == store.outputFiles(), "every output file, sorted")
        let robots = try #require(files.first { $0["path"] as? String == "robots.txt" })
        let robotsBytes = try store.bytes("robots.txt")
        #expect(robots["bytes"] as? Int == robotsBytes.count)
        #expect((robots["sha256"] as? String)?.count == 64)
        #expect(String(decoding: robotsBytes, as: UTF8.self).contains("Sitemap: https://staging.example.com/shop/sitemap.xml"), "the base URL from the command line")
        #expect((report["counts"] as? [String: Any])?["products"] as? Int == 16)

        let check = try await run(["check", "--skip-build", "--strict", "--format", "github", "--base-url", "https://staging.example.com/shop"], in: store.root)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasSuffix("pages checked: 0 errors, 0 warnings\n"))
        #expect(!check.stdout.contains("::error") && !check.stdout.contains("::warning"))

        // A broken link in the built site fails the same command, as an annotation on the file and line.
        let about = store.output.appendingPathComponent("about/index.html")
        try Data(String(decoding: try Data(contentsOf: about), as: UTF8.self).replacingOccurrences(of: "</main>", with: "<a href=\"/shop/gone/\">x</a></main>").utf8).write(to: about)
        let failing = try await run(["check", "--skip-build", "--format", "github", "--base-url", "https://staging.example.com/shop"], in: store.root)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("::error file=Public/about/index.html,line="), "\(failing.stdout)")
        #expect(failing.stdout.contains("title=links/broken::"))
    }

    @Test("check --external fetches external links from a local server and reports the dead one")
    func externalLinks() async throws {
        let served = try FixtureStore(["live.html": "<p>here</p>", "moved/index.html": "<p>moved</p>"])
        defer { served.cleanUp() }
        let server = try LocalHTTPServer(serving: served.root)
        defer { server.stop() }

        var files = CheckTests.cleanStore()
        files["Content/products/trail-bottle.md"] = files["Content/products/trail-bottle.md"]?.replacingOccurrences(of: "Visit https://example.com for more.", with: "")
        let store = try FixtureStore(files)
        defer { store.cleanUp() }
        #expect(try await run(["build"], in: store.root).status == 0)
        let about = store.output.appendingPathComponent("about/index.html")
        let links = ["live.html", "gone.html", "moved"].map { #"<a href="\#(server.base)/\#($0)">x</a>"# }.joined()
        try Data(String(decoding: try Data(contentsOf: about), as: UTF8.self).replacingOccurrences(of: "</main>", with: links + "</main>").utf8).write(to: about)

        // Without --external the links are only listed.
        let listed = try await run(["check", "--skip-build", "--format", "json"], in: store.root)
        #expect(listed.status == 0, "\(listed.stdout)\(listed.stderr)")
        let listedReport = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        #expect(listedReport["external_links"] as? [String] == ["\(server.base)/gone.html", "\(server.base)/live.html", "\(server.base)/moved"])

        let checked = try await run(["check", "--skip-build", "--external", "--format", "json"], in: store.root)
        #expect(checked.status == 1, "\(checked.stdout)\(checked.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 1, "only the dead link; the redirect is followed: \(findings)")
        #expect(findings.first?["rule"] as? String == "links/external")
        #expect(findings.first?["message"] as? String == "\(server.base)/gone.html answered HTTP 404")
        #expect(findings.first?["file"] as? String == "Public/about/index.html")
        #expect(findings.first?["line"] as? Int != nil)
    }

    @Test("showroom serve on a port that is taken says so and exits 1")
    func servePortInUse() async throws {
        let served = try FixtureStore(["index.html": "taken"])
        defer { served.cleanUp() }
        let occupant = try LocalHTTPServer(serving: served.root)
        defer { occupant.stop() }
        let port = try #require(occupant.base.split(separator: ":").last.map(String.init))
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let result = try await run(["serve", "--port", port], in: store.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("port \(port) on 127.0.0.1 is already in use"), "\(result.stderr)")
    }

    @Test("SHA-256 matches the standard test vectors")
    func sha256() {
        #expect(SHA256Vectors.check())
    }
}
