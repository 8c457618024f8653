import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomSupport

/// The catalog feeds as hosts can serve them: gzip-compressed, and plain within 25 MiB (issue 27).
@Suite("Compressed feeds")
struct CompressedFeedTests {
    @Test("gzip round-trips, streamed in pieces, and its header names no file and no time")
    func gzip() throws {
        let text = Array((0..<20_000).map { "item \($0 % 97) – Ünïcode\n" }.joined().utf8)
        let whole = GzipCompressor.compress(text)
        #expect(try Gzip.decompress(whole) == text)
        #expect(whole.count * 10 < text.count)
        // RFC 1952: magic, deflate, no flags (so no file name or comment), modification time 0.
        #expect(Array(whole.prefix(8)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0])
        #expect(GzipCompressor.compress(text) == whole, "the same bytes every time")

        let streamed = GzipCompressor()
        var pieces: [UInt8] = []
        for start in stride(from: 0, to: text.count, by: 7_001) { pieces += streamed.append(Array(text[start..<min(start + 7_001, text.count)])) }
        pieces += streamed.finish()
        #expect(try Gzip.decompress(pieces) == text)
        #expect(streamed.inputCount == text.count)

        #expect(try Gzip.decompress(GzipCompressor.compress([])) == [])
        #expect(throws: Gzip.DecompressionError.self) { try Gzip.decompress(Array(whole.dropLast(9))) }
        #expect(throws: Gzip.DecompressionError.self) { try Gzip.decompress(text) }
    }

    @Test("every build writes the Merchant and Meta feeds gzip-compressed beside the plain ones, and the copies parse")
    func compressedFeeds() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()

        let merchant = try Gzip.decompress(try store.bytes("feeds/google-merchant.xml.gz"))
        #expect(merchant == (try store.bytes("feeds/google-merchant.xml")))
        #expect(try XMLTestDocument(merchant).texts("/rss/channel/item/g:id") == ["camp-mug", "TB-SLATE", "TB-MOSS", "wool-blanket"])
        let meta = try Gzip.decompress(try store.bytes("feeds/meta-catalog.csv.gz"))
        #expect(meta == (try store.bytes("feeds/meta-catalog.csv")))
        #expect(try CSVTable(String(decoding: meta, as: UTF8.self)).rows.map { $0["id"] } == ["camp-mug", "TB-SLATE", "TB-MOSS", "wool-blanket"])
    }

    @Test("a feed past the plain limit is written compressed only, the same feed whatever the piece size, and check reads it")
    func feedPastTheLimit() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        let loaded = Builder.load(store.options)
        let site = try #require(loaded.site)
        let theme = try #require(loaded.theme)

        var renderer = FeedRenderer(site: site, shapes: theme.feedShapes)
        let everything = MemoryWriter()
        try await renderer.write(to: everything, workers: 2)
        let merchant = try #require(everything.files["feeds/google-merchant.xml"])
        let meta = try #require(everything.files["feeds/meta-catalog.csv"])

        var outputs: [[String: [UInt8]]] = []
        for size in [1, 1000] {
            renderer.chunkSize = size
            renderer.plainFeedLimit = min(merchant.count, meta.count) - 1
            let writer = MemoryWriter()
            try await renderer.write(to: writer, workers: 2)
            outputs.append(writer.files)
        }
        let files = outputs[0]
        #expect(outputs[0] == outputs[1], "the compressed feed does not depend on how it was fed to zlib")
        #expect(files["feeds/google-merchant.xml"] == nil && files["feeds/meta-catalog.csv"] == nil)
        #expect(try Gzip.decompress(try #require(files["feeds/google-merchant.xml.gz"])) == merchant)
        #expect(try Gzip.decompress(try #require(files["feeds/meta-catalog.csv.gz"])) == meta)
        #expect(files["feeds/google-merchant.xml.gz"] == everything.files["feeds/google-merchant.xml.gz"])

        // showroom check compares the pages with the compressed feed when there is no plain one.
        try await store.build()
        try FileManager.default.removeItem(at: store.root.appendingPathComponent("Public/feeds/google-merchant.xml"))
        try FileManager.default.removeItem(at: store.root.appendingPathComponent("Public/feeds/meta-catalog.csv"))
        let withCopies = await Checker.check(store.options, build: false)
        #expect(!withCopies.findings.contains { $0.rule == .consistencyOffer }, "\(withCopies.findings.filter { $0.rule == .consistencyOffer })")
    }
}
