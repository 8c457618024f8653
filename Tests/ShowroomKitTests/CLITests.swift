import Foundation
import Testing

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

    func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test("showroom build succeeds with a summary and writes Public/")
    func buildSucceeds() throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let result = try run(["build"], in: store.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Built 13 pages for 3 products ("))
        #expect(result.stdout.contains("→ Public/"))
        #expect(FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Public/index.html").path))
    }

    @Test("bad content: exit status 1, every error as path:line:col on stderr, Public/ untouched")
    func buildFails() throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        #expect(try run(["build"], in: store.root).status == 0)
        let before = try Data(contentsOf: store.root.appendingPathComponent("Public/index.html"))
        try store.write("Content/catalog.json", #"{"products": [{"handle": "a", "title": "A", "price": "1,00", "colour": "red", "images": []}]}"#)
        try store.remove("Content/products/trail-bottle.md")

        let result = try run(["build", "--output", "Public"], in: store.root)
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains(#"Content/catalog.json:1:54: error: "price" of product "a" is not a decimal amount: "1,00""#))
        #expect(lines.contains { $0.hasPrefix(#"Content/catalog.json:1:62: error: unknown key "colour" in product "a""#) })
        #expect(lines.last == "Build failed with 2 errors; Public/ was left unchanged.")
        #expect(try Data(contentsOf: store.root.appendingPathComponent("Public/index.html")) == before)
    }

    @Test("--base-url and SHOWROOM_BASE_URL set the canonical URLs; an invalid one is a clear error")
    func baseURL() throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        #expect(try run(["build", "--base-url", "https://staging.example.com"], in: store.root).status == 0)
        let page = try HTMLDocument(Array(try Data(contentsOf: store.root.appendingPathComponent("Public/about/index.html"))))
        #expect(page.first("//link[@rel='canonical']")?["href"] == "https://staging.example.com/about/")

        let bad = try run(["build", "--base-url", "staging.example.com"], in: store.root)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(#"error: the base URL "staging.example.com" is not an absolute http(s) URL"#))
    }

    @Test("refuses an output folder that would replace the store itself")
    func protectsStore() throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let result = try run(["build", "--output", "."], in: store.root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the output folder would contain or replace"))
        let inside = try run(["build", "--output", "Content/media/site"], in: store.root)
        #expect(inside.status == 1)
        #expect(inside.stderr.contains("the output folder lies inside"))
        #expect(FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Content/site.json").path))
    }
}
