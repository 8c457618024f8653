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

/// End-to-end: a fixture store is built into a temporary folder and the produced files are parsed.
@Suite("Building a store")
struct BuildTests {
    @Test("produces exactly the expected files: one page per product, variant, collection page and content page")
    func outputTree() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let summary = try await store.build()

        let expected = [
            "404.html", "about/index.html", "assets/style.\(ContentHash.hex(Array("body { margin: 0 }\n".utf8))).css",
            "collections/all/index.html", "collections/bottles/index.html", "collections/home/index.html",
            "collections/new-arrivals/index.html", "contact/index.html", "feeds/google-merchant.xml", "feeds/google-merchant.xml.gz",
            "feeds/meta-catalog.csv", "feeds/meta-catalog.csv.gz", "feeds/new-arrivals.atom", "feeds/new-arrivals.json", "index.html",
            "media/blanket.jpg", "media/bottle-1.jpg", "media/bottle-2.jpg", "media/mug.jpg",
            "products/camp-mug/index.html", "products/trail-bottle/index.html",
            "products/trail-bottle/variants/tb-moss/index.html", "products/trail-bottle/variants/tb-slate/index.html",
            "products/wool-blanket/index.html", "robots.txt", "sitemap.xml",
        ]
        #expect(store.outputFiles().filter { !$0.hasPrefix("img/") } == expected)
        // Each 800-px picture at 360, 720 and 800 px in AVIF and JPEG, and its link-preview crop.
        let renditions = store.outputFiles().filter { $0.hasPrefix("img/") }
        #expect(renditions.count == 4 * 7, "\(renditions)")
        for stem in ["blanket", "bottle-1", "bottle-2", "mug"] {
            #expect(renditions.filter { $0.hasPrefix("img/\(stem)-") }.map { String($0.split(separator: "-").last!) }.sorted()
                    == ["360.avif", "360.jpg", "720.avif", "720.jpg", "800.avif", "800.jpg", "og.jpg"], "\(stem)")
        }
        #expect(summary.pages == 13)
        #expect(summary.products == 3)
        // No staging or retired folders are left next to the output.
        #expect(try store.rootEntries() == [".Public.fingerprint", "Content", "Public", "Themes"])
    }

    @Test("product pages show the catalog's price, sale and availability")
    func productPrices() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()

        let mug = try store.html("products/camp-mug/index.html")
        #expect(mug.first("//p[@id='price']")?["data-amount"] == "12.50")
        #expect(mug.first("//p[@id='price']")?["data-currency"] == "USD")
        #expect(mug.text("//p[@id='price']") == "$12.50")
        #expect(mug.first("//s[@id='regular']") == nil)
        #expect(mug.first("//p[@id='availability']")?["data-code"] == "in_stock")
        #expect(mug.nodes("//dl[@id='identifiers']/dd").map(\.text) == ["Fixture", "CM-1", "96385074", "New"])

        let blanket = try store.html("products/wool-blanket/index.html")
        #expect(blanket.first("//p[@id='price']")?["data-amount"] == "89.00", "a JSON number price is read exactly")
        #expect(blanket.first("//p[@id='availability']")?["data-code"] == "out_of_stock")
    }

    @Test("variants inherit the price pair and availability, and each has its own page")
    func variants() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()

        // The product page shows the lowest current price as a "from" price.
        let product = try store.html("products/trail-bottle/index.html")
        #expect(product.first("//p[@id='price']")?["data-amount"] == "19.00")
        #expect(product.first("//p[@id='price']")?["data-from"] == "true")
        #expect(product.first("//p[@id='selected']") == nil)
        #expect(product.attributes("//ul[@id='variants']//a", "href") == [
            "/products/trail-bottle/variants/tb-slate/", "/products/trail-bottle/variants/tb-moss/",
        ])
        // Options display in the first variant's key order, though the second variant writes them the other way round.
        #expect(product.attributes("//div[@class='option']", "data-name") == ["color", "size"])
        #expect(product.nodes("//ul[@id='variants']//a").map(\.text) == ["Slate / 750 ml", "Moss / 750 ml"])

        // Slate inherits the product's sale (24.00 → 19.00) and availability.
        let slate = try store.html("products/trail-bottle/variants/tb-slate/index.html")
        #expect(slate.first("//p[@id='price']")?["data-amount"] == "19.00")
        #expect(slate.text("//s[@id='regular']") == "$24.00")
        #expect(slate.first("//p[@id='availability']")?["data-code"] == "in_stock")
        #expect(slate.first("//p[@id='selected']")?["data-sku"] == "TB-SLATE")
        #expect(Fixtures.isRendition(slate.first("//div[@id='gallery']/img")?["src"], of: "bottle-1", under: "/"))
        #expect(slate.nodes("//dl[@id='identifiers']/dd").map(\.text) == ["Fixture", "0012345678905", "TB-SLATE", "New"])

        // Moss sets its own price and no sale price, so it is not on sale; its backorder date shows.
        let moss = try store.html("products/trail-bottle/variants/tb-moss/index.html")
        #expect(moss.first("//p[@id='price']")?["data-amount"] == "26.00")
        #expect(moss.first("//s[@id='regular']") == nil)
        #expect(moss.first("//p[@id='availability']")?["data-code"] == "backorder")
        #expect(moss.text("//p[@id='availability']") == "Backorder December 15, 2026")
        #expect(Fixtures.isRendition(moss.first("//div[@id='gallery']/img")?["src"], of: "bottle-2", under: "/"))
        // From Moss, choosing the color Slate keeps the size and links to Slate's page.
        #expect(moss.first("//div[@data-name='color']/a[.='Slate']")?["href"] == "/products/trail-bottle/variants/tb-slate/")
        #expect(moss.first("//div[@data-name='color']/a[.='Moss']")?["data-selected"] == "true")
    }

    @Test("the front-matter title replaces the catalog title everywhere; Markdown is GFM and safe")
    func frontMatterAndMarkdown() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()

        let title = "Trail Bottle 750 ml – Élan"
        let page = try store.html("products/trail-bottle/index.html")
        #expect(page.text("//h1[@id='title']") == title)
        #expect(page.text("//title") == "\(title) · Fixture Goods")
        #expect(page.text("//p[@id='summary']") == "Keeps water cold for 24 hours.")
        #expect(page.nodes("//ul[@id='highlights']/li").map(\.text) == ["Double-wall steel", "Fits every cup holder"])
        #expect(try store.html("collections/bottles/index.html").nodes("//li[@class='card']/a").map(\.text).contains(title))
        #expect(try store.html("index.html").nodes("//ul[@id='new']/li/a").map(\.text).first == title)

        let description = "//div[@id='description']"
        #expect(page.first("\(description)//table//td[.='750 ml']") != nil, "tables")
        #expect(page.first("\(description)//del[.='Plastic']") != nil, "strikethrough")
        #expect(page.first("\(description)//input[@type='checkbox' and @checked]") != nil, "task lists")
        #expect(page.first("\(description)//a[@href='https://example.com']") != nil, "autolinks")
        #expect(page.first("\(description)//section[contains(@class,'footnotes')]") != nil, "footnotes")
        #expect(page.nodes("//script[not(@type='application/ld+json')]").isEmpty, "raw HTML in Markdown is never passed through")
    }

    @Test("collections: front-matter title and sort, titles from slugs, all-products page, drafts left out")
    func collections() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()

        let bottles = try store.html("collections/bottles/index.html")
        #expect(bottles.text("//h1") == "Bottles & Mugs")
        #expect(bottles.text("//div[@id='intro']") == "Everything that holds a drink.")
        // sort: price-asc by the lowest current price (mug 12.50 < bottle 19.00).
        #expect(bottles.attributes("//li[@class='card']", "data-url") == ["/products/camp-mug/", "/products/trail-bottle/"])
        #expect(try store.html("collections/new-arrivals/index.html").text("//h1") == "New Arrivals")
        // The header marks the collection being shown.
        #expect(bottles.attributes("//a[@class='nav' and @data-current='true']", "href") == ["/collections/bottles/"])
        #expect(try store.html("collections/home/index.html").nodes("//a[@class='nav' and @data-current='true']").isEmpty)
        let all = try store.html("collections/all/index.html")
        // Newest first, undated last; the draft is nowhere.
        #expect(all.attributes("//li[@class='card']", "data-url") == ["/products/trail-bottle/", "/products/camp-mug/", "/products/wool-blanket/"])
        #expect(try store.html("collections/home/index.html").text("//li[@class='card']/b") == "Sold out")
    }

    @Test("collections paginate at products_per_page with prev/next links")
    func pagination() async throws {
        var products: [String] = []
        for number in 1...5 {
            products.append(#"{"handle": "item-\#(number)", "title": "Item \#(number)", "price": "\#(number).00", "published": "2026-01-0\#(number)", "collections": ["all-items"], "images": ["media/mug.jpg"]}"#)
        }
        let site = Fixtures.siteJSON.replacingOccurrences(of: #""theme": "test","#, with: #""theme": "test", "products_per_page": 2,"#)
        let store = try FixtureStore(Fixtures.store(replacing: [
            "Content/site.json": site, "Content/catalog.json": #"{"products": [\#(products.joined(separator: ","))]}"#,
        ], removing: ["Content/products/trail-bottle.md", "Content/collections/bottles.md"]))
        defer { store.cleanUp() }
        try await store.build()

        let files = store.outputFiles().filter { $0.hasPrefix("collections/all-items/") }
        #expect(files == ["collections/all-items/index.html", "collections/all-items/page/2/index.html", "collections/all-items/page/3/index.html"])
        let first = try store.html("collections/all-items/index.html")
        #expect(first.attributes("//li[@class='card']", "data-url") == ["/products/item-5/", "/products/item-4/"])
        #expect(first.first("//a[@rel='prev']") == nil)
        #expect(first.first("//a[@rel='next']")?["href"] == "/collections/all-items/page/2/")
        let last = try store.html("collections/all-items/page/3/index.html")
        #expect(last.attributes("//li[@class='card']", "data-url") == ["/products/item-1/"])
        #expect(last.first("//a[@rel='prev']")?["href"] == "/collections/all-items/page/2/")
        #expect(last.first("//a[@rel='next']") == nil)
    }

    @Test("the contact page shows the seller block and the body of pages/contact.md")
    func contactPage() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()

        let contact = try store.html("contact/index.html")
        #expect(contact.text("//h1") == "Contact us")
        #expect(contact.text("//div[@id='content']") == "Write to us any time.")
        #expect(contact.text("//span[@id='legal-name']") == "Fixture Goods LLC")
        #expect(contact.nodes("//address/span[@class='line']").map(\.text) == ["12 Alder St", "Portland, OR 97201", "United States"])
        #expect(contact.first("//a[@id='email']")?["href"] == "mailto:hello@example.com")
        #expect(contact.first("//a[@id='phone']")?["href"] == "tel:+15035550100")
        // Every page's footer carries the seller and the page links, contact last.
        let about = try store.html("about/index.html")
        #expect(about.text("//p[@id='seller']") == "Fixture Goods LLC")
        #expect(about.attributes("//a[@class='page-link']", "href") == ["/about/", "/contact/"])
    }

    @Test("a base URL with a path prefixes every link; --base-url overrides site.json")
    func basePath() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build { $0.baseURL = "https://brand.github.io/store/" }

        let page = try store.html("products/camp-mug/index.html")
        #expect(page.first("//link[@rel='canonical']")?["href"] == "https://brand.github.io/store/products/camp-mug/")
        #expect(Fixtures.isRendition(page.first("//div[@id='gallery']/img")?["src"], of: "mug", under: "/store/"))
        #expect(page.first("//link[@rel='stylesheet']")?["href"] == "/store/assets/style.\(ContentHash.hex(Array("body { margin: 0 }\n".utf8))).css")
        #expect(page.attributes("//a[@class='nav']", "href").allSatisfy { $0.hasPrefix("/store/collections/") })
    }

    @Test("variants inherit the availability date; null counts as absent; a numeric Google category is accepted")
    func inheritanceEdges() async throws {
        let catalog = """
            {"products": [{"handle": "stool", "title": "Stool", "price": "50.00", "availability": "backorder", "availability_date": "2027-01-10",
              "google_product_category": 443, "images": ["media/mug.jpg"],
              "variants": [
                {"sku": "ST-OAK", "options": {"wood": "Oak"}, "availability": "preorder"},
                {"sku": "ST-ASH", "options": {"wood": "Ash"}, "sale_price": null},
                {"sku": "ST-ELM", "options": {"wood": "Elm"}, "availability": "in_stock"}
              ]}]}
            """
        let store = try FixtureStore(Fixtures.store(replacing: ["Content/catalog.json": catalog],
                                                    removing: ["Content/products/trail-bottle.md", "Content/collections/bottles.md"]))
        defer { store.cleanUp() }
        try await store.build()
        let oak = try store.html("products/stool/variants/st-oak/index.html")
        #expect(oak.text("//p[@id='availability']") == "Pre-order January 10, 2027", "a pre-order variant inherits the product's date")
        let ash = try store.html("products/stool/variants/st-ash/index.html")
        #expect(ash.first("//p[@id='availability']")?["data-code"] == "backorder")
        #expect(ash.first("//p[@id='price']")?["data-amount"] == "50.00")
        let elm = try store.html("products/stool/variants/st-elm/index.html")
        #expect(elm.text("//p[@id='availability']") == "In stock", "an in-stock variant shows no date")
    }

    @Test("under a base path, root-relative links in Markdown get the prefix too")
    func markdownBasePath() async throws {
        let store = try FixtureStore(Fixtures.store(replacing: [
            "Content/pages/about.md": "---\ntitle: About\n---\nSee [shipping](/shipping/), [us](https://example.com/x) and ![logo](/media/mug.jpg).\n",
        ]))
        defer { store.cleanUp() }
        try await store.build { $0.baseURL = "https://brand.github.io/store" }
        let about = try store.html("about/index.html")
        #expect(about.attributes("//div[@id='content']//a", "href") == ["/store/shipping/", "https://example.com/x"])
        #expect(about.attributes("//div[@id='content']//img", "src") == ["/store/media/mug.jpg"])
    }

    @Test("pagination links first, last and two pages around the current one")
    func pageWindow() {
        #expect(PageRenderer.pageWindow(current: 1, total: 1) == [1])
        #expect(PageRenderer.pageWindow(current: 1, total: 4) == [1, 2, 3, 4])
        #expect(PageRenderer.pageWindow(current: 6, total: 40) == [1, nil, 4, 5, 6, 7, 8, nil, 40])
        #expect(PageRenderer.pageWindow(current: 40, total: 40) == [1, nil, 38, 39, 40])
    }

    @Test("two builds of the same input are byte-identical")
    func deterministic() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build { $0.workers = 1 }
        let first = try Dictionary(uniqueKeysWithValues: store.outputFiles().map { ($0, try store.bytes($0)) })
        try await store.build { $0.workers = 4; $0.force = true }
        let second = try Dictionary(uniqueKeysWithValues: store.outputFiles().map { ($0, try store.bytes($0)) })
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, bytes) in first { #expect(second[path] == bytes, "\(path) differs between builds") }
        #expect(first.count > 30)
    }

    @Test("a rebuild with nothing changed touches no file; any change to content, theme or options rebuilds")
    func unchangedRebuild() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let first = try await store.build()
        #expect(!first.unchanged)
        func identities() throws -> [String: String] {
            try Dictionary(uniqueKeysWithValues: store.outputFiles().map { path in
                let attributes = try FileManager.default.attributesOfItem(atPath: store.output.appendingPathComponent(path).path)
                return (path, "\(attributes[.systemFileNumber] ?? 0) \(attributes[.modificationDate] ?? 0)")
            })
        }
        let before = try identities()

        let second = try await store.build()
        #expect(second.unchanged)
        #expect(second.pages == first.pages && second.files == first.files && second.bytes == first.bytes)
        #expect(try identities() == before, "not a file rewritten")

        try store.write("Content/products/trail-bottle.md", "---\ntitle: Trail Bottle Two\n---\nNew words.\n")
        let third = try await store.build()
        #expect(!third.unchanged)
        #expect(try store.html("products/trail-bottle/index.html").text("//h1") == "Trail Bottle Two")

        #expect(try await store.build().unchanged)
        #expect(try await !store.build { $0.baseURL = "https://staging.example.com" }.unchanged, "a different base URL")
        try store.write("Themes/test/assets/style.css", "body { margin: 1px }\n")
        #expect(try await !store.build { $0.baseURL = "https://staging.example.com" }.unchanged, "a theme change")
        #expect(try await !store.build { $0.baseURL = "https://staging.example.com"; $0.force = true }.unchanged, "--force")

        // A deleted output folder is built again even though the inputs match.
        try store.remove("Public")
        #expect(try await !store.build { $0.baseURL = "https://staging.example.com" }.unchanged)

        // A symlinked input is an input: editing the file it points to is a change.
        try store.write("catalog-source.json", Fixtures.catalogJSON)
        try store.remove("Content/catalog.json")
        try FileManager.default.createSymbolicLink(atPath: store.root.appendingPathComponent("Content/catalog.json").path,
                                                   withDestinationPath: store.root.appendingPathComponent("catalog-source.json").path)
        _ = try await store.build()
        #expect(try await store.build().unchanged)
        try store.write("catalog-source.json", Fixtures.catalogJSON.replacingOccurrences(of: "\"Wool Blanket\"", with: "\"Wool Throw\""))
        #expect(try await !store.build().unchanged)
        #expect(try store.outputFiles().contains { $0.hasPrefix("products/") } )
    }

    @Test("the input stamp changes when a file, or the file a symlinked input points to, is rewritten at the same size")
    func inputStampSeesRewrites() throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let stamp = { BuildFingerprint.inputStamp(options: store.options) }
        let first = stamp()
        #expect(first.contains("/products/trail-bottle.md "), "write-ups are stamped")
        #expect(stamp() == first, "nothing changed, nothing differs")

        // Same size, new time: only the modification time can tell (sub-second, as an editor saves twice quickly).
        let writeUp = store.root.appendingPathComponent("Content/products/trail-bottle.md").path
        let text = try String(contentsOfFile: writeUp, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000_000.25)], ofItemAtPath: writeUp)
        let before = stamp()
        try text.write(toFile: writeUp, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000_000.75)], ofItemAtPath: writeUp)
        #expect(stamp() != before)

        try store.write("catalog-source.json", Fixtures.catalogJSON)
        try store.remove("Content/catalog.json")
        try FileManager.default.createSymbolicLink(atPath: store.root.appendingPathComponent("Content/catalog.json").path,
                                                   withDestinationPath: store.root.appendingPathComponent("catalog-source.json").path)
        let linked = stamp()
        try store.write("catalog-source.json", Fixtures.catalogJSON.replacingOccurrences(of: "\"Wool Blanket\"", with: "\"Wool Throw!\""))
        #expect(stamp() != linked, "the stamp follows the link to the file it points to")
    }

    @Test("a streamed file dropped without close releases its descriptor and is not kept")
    func abandonedStreams() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        // Tests run in parallel in this process, so count only descriptors open on this one file.
        let partial = root.appendingPathComponent("feeds/partial.xml").path
        func descriptorsOnPartial() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").filter {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == partial
            }.count
        }
        let writer = DirectoryWriter(root: root)
        do {
            let file = try writer.stream("feeds/partial.xml")
            try file.append(Array("<rss>".utf8))
            #expect(try descriptorsOnPartial() == 1)
        }
        #expect(try descriptorsOnPartial() == 0)
        #expect(writer.totals.files == 0)

        let memory = MemoryWriter()
        do {
            let file = try memory.stream("feeds/partial.xml")
            try file.append(Array("<rss>".utf8))
        }
        let closed = try memory.stream("feeds/whole.xml")
        try closed.append(Array("<rss/>".utf8))
        try closed.close()
        try closed.close()
        #expect(memory.files.keys.sorted() == ["feeds/whole.xml"])
    }

    @Test("the directory writer creates nested folders and refuses paths that climb out of the output folder")
    func directoryWriterPaths() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = DirectoryWriter(root: root)
        try writer.write(OutputFile(path: "products/a/variants/b/index.html", bytes: Array("<p>b</p>".utf8)))
        try writer.write(OutputFile(path: "products/..a/x..y/.../index.html", bytes: Array("ok".utf8)))
        try writer.write(OutputFile(path: "robots.txt", bytes: Array("User-agent: *".utf8)))
        #expect(FileManager.default.contents(atPath: root.appendingPathComponent("products/a/variants/b/index.html").path) == Data("<p>b</p>".utf8))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("products/..a/x..y/.../index.html").path))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("robots.txt").path))
        for escaping in ["../outside.html", "products/../../outside.html", "products/..", "/etc/passwd", ""] {
            #expect(throws: OutputError.self, "\(escaping)") { try writer.write(OutputFile(path: escaping, bytes: [])) }
        }
        #expect(!FileManager.default.fileExists(atPath: root.deletingLastPathComponent().appendingPathComponent("outside.html").path))
        #expect(writer.totals.files == 3)
    }
}
