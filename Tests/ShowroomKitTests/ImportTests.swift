import Foundation
import Testing
import Yams
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomImport
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport
@testable import ShowroomTemplates

/// `showroom import`: fixture exports of each format (written for these tests, under Resources/import) are
/// imported into an empty store; the tests read the resulting catalog.json and write-ups back as JSON,
/// YAML and rendered HTML, then build the store and run `showroom check` on it.
@Suite("showroom import")
struct ImportTests {
    static let resources = FixtureStore.repositoryRoot.appendingPathComponent("Tests/ShowroomKitTests/Resources/import")

    /// A store with the default theme and site.json but no products yet.
    static func emptyStore() throws -> FixtureStore {
        try FixtureStore(["Content/site.json": Fixtures.siteJSON.replacingOccurrences(of: "\"theme\": \"test\"", with: "\"theme\": \"default\"")],
                         copyingDefaultTheme: true)
    }

    @discardableResult
    static func run(_ format: ImportFormat, _ file: String, into store: FixtureStore, dryRun: Bool = false) throws -> ImportSummary {
        var options = ImportOptions(format: format, file: file.hasPrefix("/") ? file : resources.appendingPathComponent(file).path,
                                    contentDirectory: store.root.appendingPathComponent("Content").path)
        options.dryRun = dryRun
        return try Importer.run(options)
    }

    static func catalog(_ store: FixtureStore) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: store.root.appendingPathComponent("Content/catalog.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let products = try #require(root["products"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: products.map { ($0["handle"] as! String, $0) })
    }

    static func variants(_ product: [String: Any]?) -> [String: [String: Any]] {
        let list = product?["variants"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: list.map { ($0["sku"] as! String, $0) })
    }

    /// A write-up's front matter (parsed as YAML) and its body rendered to HTML by the build's renderer.
    static func writeUp(_ store: FixtureStore, _ handle: String) throws -> (frontMatter: [String: Any], html: HTMLDocument) {
        let text = try String(contentsOf: store.root.appendingPathComponent("Content/products/\(handle).md"), encoding: .utf8)
        let parts = text.components(separatedBy: "---\n")
        try #require(parts.count >= 3 && parts[0].isEmpty, "front matter between --- lines")
        let frontMatter = try #require(try Yams.load(yaml: parts[1]) as? [String: Any])
        let body = parts.dropFirst(2).joined(separator: "---\n")
        return (frontMatter, try HTMLDocument(Array(MarkdownRenderer().html(from: body).utf8)))
    }

    static func catalogBytes(_ store: FixtureStore) throws -> [UInt8] {
        Array(try Data(contentsOf: store.root.appendingPathComponent("Content/catalog.json")))
    }

    static func expectBuildsAndChecks(_ store: FixtureStore) async throws {
        try await store.build()
        let report = await Checker.check(store.options, build: false)
        #expect(report.findings.filter { $0.severity == .error }.map(\.description) == [])
    }

    // MARK: Formats

