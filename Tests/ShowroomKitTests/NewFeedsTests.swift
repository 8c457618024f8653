import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomImport
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport
@testable import ShowroomTemplates

/// The Meta catalog, Atom and JSON Feed files, parsed and checked against their specs for every item of
/// a store with variants, a sale, products without GTIN, out-of-stock and pre-order items and hostile text.
@Suite("Meta catalog, Atom and JSON Feed")
struct NewFeedsTests {
    static let metaAvailability: Set<String> = ["in stock", "out of stock", "preorder", "available for order", "discontinued"]

    @Test("the Meta catalog CSV is RFC 4180 with one row per variant and Commerce Manager's columns")
    func metaCatalog() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        try await store.build()
        let text = String(decoding: try store.bytes("feeds/meta-catalog.csv"), as: UTF8.self)
        let table = try CSVTable(text)
        #expect(Array(table.header.prefix(10)) == ["id", "item_group_id", "title", "description", "availability", "condition", "price",
                                                   "sale_price", "link", "image_link"])
        #expect(table.rows.map { $0["id"]! } == ["camp-mug", "odd-one", "TB-SLATE", "TB-MOSS", "wool-blanket"])
        func row(_ id: String) throws -> [String: String] { try #require(table.rows.first { $0["id"] == id }) }

        // Required columns on every row, in Meta's formats.
        for row in table.rows {
            for column in ["id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand"] where column != "brand" || row["id"] != "wool-blanket" {
                #expect(!(row[column] ?? "").isEmpty, "\(row["id"]!) lacks \(column)")
            }
            #expect(Self.metaAvailability.contains(row["availability"]!))
            #expect(["new", "refurbished", "used"].contains(row["condition"]!))
            #expect(row["price"]!.wholeMatch(of: /\d+\.\d{2} [A-Z]{3}/) != nil)
            #expect(row["title"]!.count <= 200 && row["description"]!.count <= 9999)
            #expect(row["link"]!.hasPrefix("https://shop.example.com/"))
        }

        let slate = try row("TB-SLATE")
        #expect(slate["item_group_id"] == "trail-bottle")
        #expect(slate["price"] == "24.00 USD")
        #expect(slate["sale_price"] == "19.00 USD")
        #expect(slate["gtin"] == "0012345678905")
        #expect(slate["color"] == "Slate" && slate["size"] == "750 ml")
        #expect(slate["link"] == "https://shop.example.com/products/trail-bottle/variants/tb-slate/")
        #expect(Fixtures.isRendition(slate["additional_image_link"], of: "bottle-2"), "\(slate["additional_image_link"] ?? "")")
        #expect(slate["shipping"] == "US::Standard:0.00 USD")
        #expect(try row("TB-MOSS")["availability"] == "available for order", "backorder in Meta's words")
        #expect(try row("wool-blanket")["availability"] == "out of stock")
        #expect(try row("camp-mug")["mpn"] == "CM-1")

        let odd = try row("odd-one")
        #expect(odd["title"] == Fixtures.hostileTitleAsPublished, "commas, quotes and markup survive quoting")
        #expect(odd["description"] == "Line one, line \"two\" A plain write-up & more.", "summary and write-up, on one line")
        #expect(odd["availability"] == "preorder")
        #expect(odd["brand"] == "Ünïcode & Sons")
        #expect(text.contains("\"Fish, Chips & <b>\"\"Deluxe\"\"</b>"), "quotes are doubled inside a quoted field")
    }

    @Test("CSV fields with separators, quotes and line breaks are quoted; control characters dropped")
    func csvQuoting() throws {
        #expect(CSVWriter.quoted("plain text") == "plain text")
        #expect(CSVWriter.quoted("a,b") == "\"a,b\"")
        #expect(CSVWriter.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.quoted("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.quoted("crlf\r\nend") == "\"crlf\r\nend\"")
        #expect(CSVWriter.quoted("bell\u{7}") == "bell")
        #expect(CSVWriter.quoted("tab\tkept\u{1}, é \"q\"") == "\"tab\tkept, é \"\"q\"\"\"")
        var writer = CSVWriter(columns: ["a", "b"])
        writer.append(["a": "x,y", "b": "line\nbreak"])
        let table = try CSVTable(String(decoding: writer.takeBytes(), as: UTF8.self))
        #expect(table.rows == [["a": "x,y", "b": "line\nbreak"]])
    }

    @Test("the Atom feed has RFC 4287's required elements, newest products first")
    func atom() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        try await store.build()
        let feed = try XMLTestDocument(try store.bytes("feeds/new-arrivals.atom"))
        #expect(feed.text("/atom:feed/atom:id") == "https://shop.example.com/feeds/new-arrivals.atom")
        #expect(feed.text("/atom:feed/atom:title") == "New arrivals at Fixture Goods")
        #expect(feed.text("/atom:feed/atom:updated") == "2026-10-15T00:00:00Z", "the newest product's date, not the clock")
        #expect(feed.text("/atom:feed/atom:author/atom:name") == "Fixture Goods LLC")
        #expect(feed.nodes("/atom:feed/atom:link[@rel='self' and @href='https://shop.example.com/feeds/new-arrivals.atom']").count == 1)

        let ids = feed.texts("/atom:feed/atom:entry/atom:id")
        #expect(ids == ["odd-one", "trail-bottle", "camp-mug", "wool-blanket"].map { "https://shop.example.com/products/\($0)/" },
                "newest first; undated last")
        for entry in feed.nodes("/atom:feed/atom:entry") {
            #expect(!(feed.text("atom:title", in: entry) ?? "").isEmpty)
            #expect(feed.text("atom:updated", in: entry)?.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/) != nil, "RFC 3339")
            #expect(feed.nodes("atom:link[@rel='alternate']", in: entry).count == 1)
            #expect(feed.text("atom:content/@type", in: entry) == "html")
        }
        let odd = try #require(feed.nodes("/atom:feed/atom:entry[atom:id='https://shop.example.com/products/odd-one/']").first)
        #expect(feed.text("atom:title", in: odd) == Fixtures.hostileTitleAsPublished)
        let content = try HTMLDocument(Array((feed.text("atom:content", in: odd) ?? "").utf8))
        #expect(content.text("//strong") == "$4.50 (was $5.00)")
        #expect(content.first("//img")?["alt"] == Fixtures.hostileTitleAsPublished, "escaped once in the HTML, once in the XML")
    }

    @Test("the JSON Feed is version 1.1 with an id, url and content for every item")
    func jsonFeed() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        try await store.build()
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(try store.bytes("feeds/new-arrivals.json"))) as? [String: Any])
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed["title"] as? String == "New arrivals at Fixture Goods")
        #expect(feed["feed_url"] as? String == "https://shop.example.com/feeds/new-arrivals.json")
        #expect((feed["authors"] as? [[String: Any]])?.first?["name"] as? String == "Fixture Goods LLC")
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["odd-one", "trail-bottle", "camp-mug", "wool-blanket"].map { "https://shop.example.com/products/\($0)/" })
        for item in items {
            #expect(!((item["content_html"] as? String) ?? "").isEmpty)
            #expect(item["url"] as? String == item["id"] as? String)
        }
        #expect(items[0]["title"] as? String == Fixtures.hostileTitleAsPublished)
        #expect(items[0]["date_published"] as? String == "2026-10-15T00:00:00Z")
        #expect(items[3]["date_published"] == nil, "no invented dates")
        #expect(items[1]["tags"] as? [String] == ["Bottles & Mugs", "New Arrivals"])
    }

    @Test("every Merchant feed item of the hostile store carries the required fields, well-formed")
    func merchantRequiredFields() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        try await store.build()
        let feed = try XMLTestDocument(try store.bytes("feeds/google-merchant.xml"))
        let odd = try #require(feed.nodes("/rss/channel/item[g:id='odd-one']").first)
        #expect(feed.text("title", in: odd) == Fixtures.hostileTitleAsPublished)
        #expect(feed.text("g:availability", in: odd) == "preorder")
        #expect(feed.text("g:availability_date", in: odd) == "2027-01-10T00:00:00Z", "pre-orders need their date")
        #expect(feed.text("g:identifier_exists", in: odd) == "no")
        for item in feed.nodes("/rss/channel/item") {
            for field in ["g:id", "title", "description", "link", "g:image_link", "g:availability", "g:price", "g:condition", "g:shipping/g:price"] {
                #expect(!(feed.text(field, in: item) ?? "").isEmpty, "an item lacks \(field)")
            }
            #expect(["in_stock", "out_of_stock", "preorder", "backorder"].contains(feed.text("g:availability", in: item) ?? ""))
            #expect(feed.text("g:price", in: item)?.wholeMatch(of: /\d+\.\d{2} USD/) != nil)
            let hasIdentifier = feed.text("g:gtin", in: item) != nil || feed.text("g:mpn", in: item) != nil
            #expect(hasIdentifier != (feed.text("g:identifier_exists", in: item) == "no"), "identifier_exists=no exactly when there is neither")
        }
    }

    @Test("limits count code points, cut whole characters and keep text without spaces")
    func truncation() {
        let accents = String(repeating: "e\u{301}", count: 100)  // 100 characters, 200 code points
        let cut = TextTruncation.truncate(accents, to: 150)
        #expect(cut.unicodeScalars.count <= 150 && cut.hasSuffix("…"))
        #expect(cut.dropLast().allSatisfy { $0 == "e\u{301}" }, "no accent separated from its letter")
        let japanese = "檜 " + String(repeating: "まな板", count: 100)
        #expect(TextTruncation.truncate(japanese, to: 150).count == 150, "one early space does not cut the text to one word")
        #expect(TextTruncation.truncate("short", to: 150) == "short")
        let words = String(repeating: "word ", count: 40)
        #expect(TextTruncation.truncate(words, to: 150).hasSuffix("word…"), "cut at a word boundary when one is near")
    }

    @Test("the byte-level truncation gives what the character-level one gives")
    func truncationShortcut() {
        // Seeded, so a failure names a text that can be reproduced.
        var generator = SeededGenerator(seed: 7)
        let pieces = ["word", " ", "  ", "\r\n", "\n", "é", "e\u{301}", "👩‍👩‍👧", "まな板", "a", "longerword", ",", "—"]
        for round in 0..<2_000 {
            let text = (0..<Int.random(in: 1...80, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for limit in [2, 5, 10, 30, 60] {
                #expect(TextTruncation.truncate(text, to: limit) == TextTruncation.truncateByCharacters(text, to: limit),
                        "round \(round), limit \(limit): \(text.debugDescription)")
            }
        }
    }

    private static func loaded(_ store: FixtureStore) -> (Site?, Theme?, Diagnostics) {
        let store = Builder.load(store.options)
        return (store.site, store.theme, store.diagnostics)
    }

    @Test("feeds streamed in pieces are the same bytes as feeds rendered whole, whatever the piece size")
    func streamedFeeds() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        let (site, theme, diagnostics) = Self.loaded(store)
        let loaded = try #require(site)
        #expect(!diagnostics.hasErrors)
        var outputs: [[String: [UInt8]]] = []
        for size in [1, 2, 1000] {
            var renderer = FeedRenderer(site: loaded, shapes: try #require(theme).feedShapes)
            renderer.chunkSize = size
            let writer = MemoryWriter()
            try await renderer.write(to: writer, workers: 2)
            outputs.append(writer.files)
        }
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])

        let renderer = FeedRenderer(site: loaded, shapes: try #require(theme).feedShapes)
        let descriptions = try await renderer.plainDescriptions()
        let whole = GoogleMerchantFeed(site: loaded, links: renderer.links, shape: try #require(theme).feedShapes.googleMerchant, words: renderer.words).render(descriptions: descriptions)
        #expect(outputs[0][SiteLinks.outputFile(for: SiteLinks.googleMerchantFeed)] == whole.bytes)
        _ = try XMLTestDocument(try #require(outputs[0][SiteLinks.outputFile(for: SiteLinks.googleMerchantFeed)]), path: "google-merchant.xml")  // well-formed
        // The fixture has more products than the smallest piece size, so pieces really were joined.
        #expect(loaded.products.count > 2)
    }

    @Test("feeds rendered beside the pages, with the write-ups' text handed over, are the same bytes as feeds rendered on their own")
    func handedOverDescriptions() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        let (site, theme, _) = Self.loaded(store)
        let loaded = try #require(site), shapes = try #require(theme).feedShapes
        let beside = MemoryWriter()
        let rendered = try await Builder.render(BuildPlan(site: loaded, theme: try #require(theme)), to: beside, workers: 2, keepingDescriptions: true)
        // What `check` audits is what the feeds carry, without a Markdown pass of its own.
        #expect(rendered.descriptions == (try await FeedRenderer(site: loaded).plainDescriptions()))
        let loadedTheme = try #require(theme)
        var alone = FeedRenderer(site: loaded, shapes: shapes, listingPlayers: loadedTheme.playsListings,
                                 words: ShopWords(theme: loadedTheme, settings: loaded.settings))
        alone.chunkSize = 1
        let aloneWriter = MemoryWriter()
        try await alone.write(to: aloneWriter, workers: 2)
        for path in [SiteLinks.outputFile(for: SiteLinks.googleMerchantFeed), SiteLinks.outputFile(for: SiteLinks.metaCatalogFeed), SiteLinks.outputFile(for: SiteLinks.newArrivalsAtom), SiteLinks.outputFile(for: SiteLinks.newArrivalsJSON), "sitemap.xml"] {
            #expect(beside.files[path] != nil && beside.files[path] == aloneWriter.files[path], "\(path)")
        }
    }

    // A hang waits forever; the limit is generous because the whole suite shares two cores with this test.
    @Test("a write-up removed during the build fails the build with its name, and the feeds waiting for its text do not hang", .timeLimit(.minutes(3)))
    func writeUpRemovedDuringBuild() async throws {
        let store = try FixtureStore(Fixtures.feedStore())
        defer { store.cleanUp() }
        let (site, theme, _) = Self.loaded(store)
        let loaded = try #require(site)
        let reference = try #require(loaded.products.lazy.compactMap(\.description).first)
        try FileManager.default.removeItem(atPath: reference.absolutePath)
        do {
            _ = try await Builder.render(BuildPlan(site: loaded, theme: try #require(theme)), to: MemoryWriter(), workers: 2)
            Issue.record("the build succeeded without \(reference.displayPath)")
        } catch let failure as BuildFailure {
            #expect(failure.diagnostics.contains { $0.message.contains("cannot read") && $0.location?.file == reference.displayPath })
        }
    }

    @Test("a comma inside an additional image URL is percent-encoded, so Meta cannot split the URL there")
    func metaImageCommas() async throws {
        var files = Fixtures.feedStore()
        files["Content/catalog.json"] = files["Content/catalog.json"]!.replacingOccurrences(
            of: #""media/bottle-2.jpg""#, with: #""https://res.example-cdn.com/image/upload/w_800,h_800/bottle-2.jpg""#)
        let store = try FixtureStore(files)
        defer { store.cleanUp() }
        try await store.build()
        let table = try CSVTable(String(decoding: try store.bytes("feeds/meta-catalog.csv"), as: UTF8.self))
        let cells = table.rows.compactMap { $0["additional_image_link"] }.filter { $0.contains("example-cdn") }
        #expect(!cells.isEmpty)
        for cell in cells {
            let urls = cell.split(separator: ",")
            #expect(urls.contains("https://res.example-cdn.com/image/upload/w_800%2Ch_800/bottle-2.jpg"), "\(cell)")
        }
    }
}

/// SplitMix64: a small deterministic generator for property tests.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
