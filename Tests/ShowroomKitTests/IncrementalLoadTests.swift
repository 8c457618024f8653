import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomSupport

/// The preview's loads reuse what the last one parsed (`ContentMemo`); whatever the edit, the result must
/// be the one a load from nothing gives: the same site and the same problems at the same places.
@Suite("Incremental load")
struct IncrementalLoadTests {
    /// Applies each edit in turn to the sample store; after each, a load reusing the previous load's memo
    /// must equal a fresh load.
    @Test("a load that reuses the last one's memo equals a fresh load after every kind of edit")
    func reuseEqualsFresh() throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        let loader = ContentLoader(contentDirectory: store.root.appendingPathComponent("Content"), displayRoot: "Content")
        // Files older than the memo's settling time, so unchanged write-ups are taken from it.
        try Self.age(store.root.appendingPathComponent("Content"))
        var memo = loader.load(reusing: nil).memo
        let catalog = try String(contentsOf: store.root.appendingPathComponent("Content/catalog.json"), encoding: .utf8)
        let mug = try String(contentsOf: store.root.appendingPathComponent("Content/products/enamel-camp-mug.md"), encoding: .utf8)
        let site = try String(contentsOf: store.root.appendingPathComponent("Content/site.json"), encoding: .utf8)
        let edits: [(String, [String: String], [String])] = [
            ("a price", ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00""#, with: #""price": "23.50""#)], []),
            // Read by re-parsing only the product edited (`ContentLoader.patched`): one product longer, then one after it.
            ("a price one character longer", ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00""#, with: #""price": "123.50""#)], []),
            ("then the title of a product after it", ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00""#, with: #""price": "123.50""#)
                .replacingOccurrences(of: #""title": "Brass Candle Lantern""#, with: #""title": "Brass Candle Lantern, Large""#)], []),
            ("a warning's cause in one product (priced in another currency)",
             ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00","#, with: #""price": "22.00", "currency": "EUR","#)], []),
            ("then its price, the warning staying", ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00","#, with: #""price": "24.00", "currency": "EUR","#)], []),
            ("then the warning's cause gone", ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00","#, with: #""price": "24.00",     "#)], []),
            ("then a handle", ["Content/catalog.json": catalog.replacingOccurrences(of: #""handle": "brass-candle-lantern""#, with: #""handle": "brass-lantern""#)], []),
            ("a syntax error inside one product", ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00","#, with: #""price": "22.00""#)], []),
            ("a line added inside one product", ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00","#, with: "\"price\": \"22.00\",\n      \"mpn\": \"X-1\",")], []),
            ("two products edited at once", ["Content/catalog.json": catalog.replacingOccurrences(of: #""brand": "Kestrel & Pine""#, with: #""brand": "Kestrel""#)], []),
            ("a line added above every product, moving them all down",
             ["Content/catalog.json": catalog.replacingOccurrences(of: "{\n  \"products\": [", with: "{\n\n  \"products\": [")], []),
            ("a product broken (a bad currency) and a warning's cause",
             ["Content/catalog.json": catalog.replacingOccurrences(of: #""price": "22.00","#, with: #""price": "22.00", "currency": "usd", "gtin": "123","#)], []),
            ("the catalog back as it was", ["Content/catalog.json": catalog], []),
            ("a write-up's front matter", ["Content/products/enamel-camp-mug.md": mug.replacingOccurrences(of: "summary:", with: "title: Renamed\nsummary:")], []),
            ("a write-up with an unknown key", ["Content/products/enamel-camp-mug.md": "---\nsubtitle: no\n---\nBody\n"], []),
            ("a write-up for no product", ["Content/products/no-such-product.md": "Body\n"], []),
            ("the write-ups back", ["Content/products/enamel-camp-mug.md": mug], ["Content/products/no-such-product.md"]),
            ("a picture the catalog names removed", [:], ["Content/media/enamel-camp-mug-lake-blue.jpg"]),
            ("the store's currency", ["Content/site.json": site.replacingOccurrences(of: #""currency": "USD""#, with: #""currency": "EUR""#)], []),
        ]
        #expect(site.contains(#""currency": "USD""#) && catalog.contains(#""price": "22.00","#) && mug.contains("\nsummary:")
                && catalog.contains(#""title": "Brass Candle Lantern""#) && catalog.contains(#""handle": "brass-candle-lantern""#), "the edits must change something")
        for (edit, writes, removals) in edits {
            for (path, text) in writes { try store.write(path, text) }
            for path in removals { try store.remove(path) }
            let reused = loader.load(reusing: memo)
            let fresh = loader.load(reusing: nil)
            #expect(reused.diagnostics.sorted == fresh.diagnostics.sorted, "\(edit): the same problems")
            #expect(reused.site.map(Self.comparable) == fresh.site.map(Self.comparable), "\(edit): the same site")
            memo = reused.memo
        }
    }

    @Test("a write-up whose front matter changed is read again, one left alone is not")
    func writeUpsReadAgainOnlyWhenChanged() throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        let loader = ContentLoader(contentDirectory: store.root.appendingPathComponent("Content"), displayRoot: "Content")
        try Self.age(store.root.appendingPathComponent("Content"))
        let first = loader.load(reusing: nil)
        let mugPath = store.root.appendingPathComponent("Content/products/enamel-camp-mug.md").path
        let canteenPath = store.root.appendingPathComponent("Content/products/insulated-canteen.md").path
        try store.write("Content/products/enamel-camp-mug.md", "---\ntitle: A new mug\n---\nNew body\n")
        let second = loader.load(reusing: first.memo)
        #expect(second.memo.frontMatter(ofWriteUpAt: mugPath) == Array("---\ntitle: A new mug\n---\n".utf8))
        #expect(second.site?.products.first { $0.handle == "enamel-camp-mug" }?.title == "A new mug")
        #expect(second.memo.frontMatter(ofWriteUpAt: canteenPath) == first.memo.frontMatter(ofWriteUpAt: canteenPath))
        // Just written, so not yet trusted: the next load reads it again, and finds what is there then.
        #expect(second.memo.writeUps["products/enamel-camp-mug.md"]?.modified == Int.min)
        #expect(second.memo.writeUps["products/insulated-canteen.md"]?.modified != Int.min)
    }

    @Test("the bytes two versions of a file share at the start and at the end, compared eight at a time, are the ones a byte-by-byte count finds")
    func commonBytes() {
        var generator = SystemRandomNumberGenerator()
        func naive(_ a: [UInt8], _ b: [UInt8]) -> (prefix: Int, suffix: Int) {
            var prefix = 0
            while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
            var suffix = 0
            while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
            return (prefix, suffix)
        }
        for _ in 0..<2_000 {
            let base = (0..<Int.random(in: 0..<70, using: &generator)).map { _ in UInt8.random(in: 0...2, using: &generator) }
            var edited = base
            // An edit somewhere (or none): bytes replaced, inserted or removed, across the 8-byte steps.
            let at = Int.random(in: 0...base.count, using: &generator)
            let removed = Int.random(in: 0...min(9, base.count - at), using: &generator)
            edited.replaceSubrange(at..<(at + removed), with: (0..<Int.random(in: 0..<10, using: &generator)).map { _ in UInt8.random(in: 0...2, using: &generator) })
            let prefix = commonPrefixCount(base, edited)
            let expected = naive(base, edited)
            #expect(prefix == expected.prefix && commonSuffixCount(base, edited, afterPrefix: prefix) == expected.suffix, "\(base) → \(edited)")
        }
        #expect(commonPrefixCount([], []) == 0 && commonSuffixCount([], [], afterPrefix: 0) == 0)
        let same = Array(repeating: UInt8(7), count: 17)
        #expect(commonPrefixCount(same, same) == 17 && commonSuffixCount(same, same, afterPrefix: 17) == 0)
    }

    @Test("a catalog read whole: its bytes, none when it is empty, and nil for a folder, a FIFO or a missing file, without hanging")
    func wholeFileReads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-read-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let bytes = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try Data(bytes).write(to: folder.appendingPathComponent("catalog.json"))
        try Data().write(to: folder.appendingPathComponent("empty.json"))
        #expect(DescriptorReading.file(atPath: path("catalog.json")) == bytes)
        #expect(DescriptorReading.file(atPath: path("empty.json")) == [])
        #expect(DescriptorReading.file(atPath: folder.path) == nil)
        #expect(DescriptorReading.file(atPath: path("missing.json")) == nil)
        #expect(mkfifo(path("fifo.json"), 0o600) == 0)
        #expect(DescriptorReading.file(atPath: path("fifo.json")) == nil, "a FIFO is not read (opening it must not wait for a writer)")
    }

    @Test("a file's stem and whether it lies directly in its folder, read from the relative path")
    func relativePaths() {
        #expect(ContentLoader.fileStem("products/enamel-camp-mug.md") == "enamel-camp-mug")
        #expect(ContentLoader.fileStem("products/sub/ünïcödé.md") == "ünïcödé")
        #expect(ContentLoader.fileStem("pages/a.b.md") == "a.b")
        #expect(ContentLoader.isDirectlyInFolder("products/mug.md"))
        #expect(!ContentLoader.isDirectlyInFolder("products/sub/mug.md"))
    }

    /// Sets every file's modification time an hour back.
    static func age(_ folder: URL) throws {
        let past = Date().addingTimeInterval(-3600)
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)! {
            try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: url.path)
        }
    }

    struct ComparableSite: Equatable {
        var settings: StoreSettings
        var products: [Product]
        var collections: [ProductCollection]
        var pages: [Page]
        var mediaFiles: [String]
    }

    static func comparable(_ site: Site) -> ComparableSite {
        ComparableSite(settings: site.settings, products: site.products, collections: site.collections, pages: site.pages, mediaFiles: site.mediaFiles)
    }
}