    @Test func shopifyProducts() async throws {
        let store = try Self.emptyStore()
        defer { store.cleanUp() }
        let summary = try Self.run(.shopify, "shopify-products.csv", into: store)
        #expect(summary.added == ["waxed-canvas-tote", "creme-brulee-torch", "winter-blend", "merino-beanie"])
        let catalog = try Self.catalog(store)
        #expect(catalog["gift-card"] == nil)

        // Variants grouped by handle; compare-at price → price with sale price; the wrong barcode dropped.
        let tote = catalog["waxed-canvas-tote"]
        #expect(tote?["brand"] as? String == "Kestrel & Pine")
        #expect(tote?["price"] as? String == "68.00")
        #expect(tote?["sale_price"] == nil)
        #expect(tote?["collections"] as? [String] == ["bags"])
        #expect(tote?["tags"] as? [String] == ["canvas", "waxed", "tote"])
        #expect((tote?["images"] as? [String])?.map { URL(string: $0)!.lastPathComponent } == ["tote-tan.jpg", "tote-loden.jpg", "tote-charcoal.jpg", "tote-detail.jpg"])
        let toteVariants = Self.variants(tote)
        #expect(toteVariants["KP-TOTE-TAN"]?["gtin"] as? String == "850031471108")
        #expect(toteVariants["KP-TOTE-TAN"]?["availability"] as? String == "in_stock")
        #expect(toteVariants["KP-TOTE-LOD"]?["availability"] as? String == "backorder")
        #expect(toteVariants["KP-TOTE-CHR"]?["price"] as? String == "68.00")
        #expect(toteVariants["KP-TOTE-CHR"]?["sale_price"] as? String == "54.00")
        #expect(toteVariants["KP-TOTE-CHR"]?["gtin"] == nil)
        #expect((toteVariants["KP-TOTE-CHR"]?["options"] as? [String: String]) == ["Color": "Charcoal"])

        let torch = catalog["creme-brulee-torch"]
        #expect(torch?["title"] as? String == "Crème Brûlée Torch — Édition Chef 🔥")
        #expect(torch?["gtin"] as? String == "4006381333931")
        #expect(torch?["mpn"] as? String == "FF-T-01")
        #expect(torch?["availability"] as? String == "out_of_stock")
        #expect(torch?["variants"] == nil)
        #expect(catalog["winter-blend"]?["draft"] as? Bool == true)

        // Bad rows are skipped with their line, the rest imported.
        let beanie = Self.variants(catalog["merino-beanie"])
        #expect(beanie.keys.sorted() == ["KP-BEANIE-M-GRY", "KP-BEANIE-S-GRY", "merino-beanie-l-navy"])
        #expect(beanie["merino-beanie-l-navy"]?["price"] as? String == "30.00")
        let skippedLines = summary.skipped.compactMap(\.location?.line)
        #expect(skippedLines == [13, 16, 17, 19])
        #expect(summary.notes.contains { $0.location?.line == 9 && $0.message.contains("wrong check digit") })

        // HTML description → Markdown: heading, bold, link, nested list and table survive; the script does not.
        let toteParts = try Self.writeUp(store, "waxed-canvas-tote")
        #expect(toteParts.frontMatter["summary"] as? String == "An open-top waxed canvas tote: groceries, firewood, everything between.")
        let html = toteParts.html
        #expect(html.text("//h2") == "The bag by the door")
        #expect(html.text("//strong") == "18 oz waxed canvas")
        #expect(html.attributes("//a", "href") == ["https://kestrel-pine.example.org/care/"])
        #expect(html.nodes("//ul/li/ul/li").map(\.text) == ["stands on its own"])
        #expect(html.nodes("//table/thead/tr/th").map(\.text) == ["Detail", "Value"])
        #expect(html.nodes("//table/tbody/tr/td").map(\.text) == ["Size", "16 × 15 × 6 in", "Weight", "1.6 lb"])
        #expect(html.nodes("//script").isEmpty)
        // "1. Fold the cuff" was a paragraph in the HTML and stays one.
        let beanieHTML = try Self.writeUp(store, "merino-beanie").html
        #expect(beanieHTML.nodes("//ol").isEmpty)
        #expect(beanieHTML.nodes("//p").map(\.text) == ["Warm & soft. 100% merino — no itch.", "1. Fold the cuff"])

        try await Self.expectBuildsAndChecks(store)
        let page = try store.html("products/creme-brulee-torch/index.html")
        #expect(page.nodes("//h1").map(\.text) == ["Crème Brûlée Torch — Édition Chef 🔥"])
    }

