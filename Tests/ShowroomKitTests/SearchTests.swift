import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport

/// The search index (issue 24): what Pagefind holds, read back from the files a build wrote, against
/// what the catalog says; the preview's index; and the step's failures. The browser side is in
/// Tests/Browser/search_test.py (`BrowserTests`).
@Suite("Search index")
struct SearchTests {
    /// The sample store with a draft product added (a copy of one, under another handle).
    static func storeWithDraft() throws -> FixtureStore {
        let store = try FixtureStore.sampleStore()
        let path = store.root.appendingPathComponent("Content/catalog.json")
        var catalog = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any])
        var products = try #require(catalog["products"] as? [[String: Any]])
        var draft = products[0]
        draft["handle"] = "draft-mug"
        draft["title"] = "Unreleased Draft Mug"
        draft["draft"] = true
        draft["gtin"] = nil
        draft["variants"] = (draft["variants"] as? [[String: Any]])?.map { variant -> [String: Any] in
            var variant = variant
            variant["sku"] = "DRAFT-" + (variant["sku"] as? String ?? "")
            variant["gtin"] = nil
            return variant
        }
        products.append(draft)
        catalog["products"] = products
        try JSONSerialization.data(withJSONObject: catalog, options: [.prettyPrinted, .sortedKeys]).write(to: path)
        return store
    }

    @Test("the index holds exactly the published products and content pages, each product with the filter values its catalog entry gives")
    func indexMatchesCatalog() async throws {
        let store = try Self.storeWithDraft()
        defer { store.cleanUp() }
        try await store.build()
        let entries = try SearchIndexReader.entries(in: store.output.appendingPathComponent("pagefind"))
        let catalog = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: store.root.appendingPathComponent("Content/catalog.json"))) as? [String: Any])
        let products = try #require(catalog["products"] as? [[String: Any]])
        let published = products.filter { ($0["draft"] as? Bool) != true }
        let pages = try FileManager.default.contentsOfDirectory(atPath: store.root.appendingPathComponent("Content/pages").path)
            .filter { $0.hasSuffix(".md") && $0 != "contact.md" }.map { "/" + $0.dropLast(3) + "/" }

        let urls = entries.map(\.url)
        #expect(Set(urls).count == urls.count, "one entry per page: \(urls)")
        #expect(Set(urls) == Set(published.map { "/products/\($0["handle"] as! String)/" } + pages))
        #expect(!urls.contains { $0.contains("/variants/") || $0.contains("draft") || $0 == "/cart/" || $0.contains("404") })

        for product in published {
            let handle = product["handle"] as! String
            let entry = try #require(entries.first { $0.url == "/products/\(handle)/" })
            // The title the product page shows (a write-up's front matter may override the catalog's).
            let heading = try store.html("products/\(handle)/index.html").first("//*[@id='product-title']")?.text.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(entry.meta["title"] == heading)
            #expect(entry.meta["kind"] == "product")
            // The result card: the price the product page shows, and a picture that exists, named by one word no query can match.
            let page = try store.html("products/\(handle)/index.html")
            let shownPrice = page.first("//*[contains(@class,'product__buybox')]//*[contains(@class,'price__current')]")?.text
                ?? page.first("//*[contains(@class,'price__current')]")?.text
            #expect(entry.meta["price"] == shownPrice?.trimmingCharacters(in: .whitespacesAndNewlines) || entry.meta["from"] != nil, "\(handle): \(entry.meta)")
            let token = try #require(entry.meta["picture"], "\(handle) has a result picture")
            #expect(token.hasPrefix("_") && token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }, "\(token)")
            let picture = try #require(Self.decodePicture(token).split(separator: " ").first.map(String.init))
            #expect(picture.hasPrefix("/img/") && FileManager.default.fileExists(atPath: store.output.appendingPathComponent(String(picture.dropFirst())).path), "\(picture)")
            // What the catalog says, worked out here from the JSON (variants inherit the product's availability).
            let variants = product["variants"] as? [[String: Any]] ?? []
            let productAvailability = product["availability"] as? String ?? "in_stock"
            let items: [(options: [String: String], availability: String, onSale: Bool)] = variants.isEmpty
                ? [([:], productAvailability, product["sale_price"] != nil)]
                : variants.map { ($0["options"] as? [String: String] ?? [:], $0["availability"] as? String ?? productAvailability,
                                  ($0["sale_price"] ?? product["sale_price"]) != nil) }
            var expected: [String: Set<String>] = [:]
            if items.contains(where: { $0.availability == "in_stock" }) { expected["availability"] = ["in-stock"] }
            if items.contains(where: \.onSale) { expected["sale"] = ["on-sale"] }
            if let brand = product["brand"] as? String { expected["brand"] = [brand] }
            expected["collection"] = Set(product["collections"] as? [String] ?? [])
            for item in items {
                for (name, value) in item.options {
                    expected[name, default: []].insert(value)
                    if item.availability == "in_stock" { expected[name + ".in-stock", default: []].insert(value) }
                }
            }
            var indexed = entry.filters.mapValues(Set.init)
            #expect(indexed.removeValue(forKey: "price") != nil, "\(handle) has a price band")
            #expect(indexed == expected, "\(handle)")
        }
        for page in pages {
            let entry = try #require(entries.first { $0.url == page })
            #expect(entry.meta["kind"] == "page" && entry.filters.isEmpty)
        }

        // `check` reads the same files: it passes, and notices a product missing from them.
        let clean = await Checker.check(store.options, build: false)
        #expect(!clean.findings.contains { $0.rule == .searchIndex }, "\(clean.findings.filter { $0.rule == .searchIndex })")
        let fragments = store.output.appendingPathComponent("pagefind/fragment")
        let mug = try #require(try FileManager.default.contentsOfDirectory(atPath: fragments.path).first { name in
            let text = String(decoding: try Gzip.decompress([UInt8](Data(contentsOf: fragments.appendingPathComponent(name)))), as: UTF8.self)
            return text.contains("\"url\":\"/products/enamel-camp-mug/\"")
        })
        try FileManager.default.removeItem(at: fragments.appendingPathComponent(mug))
        let broken = await Checker.check(store.options, build: false)
        let finding = try #require(broken.findings.first { $0.rule == .searchIndex })
        #expect(finding.message.contains("enamel-camp-mug") && finding.location?.file.hasSuffix("catalog.json") == true, "\(finding)")
    }

    /// search.js's reading of `SearchCatalog.pictureToken`.
    static func decodePicture(_ token: String) -> String {
        var bytes: [UInt8] = []
        var characters = Array(token.utf8)[...]
        while let first = characters.first {
            if first == UInt8(ascii: "_"), characters.count >= 3, let byte = UInt8(String(decoding: characters.dropFirst().prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(byte)
                characters = characters.dropFirst(3)
            } else {
                bytes.append(first)
                characters = characters.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test("price bands split the store's price range at round amounts, each price in exactly one")
    func priceBands() throws {
        let loaded = Builder.load(try FixtureStore.sampleStore().options)
        let site = try #require(loaded.site), theme = try #require(loaded.theme)
        let facets = SearchFacets(site: site, words: ShopWords(theme: theme, settings: site.settings))
        // The sample's prices run from $14 to $219: edges 25, 50, 100 and 250 lie inside… 250 does not.
        #expect(facets.edges == [1_000, 2_500, 5_000, 10_000].filter { $0 > 1_400 && $0 <= 21_900 })
        #expect(facets.band(of: Money(minorUnits: 1_400, currency: "USD")) == "0-25")
        #expect(facets.band(of: Money(minorUnits: 2_500, currency: "USD")) == "25-50")
        #expect(facets.band(of: Money(minorUnits: 4_999, currency: "USD")) == "25-50")
        #expect(facets.band(of: Money(minorUnits: 21_900, currency: "USD")) == "100-")
        let labels = try #require(facets.facets.first { $0.key == "price" }).values.map(\.label)
        #expect(labels == ["Under $25.00", "$25.00 – $50.00", "$50.00 – $100.00", "$100.00 and up"])
    }

    @Test("after one product's edit, the facets are kept only when making them again gives the same values and price bands")
    func facetsAfterAnEdit() throws {
        let loaded = Builder.load(try FixtureStore.sampleStore().options)
        let site = try #require(loaded.site), theme = try #require(loaded.theme)
        let words = ShopWords(theme: theme, settings: site.settings)
        let facets = SearchFacets(site: site, words: words)
        let prices = site.products.flatMap { $0.itemPrices.map(\.current.minorUnits) }
        let (lowest, highest) = (try #require(prices.min()), try #require(prices.max()))
        let index = try #require(site.products.firstIndex {
            $0.variants.count >= 2 && $0.itemPrices.allSatisfy { $0.current.minorUnits > lowest && $0.current.minorUnits < highest }
        })
        let usd = { (cents: Int64) in Price(regular: Money(minorUnits: cents, currency: "USD")) }
        let edits: [(name: String, kept: Bool, edit: (inout Product) -> Void)] = [
            ("a price inside the range", true, { $0.variants[0].price = usd((lowest + highest) / 2) }),
            ("sold out", true, { $0.variants[0].availability = .outOfStock }),
            ("a price above the highest", false, { $0.variants[0].price = usd(highest + 10_000) }),
            ("a price at the lowest", false, { $0.variants[0].price = usd(lowest) }),
            ("a new option value", false, { $0.variants[0].options[0].value = "Ultraviolet" }),
            ("another brand", false, { $0.brand = "Someone Else" }),
        ]
        for edit in edits {
            var changed = site
            edit.edit(&changed.products[index])
            #expect(facets.stillHold(after: site.products[index], became: changed.products[index]) == edit.kept, "\(edit.name)")
            let again = SearchFacets(site: changed, words: words)
            if edit.kept { #expect(again.hasSameValues(as: facets) && again.edges == facets.edges, "\(edit.name): kept, yet they changed") }
        }
        // The one that must not be missed: a new highest price that moves the price bands.
        var raised = site
        raised.products[index].variants[0].price = usd(highest + 10_000)
        #expect(SearchFacets(site: raised, words: words).edges != facets.edges)
    }

    @Test("the record stream hands records on in position order, skips the empty positions, and says once when the last is in")
    func recordStream() {
        final class Received: @unchecked Sendable {
            let lock = NSLock()
            var runs: [[String]] = []
            var completions: [Int] = []  // how many runs had arrived at each completion
        }
        func recording(count: Int, into received: Received) -> SearchRecordStream {
            SearchRecordStream(count: count, deliver: { run in received.lock.withLock { received.runs.append(run.map(\.sitePath)) } },
                               completed: { received.lock.withLock { received.completions.append(received.runs.count) } })
        }
        let received = Received()
        let stream = recording(count: 5, into: received)
        func record(_ path: String) -> SearchRecord { SearchRecord(sitePath: path, content: path, meta: [:], filters: [:], sort: [:]) }
        stream.put(record("/c/"), at: 2)
        stream.put(record("/b/"), at: 1)
        #expect(received.runs.isEmpty, "nothing before position 0 is in")
        stream.put(nil, at: 3)
        stream.put(record("/a/"), at: 0)
        #expect(received.runs == [["/a/", "/b/", "/c/"]] && received.completions.isEmpty)
        stream.put(record("/e/"), at: 4)
        #expect(received.runs == [["/a/", "/b/", "/c/"], ["/e/"]])
        #expect(received.completions == [2], "completed once, after the run that filled the last position")

        // The last position filled by a page without a record completes the stream all the same.
        let ending = Received()
        let endsEmpty = recording(count: 2, into: ending)
        endsEmpty.put(record("/a/"), at: 0)
        #expect(ending.completions.isEmpty)
        endsEmpty.put(nil, at: 1)
        #expect(ending.runs == [["/a/"]] && ending.completions == [1])
    }

    @Test("without Pagefind the build stops with the install command and the previous site stays")
    func missingPagefind() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let before = try store.bytes("index.html")
        do {
            try await store.build { $0.pagefind = "/nonexistent/pagefind"; $0.force = true }
            Issue.record("the build went ahead without Pagefind")
        } catch let failure as BuildFailure {
            let message = failure.diagnostics.map(\.description).joined(separator: "\n")
            #expect(message.contains("Pagefind was not found at /nonexistent/pagefind"), "\(message)")
            #expect(message.contains("pip install pagefind-bin==\(PagefindService.version)"), "\(message)")
        }
        #expect(try store.bytes("index.html") == before)
        #expect(FileManager.default.fileExists(atPath: store.output.appendingPathComponent("pagefind/pagefind.js").path))

        // "search": false: no index, no search page, no filters, no Pagefind needed.
        let site = try String(contentsOf: store.root.appendingPathComponent("Content/site.json"), encoding: .utf8)
        try store.write("Content/site.json", site.replacingOccurrences(of: "\"theme\": \"default\",", with: "\"theme\": \"default\", \"search\": false,"))
        try await store.build { $0.pagefind = "/nonexistent/pagefind" }
        #expect(!FileManager.default.fileExists(atPath: store.output.appendingPathComponent("pagefind").path))
        #expect(!FileManager.default.fileExists(atPath: store.output.appendingPathComponent("search/index.html").path))
        let collection = try store.html("collections/all/index.html")
        #expect(collection.nodes("//*[@data-facets]").isEmpty && collection.nodes("//form[@role='search']").isEmpty)
    }

    @Test("the preview indexes what the build indexes, and indexes again after a stock edit")
    func previewIndex() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let built = try Dictionary(uniqueKeysWithValues: store.outputFiles().filter { $0.hasPrefix("pagefind/") }.map { ($0, try store.bytes($0)) })
        #expect(built.count > 20)

        let session = PreviewSession(options: store.options)
        #expect(await session.rebuild().isEmpty)
        func index(where ready: ([String: [UInt8]]) -> Bool) async throws -> [String: [UInt8]] {
            for _ in 0..<1200 {
                let files = session.current.snapshot.files.filter { $0.key.hasPrefix("pagefind/") }
                if !files.isEmpty, ready(files) { return files }
                try await Task.sleep(for: .milliseconds(50))
            }
            Issue.record("the preview's index did not arrive")
            return [:]
        }
        let first = try await index { _ in true }
        #expect(first.keys.sorted() == built.keys.sorted())
        for (path, bytes) in built { #expect(first[path] == bytes, "\(path) differs between the preview and the build") }

        // Sell out the tote's Charcoal variant: the index files the tote under Charcoal but no longer under in-stock Charcoal.
        let catalogPath = store.root.appendingPathComponent("Content/catalog.json")
        let catalog = try String(contentsOf: catalogPath, encoding: .utf8)
        let edited = catalog.replacingOccurrences(of: "\"sku\": \"KP-TOTE-CH\",", with: "\"sku\": \"KP-TOTE-CH\", \"availability\": \"out_of_stock\",")
        #expect(edited != catalog)
        try edited.write(to: catalogPath, atomically: true, encoding: .utf8)
        #expect(await session.update(changed: [catalogPath.resolvingSymlinksInPath().path]).isEmpty)
        let second = try await index { $0 != first }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, bytes) in second {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let tote = try #require(try SearchIndexReader.entries(in: folder.appendingPathComponent("pagefind")).first { $0.url == "/products/waxed-canvas-tote/" })
        #expect(tote.filters["color"]?.contains("Charcoal") == true)
        #expect(tote.filters["color.in-stock"]?.contains("Charcoal") == false)

        // And a full build of the edited store writes the same index, and the same pages: the filter
        // panels the preview updated by the tote's values alone count as the build's do.
        try await store.build()
        for (path, bytes) in second { #expect(try store.bytes(path) == bytes, "\(path): the preview's index after the edit differs from a build's") }
        let pages = session.current.snapshot.files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 20)
        for (path, bytes) in pages { #expect(try store.bytes(path) == bytes, "\(path): the preview's page after the edit differs from a build's") }
    }
}
