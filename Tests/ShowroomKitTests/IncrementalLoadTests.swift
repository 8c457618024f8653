import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomLoading
@testable import ShowroomModel

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