    @Test func amazonListingsReportAndFlatFile() async throws {
        let store = try Self.emptyStore()
        defer { store.cleanUp() }
        let report = try Self.run(.amazon, "amazon-all-listings.txt", into: store)
        #expect(report.added == ["cast-iron-skillet-10-pre-seasoned", "field-lantern-refurbished", "nautiko-schoini-10-m", "camp-kettle-1-2-l"])
        #expect(report.skipped.map(\.location?.line) == [5])
        // The listings report carries no brand: reported, never invented.
        #expect(report.notes.contains { $0.message.hasPrefix("4 products have no brand") })

        var catalog = try Self.catalog(store)
        let skillet = catalog["cast-iron-skillet-10-pre-seasoned"]
        #expect(skillet?["title"] as? String == "Cast Iron Skillet, 10\" Pre-Seasoned")
        #expect(skillet?["gtin"] as? String == "850031471139")
        #expect(skillet?["brand"] == nil)
        #expect(skillet?["published"] as? String == "2024-03-15")
        #expect(skillet?["x-amazon-asin"] as? String == "B0TESTSKL1")
        #expect(skillet?["x-sku"] as? String == "CI-SKILLET-10")
        let lantern = catalog["field-lantern-refurbished"]
        #expect(lantern?["condition"] as? String == "refurbished")
        #expect(lantern?["availability"] as? String == "out_of_stock")
        #expect(lantern?["gtin"] == nil, "an ASIN is not a GTIN")
        #expect(catalog["nautiko-schoini-10-m"]?["price"] as? String == "1299.00")
        #expect(catalog["nautiko-schoini-10-m"]?["title"] as? String == "Ναυτικό Σχοινί 10 m")
        #expect(catalog["camp-kettle-1-2-l"]?["gtin"] == nil)
        #expect(report.notes.contains { $0.location?.line == 6 && $0.message.contains("wrong check digit") })
        // Two <br> end a paragraph.
        #expect(try Self.writeUp(store, "cast-iron-skillet-10-pre-seasoned").html.nodes("//p").map(\.text)
                == ["Pre-seasoned with flaxseed oil.", "Works on induction, gas & campfire."])

        let flat = try Self.run(.amazon, "amazon-flat-file.txt", into: store)
        #expect(flat.added == ["down-sleeping-bag", "titanium-tent-stakes-8"])
        #expect(flat.skipped.map(\.message) == ["\"KP-X-1\" names parent \"KP-MISSING\", which is not in the file, so it was skipped"])
        catalog = try Self.catalog(store)
        #expect(catalog.count == 6, "the second file adds to the first")
        let bag = catalog["down-sleeping-bag"]
        #expect(bag?["brand"] as? String == "Kestrel & Pine")
        let bagVariants = Self.variants(bag)
        #expect(bagVariants.keys.sorted() == ["KP-BAG-LONG", "KP-BAG-REG"])
        #expect(bagVariants["KP-BAG-LONG"]?["options"] as? [String: String] == ["Size": "Long"])
        #expect(bagVariants["KP-BAG-LONG"]?["sale_price"] as? String == "299.00")
        #expect(bagVariants["KP-BAG-LONG"]?["availability"] as? String == "out_of_stock")
        #expect(bagVariants["KP-BAG-REG"]?["gtin"] as? String == "850031471146")
        #expect(catalog["KP-GONE"] == nil && !catalog.values.contains { $0["title"] as? String == "Discontinued" })
        let bagWriteUp = try Self.writeUp(store, "down-sleeping-bag")
        #expect(bagWriteUp.frontMatter["highlights"] as? [String] == ["800-fill responsibly sourced down", "Packs to the size of a loaf"])
        #expect(bagWriteUp.html.nodes("//ul/li").map(\.text) == ["800-fill down", "Two-way zip"])

        try await Self.expectBuildsAndChecks(store)
    }

    @Test func wooCommerceProducts() async throws {
        let store = try Self.emptyStore()
        defer { store.cleanUp() }
        let summary = try Self.run(.woocommerce, "woocommerce-products.csv", into: store)
        #expect(summary.added == ["hinoki-cutting-board", "waxed-canvas-apron", "home-board-oil-100-ml"])
        #expect(summary.skipped.compactMap(\.location?.line) == [6, 7, 8, 9, 11])

        let catalog = try Self.catalog(store)
        let board = catalog["hinoki-cutting-board"]
        #expect(board?["brand"] as? String == "Hinoki Works")
        #expect(board?["gtin"] as? String == "4012345000023")
        #expect(board?["price"] as? String == "58.00")
        #expect(board?["collections"] as? [String] == ["boards"])
        #expect((board?["images"] as? [String])?.count == 2)
        let boardWriteUp = try Self.writeUp(store, "hinoki-cutting-board")
        #expect(boardWriteUp.frontMatter["summary"] as? String == "A soft, fragrant hinoki board.")
        #expect(boardWriteUp.html.nodes("//p").count == 2)

        let apron = catalog["waxed-canvas-apron"]
        #expect(apron?["brand"] as? String == "Kestrel & Pine", "the Brand attribute is the brand, not an option")
        let apronVariants = Self.variants(apron)
        #expect(apronVariants.keys.sorted() == ["APRON-BLK", "APRON-TAN"])
        #expect(apronVariants["APRON-BLK"]?["sale_price"] as? String == "59.00")
        #expect(apronVariants["APRON-BLK"]?["availability"] as? String == "backorder")
        #expect(apronVariants["APRON-TAN"]?["gtin"] as? String == "4012345000030")
        let apronHTML = try Self.writeUp(store, "waxed-canvas-apron").html
        #expect(apronHTML.nodes("//table//td").map(\.text) == ["Pockets", "3 | with flap"])
        #expect(apronHTML.nodes("//ol/li").map(\.text) == ["Adjust the strap", "Wax yearly"])

        let oil = catalog["home-board-oil-100-ml"]
        #expect(oil?["title"] as? String == "@Home Board Oil 100 ml", "the exporter's formula guard is removed")
        #expect(oil?["draft"] as? Bool == true)
        #expect(oil?["gtin"] == nil)

        try await Self.expectBuildsAndChecks(store)
    }

    // MARK: Re-import

    @Test func reimportKeepsEditedWriteUpsAndUpdatesPrices() async throws {
        let store = try Self.emptyStore()
        defer { store.cleanUp() }
        let csvURL = Self.resources.appendingPathComponent("shopify-products.csv")
        let original = try String(contentsOf: csvURL, encoding: .utf8)
        let exportPath = store.root.appendingPathComponent("export.csv").path
        try store.write("export.csv", original)
        try Self.run(.shopify, exportPath, into: store)

        // A person edits one write-up and, in catalog.json, a title and a collection.
        let editedBeanie = "---\nsummary: Our warmest hat.\n---\nKnitted in Portugal.\n"
        try store.write("Content/products/merino-beanie.md", editedBeanie)
        var catalogText = try String(contentsOf: store.root.appendingPathComponent("Content/catalog.json"), encoding: .utf8)
        catalogText = catalogText.replacingOccurrences(of: "\"title\": \"Winter Blend Coffee\"", with: "\"title\": \"Winter Blend\"")
        catalogText = catalogText.replacingOccurrences(of: "\"kitchen-tools\"", with: "\"kitchen-tools\",\n        \"gifts\"")
        try store.write("Content/catalog.json", catalogText)
        let toteWriteUp = try String(contentsOf: store.root.appendingPathComponent("Content/products/waxed-canvas-tote.md"), encoding: .utf8)

        // The shop changes a price, ends a sale and adds a product.
        var export = original.replacingOccurrences(of: "KP-TOTE-TAN,720,shopify,12,deny,manual,68.00", with: "KP-TOTE-TAN,720,shopify,12,deny,manual,72.00")
        export = export.replacingOccurrences(of: "54.00,68.00", with: "54.00,")
        export += "camp-cup,Camp Cup,<p>Steel.</p>,Kestrel & Pine,,Cups,,TRUE,Title,Default Title,,,,,KP-CUP,,,,,,12.00,,,,,https://cdn.shopify.com/s/files/1/cup.jpg,1,,FALSE,,,,,,,,,,,active\r\n"
        try store.write("export.csv", export)
        let summary = try Self.run(.shopify, exportPath, into: store)

        #expect(summary.added == ["camp-cup"])
        #expect(summary.updated.map(\.handle) == ["waxed-canvas-tote"])
        let changes = summary.updated.first?.changes ?? []
        #expect(changes.contains("price 68.00 → 72.00"))
        #expect(changes.contains("variant KP-TOTE-CHR sale_price removed"))
        #expect(summary.unchanged == ["creme-brulee-torch", "winter-blend", "merino-beanie"])
        #expect(summary.writeUpsKept == ["merino-beanie"])
        #expect(summary.writeUpsWritten == ["camp-cup"])

        let catalog = try Self.catalog(store)
        #expect(catalog["waxed-canvas-tote"]?["price"] as? String == "72.00")
        let tote = Self.variants(catalog["waxed-canvas-tote"])
        #expect(tote["KP-TOTE-LOD"]?["price"] as? String == "68.00")
        #expect(tote["KP-TOTE-CHR"]?["price"] as? String == "54.00")
        #expect(tote["KP-TOTE-CHR"]?["sale_price"] == nil)
        #expect(catalog["winter-blend"]?["title"] as? String == "Winter Blend", "a title edited in catalog.json stays")
        #expect(catalog["creme-brulee-torch"]?["collections"] as? [String] == ["kitchen-tools", "gifts"])
        #expect(try String(contentsOf: store.root.appendingPathComponent("Content/products/merino-beanie.md"), encoding: .utf8) == editedBeanie)
        #expect(try String(contentsOf: store.root.appendingPathComponent("Content/products/waxed-canvas-tote.md"), encoding: .utf8) == toteWriteUp)

        // The same file again changes nothing, down to the bytes.
        let before = try Self.catalogBytes(store)
        let again = try Self.run(.shopify, exportPath, into: store)
        #expect(again.added.isEmpty && again.updated.isEmpty && again.filesWritten.isEmpty)
        #expect(try Self.catalogBytes(store) == before)
        try await Self.expectBuildsAndChecks(store)
    }

    // MARK: Files that cannot be read

    @Test(arguments: [
        (ImportFormat.woocommerce, "shopify-products.csv", 1, "run `showroom import shopify …`"),
        (ImportFormat.shopify, "amazon-all-listings.txt", 1, "run `showroom import amazon …`"),
        (ImportFormat.amazon, "woocommerce-products.csv", 1, "run `showroom import woocommerce …`"),
    ])
    func wrongFormatWritesNothing(format: ImportFormat, file: String, line: Int, hint: String) throws {
        let store = try Self.emptyStore()
        defer { store.cleanUp() }
        try store.write("Content/catalog.json", "{\"products\": []}\n")
        let error = #expect(throws: Diagnostic.self) { try Self.run(format, file, into: store) }
        #expect(error?.location?.line == line)
        #expect(error?.hint?.contains(hint) == true, "\(String(describing: error))")
        #expect(try Self.catalogBytes(store) == Array("{\"products\": []}\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Content/products").path))
    }

    @Test func unterminatedQuoteIsReportedAtItsLineAndColumn() throws {
        let store = try Self.emptyStore()
        defer { store.cleanUp() }
        try store.write("broken.csv", "Handle,Title,Variant Price\nmug,Mug,10.00\ncup,\"Cup\n")
        let error = #expect(throws: Diagnostic.self) { try Self.run(.shopify, store.root.appendingPathComponent("broken.csv").path, into: store) }
        #expect(error?.location?.line == 3)
        #expect(error?.location?.column == 5)
        #expect(error?.message.contains("never closed") == true)
        #expect(!FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Content/catalog.json").path))
    }

    @Test func dryRunWritesNothing() throws {
        let store = try Self.emptyStore()
        defer { store.cleanUp() }
        let summary = try Self.run(.shopify, "shopify-products.csv", into: store, dryRun: true)
        #expect(summary.added.count == 4)
        #expect(!FileManager.default.fileExists(atPath: store.root.appendingPathComponent("Content/catalog.json").path))
    }
}

/// The pieces of an import that are easy to get subtly wrong.
@Suite("import parts")
struct ImportPartsTests {
    @Test func delimitedTextQuotingAndPositions() throws {
        let text = try DelimitedText.parse(Array("a,\"b \"\"quoted\"\"\nline\",c\r\nd,12\" pan,é\n".utf8), separator: UInt8(ascii: ","), file: "f.csv")
        #expect(text.records.map(\.fields) == [["a", "b \"quoted\"\nline", "c"], ["d", "12\" pan", "é"]])
        #expect(text.records[1].line == 3)
        #expect(text.records[1].fieldColumns == [1, 3, 11])
        #expect(!text.decodedAsWindows1252)
        #expect(throws: Diagnostic.self) { try DelimitedText.parse(Array("a,\"b\"x,c\n".utf8), separator: UInt8(ascii: ","), file: "f.csv") }
    }

    @Test func windows1252IsDecoded() throws {
        // "Café – 5 €" as Amazon's US reports write it.
        let bytes: [UInt8] = Array("name\tprice\nCaf".utf8) + [0xE9, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80] + Array("\t5\n".utf8)
        let text = try DelimitedText.parse(bytes, separator: UInt8(ascii: "\t"), file: "f.txt")
        #expect(text.decodedAsWindows1252)
        #expect(text.records[1].fields == ["Café – 5 €", "5"])
    }

    @Test func barcodes() {
        var fields = FieldParser(currency: "USD")
        let location = SourceLocation(file: "f")
        #expect(fields.gtin("0-306-40615-2", at: location) == "9780306406157", "ISBN-10 becomes its ISBN-13")
        #expect(fields.gtin("850031471108", at: location) == "850031471108")
        #expect(fields.gtin("850031471109", at: location) == nil)
        #expect(fields.gtin("B0TESTSKL1", at: location) == nil)
        #expect(fields.notes.count == 2)
    }

    @Test func money() {
        var fields = FieldParser(currency: "USD")
        let location = SourceLocation(file: "f")
        #expect(fields.money("$1,299.00", at: location, what: "price") == "1299.00")
        #expect(fields.money("24,99", at: location, what: "price") == "24.99")
        #expect(fields.money("24.5 USD", at: location, what: "price") == "24.50")
        #expect(fields.money("58", at: location, what: "price") == "58.00")
        #expect(fields.money("free", at: location, what: "price") == nil)
        var yen = FieldParser(currency: "JPY")
        #expect(yen.money("1200", at: location, what: "price") == "1200")
    }

    @Test func handles() {
        #expect(FieldParser.handle(from: "Crème Brûlée Torch — Édition Chef 🔥") == "creme-brulee-torch-edition-chef")
        #expect(FieldParser.handle(from: "Ναυτικό Σχοινί 10 m") == "nautiko-schoini-10-m")
        #expect(FieldParser.handle(from: "Łódź Straße & Co") == "lodz-strasse-and-co")
        #expect(FieldParser.handle(from: "🔥🔥") == nil)
        #expect((FieldParser.handle(from: String(repeating: "long words ", count: 20)) ?? "").count <= 60)
    }

    @Test func htmlToMarkdownEscapesWhatWouldBecomeMarkup() throws {
        let markdown = HTMLToMarkdown.convert("<p># not a heading, *not bold*, [not a link], a_b &lt;b&gt;</p><p><a href=\"javascript:alert(1)\">x</a></p>")
        let html = try HTMLDocument(Array(MarkdownRenderer().html(from: markdown).utf8))
        #expect(html.nodes("//p").map(\.text) == ["# not a heading, *not bold*, [not a link], a_b <b>", "x"])
        #expect(html.nodes("//h1|//h2|//em|//a|//b").isEmpty)
    }

    @Test func deeplyNestedDescriptionsAreReadOrReported() throws {
        func nested(_ depth: Int) -> String {
            "<p>start</p>" + String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth) + "<p>after</p>"
        }
        let fine = HTMLToMarkdown.convertReportingLoss(nested(200))
        #expect(fine.markdown.contains("deep text") && fine.markdown.contains("after") && !fine.tooDeep)
        // Past 256 levels libxml2 stops reading: the loss is reported, with the row, not swallowed.
        let lost = HTMLToMarkdown.convertReportingLoss(nested(300))
        #expect(lost.tooDeep && lost.markdown.contains("start") && !lost.markdown.contains("after"))

        let store = try ImportTests.emptyStore()
        defer { store.cleanUp() }
        let csv = "Handle,Title,Body (HTML),Vendor,Variant SKU,Variant Price\n"
            + "plain-mug,Plain Mug,<p>Fine.</p>,Kestrel,MUG-1,12.00\n"
            + "nested-bowl,Nested Bowl,\"\(nested(3000))\",Kestrel,BOWL-1,30.00\n"
        let file = store.root.appendingPathComponent("export.csv")
        try Data(csv.utf8).write(to: file)
        let summary = try ImportTests.run(.shopify, file.path, into: store)
        let note = try #require(summary.notes.first { $0.message.contains("nests HTML elements more than 256 levels deep") }, "\(summary.notes)")
        #expect(note.message.contains("\"Nested Bowl\"") && note.location?.line == 3, "\(note)")
        #expect(summary.notes.filter { $0.message.contains("levels deep") }.count == 1)
    }

    /// Renders converted Markdown the way the build does, for assertions on structure.
    static func rendered(_ html: String) throws -> HTMLDocument {
        try HTMLDocument(Array(MarkdownRenderer().html(from: HTMLToMarkdown.convert(html)).utf8))
    }

    @Test func htmlListsTablesAndEmphasisRenderAsWritten() throws {
        // Line breaks between items are text nodes: each item once.
        let list = try Self.rendered("<ul>\n  <li>A</li>\n  <li>B\n    <ul>\n      <li>B1</li>\n    </ul>\n  </li>\n</ul>\n<ul><li>C</li></ul>")
        #expect(list.nodes("/html/body/ul").count == 2, "two lists in a row stay two lists")
        #expect(list.nodes("/html/body/ul[1]/li").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") } == ["A", "B B1"])
        #expect(list.nodes("//ul/li/ul/li").map(\.text) == ["B1"])
        let ordered = try Self.rendered("<ol start=\"9\"><li>nine</li><li>ten<ol><li>inner</li></ol></li></ol><ol><li>again</li></ol>")
        #expect(ordered.nodes("/html/body/ol").count == 2)
        #expect(ordered.nodes("//ol/li/ol/li").map(\.text) == ["inner"])
        #expect(ordered.attributes("/html/body/ol[1]", "start") == ["9"])

        let emphasis = try Self.rendered("<p><b>Material:</b>Cotton, <i>(soft)</i>and &amp;copy; stays text</p>")
        #expect(emphasis.nodes("//strong").map(\.text) == ["Material:"])
        #expect(emphasis.nodes("//em").map(\.text) == ["(soft)"])
        #expect(emphasis.text("//p")?.hasSuffix("&copy; stays text") == true)

        // Layout tables (one column, or cells holding lists) are unwrapped; data tables stay tables.
        let layout = try Self.rendered("<table><tr><td><p>Intro</p></td></tr><tr><td><ul><li>point</li></ul></td></tr></table>")
        #expect(layout.nodes("//table").isEmpty)
        #expect(layout.nodes("//p").map(\.text) == ["Intro"])
        #expect(layout.nodes("//li").map(\.text) == ["point"])
    }

    @Test func currentShopifyColumnNames() throws {
        // The 2024 export renamed most columns.
        let csv = """
            URL handle,Title,Description,Vendor,Type,Tags,Published on online store,Status,Option1 name,Option1 value,SKU,Barcode,Price,Compare-at price,Inventory tracker,Inventory quantity,Continue selling when out of stock,Product image URL,Image position,Gift card
            trail-mug,Trail Mug,<p>Steel.</p>,Kestrel & Pine,Mugs,,TRUE,Active,Size,Small,TM-S,850031471207,18.00,22.00,shopify,0,CONTINUE,https://cdn.shopify.com/mug.jpg,1,FALSE
            trail-mug,,,,,,,,,Large,TM-L,850031471214,20.00,,shopify,4,DENY,,,
            """
        let reading = try ShopifyProducts.read(try DelimitedText.parse(Array(csv.utf8), separator: UInt8(ascii: ","), file: "new.csv"), file: "new.csv", currency: "USD")
        let mug = try #require(reading.products.first)
        #expect(mug.sourceID == "shopify:trail-mug")
        #expect(mug.descriptionHTML == "<p>Steel.</p>")
        #expect(mug.variants.map(\.sku) == ["TM-S", "TM-L"])
        #expect(mug.variants.map(\.price) == [ImportedPrice(regular: "22.00", sale: "18.00"), ImportedPrice(regular: "20.00", sale: nil)])
        #expect(mug.variants.map(\.availability) == ["backorder", "in_stock"])
        #expect(mug.variants.map(\.gtin) == ["850031471207", "850031471214"])
    }

    @Test func wooCommerceEscapesAndScheduledSales() throws {
        let csv = """
            ID,Type,SKU,Name,Published,Description,Sale price,Regular price,Date sale price starts,Date sale price ends,Categories
            1,simple,A,'=Sum Set,1,Line one\\nLine two with a \\\\n in it,10,20,2026-12-01 00:00:00,,"Kitchen > Pots\\, Pans, Gifts"
            2,simple,B,Ended,1,,10,20,,2026-01-31,
            3,simple,C,Running,1,,10,20,2026-11-01,2026-12-31,
            """
        let text = try DelimitedText.parse(Array(csv.utf8), separator: UInt8(ascii: ","), file: "woo.csv")
        let reading = try WooCommerceProducts.read(text, file: "woo.csv", currency: "USD", today: "2026-11-23")
        #expect(reading.products.map(\.title) == ["=Sum Set", "Ended", "Running"])
        #expect(reading.products.map(\.price) == [ImportedPrice(regular: "20.00", sale: nil), ImportedPrice(regular: "20.00", sale: nil), ImportedPrice(regular: "20.00", sale: "10.00")])
        #expect(reading.products[0].collections == ["pots-pans", "gifts"])
        #expect(HTMLToMarkdown.plainText(reading.products[0].descriptionHTML ?? "") == "Line one Line two with a \\n in it")
        #expect(reading.notes.map(\.message) == ["the sale starts on 2026-12-01, so its price was left out for now",
                                                "the sale ended on 2026-01-31, so its price was left out",
                                                "the sale runs until 2026-12-31; catalog.json has no end date"])
    }

    @Test func amazonTitlesMayStartWithAQuote() throws {
        let tsv = "seller-sku\titem-name\tprice\tstatus\nP-1\t\"Rocky\" Poster, 24\" x 36\"\t15.00\tActive\n"
        let text = try DelimitedText.parse(Array(tsv.utf8), separator: UInt8(ascii: "\t"), file: "a.txt", lenientQuotes: true)
        let reading = try AmazonListings.read(text, file: "a.txt", currency: "USD", today: "2026-11-23")
        #expect(reading.products.map(\.title) == ["\"Rocky\" Poster, 24\" x 36\""])
    }

    @Test func mergeKeepsIdentifiersUniqueAndDropsStaleDates() throws {
        let existing: [JSONValue] = [
            .object([("handle", .string("mug")), ("title", .string("Mug")), ("price", .string("10.00")),
                     ("variants", .array([.object([("sku", .string("M-1")), ("options", .object([("Size", .string("S"))])),
                                                  ("availability", .string("backorder")), ("availability_date", .string("2026-12-01")),
                                                  ("gtin", .string("850031471108"))])]))]),
        ]
        let location = SourceLocation(file: "f.csv", line: 2)
        func product(_ title: String, sku: String, gtin: String?) -> ImportedProduct {
            var product = ImportedProduct(sourceID: "shopify:\(sku)", title: title, location: location)
            product.variants = [ImportedVariant(sku: sku, options: [("Size", "S")], price: ImportedPrice(regular: "10.00"),
                                                availability: "in_stock", gtin: gtin, location: location)]
            return product
        }
        var reading = ImportReading()
        reading.sourcePrefix = "shopify:"
        // Both titles make the handle "mug"; the second must not take over the first's product.
        reading.products = [product("Mug", sku: "M-1", gtin: "850031471108"), product("MUG!", sku: "M-2", gtin: "850031471108")]
        var merge = CatalogMerge(existing: existing)
        merge.apply(&reading)
        #expect(merge.summary.updated.map(\.handle) == ["mug"])
        #expect(merge.summary.added == ["mug-2"])
        let variant = merge.products[0][key: "variants"].flatMap { if case .array(let items) = $0 { items.first } else { nil } }
        #expect(variant?[key: "availability"] == .string("in_stock"))
        #expect(variant?[key: "availability_date"] == nil, "a date only belongs to a backorder or pre-order")
        let second = merge.products[1][key: "variants"].flatMap { if case .array(let items) = $0 { items.first } else { nil } }
        #expect(second?[key: "gtin"] == nil, "the GTIN stays with the product that had it")
        #expect(merge.notes.contains { $0.message.contains("GTIN 850031471108") })
    }

    @Test func yamlScalarsReadBack() throws {
        for text in ["Plain words, with commas", "Ratio: 3:1", "#1 seller", "yes", "12.5", "She said \"hi\"", "Tab\there", "Ends with colon:"] {
            let yaml = "value: " + CatalogEntry.yamlScalar(text) + "\n"
            let parsed = try Yams.load(yaml: yaml) as? [String: Any]
            #expect(parsed?["value"] as? String == text, "\(yaml)")
        }
    }
}
