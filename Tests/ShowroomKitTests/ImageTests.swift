import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport

@Suite("Pictures resized for the screen")
struct ImageTests {
    static let site = "https://shop.example.com"

    /// A store with the default theme and the pictures a brand really has: a large photo stored sideways
    /// with an EXIF rotation, a PNG with transparency, a CMYK print file, and one too small for Merchant Center.
    static let catalog = """
        { "products": [
          { "handle": "trail-boot", "title": "Trail Boot", "brand": "Fixture", "price": "120.00",
            "images": ["media/Trail Boot (side).jpg", "media/badge.png"] },
          { "handle": "print-poster", "title": "Print Poster", "brand": "Fixture", "price": "30.00",
            "images": ["media/poster-cmyk.jpg"] },
          { "handle": "tiny-tee", "title": "Tiny Tee", "brand": "Fixture", "price": "20.00",
            "google_product_category": "Apparel & Accessories > Clothing > Shirts & Tops",
            "images": ["media/tee.jpg"] }
        ] }
        """

    static func store(catalog: String = catalog, media: [String: String]) throws -> FixtureStore {
        var files = ["Content/site.json": VideoListingTests.siteJSON(), "Content/catalog.json": catalog]
        for (name, spec) in media { files["Content/media/\(name)"] = spec }
        return try FixtureStore(files, copyingDefaultTheme: true)
    }

    static let goodMedia = [
        // Upright 2400 × 1600 (red top, blue bottom), stored as 1600 × 2400 turned a quarter anticlockwise.
        "Trail Boot (side).jpg": "picture:boot;width=2400;height=1600;orientation=6",
        "badge.png": "picture:badge;width=600;height=400;alpha",
        "poster-cmyk.jpg": "picture:poster;width=900;height=1200;cmyk",
        "tee.jpg": "picture:tee;width=200;height=200",
    ]

    /// The line and column of `text` in `source` (1-based, in characters), as the loader reports positions.
    static func position(of text: String, in source: String) throws -> (line: Int, column: Int) {
        for (offset, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: text) { return (offset + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1) }
        }
        throw CancellationError()
    }

    @Test("every <img> carries its rendition's real size; every srcset file exists at the width it claims; rotated photos are upright")
    func renditionsMatchThePages() async throws {
        let store = try Self.store(media: Self.goodMedia)
        defer { store.cleanUp() }
        let cache = store.root.appendingPathComponent("image-cache").path
        let summary = try await store.build { $0.imageCacheDirectory = cache }
        #expect(summary.images?.pictures == 4 && summary.images?.encoded == 4 && summary.images?.reused == 0)

        var checkedImages = 0
        var checkedSources = 0
        func pixels(_ sitePath: String) throws -> Vips.Picture {
            #expect(sitePath.hasPrefix("/img/"), "\(sitePath)")
            return try Vips.open(store.output.appendingPathComponent(String(sitePath.dropFirst())).path)
        }
        /// Returns whether the candidates have width descriptors (a single candidate without one is a thumbnail's).
        func checkSrcset(_ srcset: String, type: String?) throws -> Bool {
            var widths = 0
            let candidates = srcset.split(separator: ",")
            for candidate in candidates {
                let parts = candidate.split(separator: " ")
                let url = String(parts[0])
                let picture = try pixels(url)
                if parts.count > 1 {
                    #expect(parts[1] == "\(picture.width)w", "\(url) claims \(parts[1]), is \(picture.width) px wide")
                    widths += 1
                }
                if let type { #expect(url.hasSuffix(type == "image/avif" ? ".avif" : ".webp"), "\(url) is not \(type)") }
                checkedSources += 1
            }
            #expect(widths == candidates.count || candidates.count == 1, "\(srcset): descriptors on every candidate or a single one")
            return widths > 0
        }
        var thumbnails = 0
        for page in store.outputFiles() where page.hasSuffix(".html") {
            let html = try store.html(page)
            // Every picture but the cart line's template (which its script fills in) names a rendition, and carries its pixels.
            for img in html.nodes("//img").filter({ $0["src"] != "data:," }) {
                let src = try #require(img["src"])
                let picture = try pixels(src)
                #expect(img["width"] == String(picture.width) && img["height"] == String(picture.height), "\(page): \(src)")
                if let srcset = img["srcset"] {
                    let described = try checkSrcset(srcset, type: nil)
                    #expect(described, "\(page): \(srcset)")
                } else {
                    thumbnails += 1
                }
                checkedImages += 1
            }
            for source in html.nodes("//picture//source") {
                let described = try checkSrcset(try #require(source["srcset"]), type: source["type"])
                #expect((source["sizes"] != nil) == described, "\(page): sizes with width descriptors only")
            }
            // A thumbnail (no srcset) is the narrowest rendition.
            for thumbnail in html.nodes("//a[contains(@class,'gallery__thumb')]//img") {
                let src = try #require(thumbnail["src"])
                let width = try pixels(src).width
                #expect(thumbnail["srcset"] == nil && width <= 360, "\(page): \(src)")
            }
        }
        #expect(checkedImages > 8 && checkedSources > 50 && thumbnails > 2, "\(checkedImages) images, \(checkedSources) candidates, \(thumbnails) thumbnails")

        // The product page: the sideways photo is offered upright (landscape, red at the top, blue at the bottom) in every format.
        let page = try store.html("products/trail-boot/index.html")
        let main = try #require(page.first("//img[contains(@class,'gallery__image')]"))
        #expect(main["loading"] == "eager")
        #expect(page.nodes("(//picture)[1]//source").map { $0["type"] } == ["image/avif"])
        for srcset in [main["srcset"]] + page.nodes("(//picture)[1]//source").map({ $0["srcset"] }) {
            let largest = try #require(srcset?.split(separator: ",").last?.split(separator: " ").first.map(String.init))
            let picture = try pixels(largest)
            #expect(picture.width == 2160 && picture.height == 1440, "\(largest)")
            let top = picture.pixel(x: picture.width / 2, y: 20), bottom = picture.pixel(x: picture.width / 2, y: picture.height - 20)
            #expect(top[0] > 150 && top[2] < 100 && bottom[2] > 150 && bottom[0] < 100, "\(largest): top \(top), bottom \(bottom)")
        }
        // The transparent badge keeps its transparency: its fallback is PNG with an alpha band.
        let badge = try #require(page.nodes("//img[contains(@class,'gallery__image')]").last)
        #expect(try #require(badge["src"]).hasSuffix(".png"))
        #expect(try pixels(try #require(badge["src"])).hasAlpha)
        // A named, URL-safe file: the source's name, a content hash, the width.
        #expect(try #require(main["src"]).range(of: #"^/img/trail-boot-side-[0-9a-f]{12}-720\.jpg$"#, options: .regularExpression) != nil)

        // Feeds and structured data name the large JPEG; link previews a 1200 × 630 crop.
        let merchant = String(decoding: try store.bytes("feeds/google-merchant.xml"), as: UTF8.self)
        let bootItem = try #require(merchant.firstMatch(of: /<item>(?:(?!<\/item>)[\s\S])*trail-boot(?:(?!<\/item>)[\s\S])*<\/item>/)?.0)
        let feedImage = try #require(bootItem.firstMatch(of: /<g:image_link>([^<]+)<\/g:image_link>/)?.1)
        let feedPicture = try pixels(String(feedImage.dropFirst(Self.site.count)))
        #expect(feedImage.hasSuffix(".jpg") && max(feedPicture.width, feedPicture.height) >= 800, "\(feedImage)")
        let product = try #require(try page.structuredData(ofType: "Product").first)
        #expect((product["image"] as? [String])?.first == String(feedImage))
        let og = Dictionary(page.metaProperties(), uniquingKeysWith: { first, _ in first })
        let card = try pixels(String(try #require(og["og:image"]).dropFirst(Self.site.count)))
        #expect(card.width == 1200 && card.height == 630 && og["og:image:width"] == "1200" && og["og:image:height"] == "630")

        // The CMYK file and the picture too small for apparel are warned about where the catalog names them.
        let catalogFile = "\(store.root.appendingPathComponent("Content").path)/catalog.json"
        let cmyk = try Self.position(of: "\"media/poster-cmyk.jpg\"", in: Self.catalog)
        let tiny = try Self.position(of: "\"media/tee.jpg\"", in: Self.catalog)
        let warnings = summary.warnings.filter { $0.rule == .imagesCMYK || $0.rule == .imagesTooSmall }
        #expect(warnings.map { "\($0.rule!.rawValue) \($0.location?.line ?? 0):\($0.location?.column ?? 0)" }.sorted()
                == ["images/cmyk \(cmyk.line):\(cmyk.column)", "images/too-small \(tiny.line):\(tiny.column)"])
        #expect(warnings.allSatisfy { $0.location?.file.hasSuffix("catalog.json") == true }, "\(catalogFile)")
        #expect(warnings.first { $0.rule == .imagesTooSmall }?.message.contains("250") == true)
        // Converted to sRGB: a CMYK JPEG becomes three bands.
        let poster = try #require(try store.html("products/print-poster/index.html").first("//img[contains(@class,'gallery__image')]")?["src"])
        #expect(try pixels(poster).pixel(x: 10, y: 10).count == 3)

        // Built again: nothing is encoded, and the report says so.
        let again = try await store.build { $0.imageCacheDirectory = cache; $0.force = true }
        #expect(again.images?.encoded == 0 && again.images?.reused == 4)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(BuildReport.json(again).utf8)) as? [String: Any])
        let images = try #require(report["images"] as? [String: Any])
        #expect(images["encoded"] as? Int == 0 && images["reused"] as? Int == 4)
    }

    @Test("unreadable, truncated, non-image and oversized pictures are errors at their catalog position; the previous site stays")
    func badPicturesAreLocatedErrors() async throws {
        let catalog = """
            { "products": [
              { "handle": "a", "title": "A", "price": "1.00", "images": ["media/cut-off.jpg"] },
              { "handle": "b", "title": "B", "price": "1.00", "images": ["media/notes.jpg"] },
              { "handle": "c", "title": "C", "price": "1.00", "images": ["media/bomb.png"] },
              { "handle": "d", "title": "D", "price": "1.00", "images": ["media/fine.jpg"] }
            ] }
            """
        let store = try Self.store(catalog: catalog, media: ["fine.jpg": "picture:fine", "cut-off.jpg": "picture:cut;width=1200;height=1200;noise"])
        defer { store.cleanUp() }
        try store.write("Content/media/notes.jpg", "These are my notes, not a picture.\n")
        // A PNG whose header claims 50,000 × 50,000 pixels: a few bytes that would decode to 7.5 GB.
        try store.write("Content/media/bomb.png", Data(Self.pngHeader(width: 50_000, height: 50_000)))
        let whole = try Data(contentsOf: store.root.appendingPathComponent("Content/media/cut-off.jpg"))
        try store.write("Content/media/cut-off.jpg", whole.prefix(whole.count / 2))

        // A good site first; the bad build must leave it as it is.
        let good = catalog.replacingOccurrences(of: "media/cut-off.jpg", with: "media/fine.jpg")
            .replacingOccurrences(of: "media/notes.jpg", with: "media/fine.jpg").replacingOccurrences(of: "media/bomb.png", with: "media/fine.jpg")
        try store.write("Content/catalog.json", good)
        try await store.build()
        let before = store.outputFiles()
        try store.write("Content/catalog.json", catalog)

        let errors = await store.buildErrors()
        func expectError(for path: String, saying words: String) throws {
            let (line, column) = try Self.position(of: "\"\(path)\"", in: catalog)
            let found = errors.filter { $0.message.contains(path) }
            #expect(found.count == 1, "\(path): \(errors.map(\.description))")
            #expect(found.first?.location?.line == line && found.first?.location?.column == column, "\(path)")
            #expect(found.first?.location?.file.hasSuffix("catalog.json") == true)
            #expect(found.first?.message.contains(words) == true && found.first?.hint != nil, "\(found.first?.description ?? "")")
        }
        try expectError(for: "media/cut-off.jpg", saying: "could not be decoded")
        try expectError(for: "media/notes.jpg", saying: "not a picture")
        try expectError(for: "media/bomb.png", saying: "50000 × 50000")
        #expect(errors.count == 3)
        #expect(store.outputFiles() == before)
    }

    @Test("renditions are the same bytes however often they are made, and a changed picture gets a new URL")
    func renditionsAreDeterministic() async throws {
        let media = ["Trail Boot (side).jpg": "picture:boot;width=1500;height=1000;orientation=6", "badge.png": "picture:badge;width=300;height=300;alpha",
                     "poster-cmyk.jpg": "picture:poster", "tee.jpg": "picture:tee"]
        let store = try Self.store(media: media)
        defer { store.cleanUp() }
        func renditions() -> [String: [UInt8]] {
            Dictionary(uniqueKeysWithValues: store.outputFiles().filter { $0.hasPrefix("img/") }.map { ($0, (try? store.bytes($0)) ?? []) })
        }
        try await store.build { $0.imageCacheDirectory = store.root.appendingPathComponent("cache-1").path }
        let first = renditions()
        try await store.build { $0.imageCacheDirectory = store.root.appendingPathComponent("cache-2").path; $0.force = true }
        #expect(!first.isEmpty && renditions() == first)

        try store.write("Content/media/tee.jpg", "picture:tee-2")
        try await store.build { $0.imageCacheDirectory = store.root.appendingPathComponent("cache-1").path }
        let changed = Set(renditions().keys).symmetricDifference(first.keys)
        #expect(!changed.isEmpty && changed.allSatisfy { $0.hasPrefix("img/tee-") }, "\(changed.sorted())")
    }

    @Test("the preview shows originals with their size at once, then the renditions when a background pass has made them")
    func previewWaitsForNothing() async throws {
        let store = try Self.store(media: ["Trail Boot (side).jpg": "picture:boot-preview;width=1600;height=1200", "badge.png": "picture:badge;alpha",
                                           "poster-cmyk.jpg": "picture:poster", "tee.jpg": "picture:tee;width=300;height=300"])
        defer { store.cleanUp() }
        var options = store.options
        options.imageCacheDirectory = store.root.appendingPathComponent("empty-cache").path
        let session = PreviewSession(options: options)
        let events = await session.events()
        #expect(await session.rebuild().isEmpty)
        func mainPicture() async throws -> HTMLNode {
            let page = try HTMLDocument(try #require(await session.snapshot.files["products/trail-boot/index.html"]))
            return try #require(page.first("//img[contains(@class,'gallery__image')]"))
        }
        let first = try await mainPicture()
        #expect(first["src"] == "/media/Trail%20Boot%20(side).jpg" || first["src"] == "/media/Trail Boot (side).jpg", "\(first["src"] ?? "")")
        #expect(first["width"] == "1600" && first["height"] == "1200" && first["srcset"] == nil)

        // The reload the background pass triggers (the first build sends none: no browser can hold an
        // older page than the one it rendered on demand).
        var iterator = events.makeAsyncIterator()
        let waiter = Task { () -> Bool in await iterator.next() != nil }
        let timeout = Task { try await Task.sleep(for: .seconds(120)); waiter.cancel() }
        defer { timeout.cancel() }
        #expect(await waiter.value, "no rebuild with the renditions")
        let later = try await mainPicture()
        #expect(later["src"]?.hasPrefix("/img/trail-boot-side-") == true && later["srcset"] != nil, "\(later["src"] ?? "")")
        #expect(await session.fullBuilds == 1)
    }

    @Test("images.json sets widths, formats and quality; mistakes in it are located")
    func themeSettings() async throws {
        let store = try Self.store(media: ["Trail Boot (side).jpg": "picture:boot;width=1000;height=800", "badge.png": "picture:badge;alpha",
                                           "poster-cmyk.jpg": "picture:poster", "tee.jpg": "picture:tee;width=300;height=300"])
        defer { store.cleanUp() }
        try store.write("Themes/default/images.json", #"{ "widths": [400, 800], "formats": ["webp"], "quality": { "webp": 60 } }"#)
        try await store.build()
        let page = try store.html("products/trail-boot/index.html")
        #expect(page.nodes("(//picture)[1]//source").map { $0["type"] } == ["image/webp"])
        let srcset = try #require(page.first("//img[contains(@class,'gallery__image')]")?["srcset"])
        #expect(srcset.split(separator: ",").map { $0.split(separator: " ").last.map(String.init) } == ["400w", "800w"])

        try store.write("Themes/default/images.json", "{ \"widths\": [400, 99999],\n  \"formats\": [\"gif\"], \"sizes\": 1 }")
        let errors = await store.buildErrors().map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" }
        #expect(errors.contains { $0.hasPrefix("1:19 ") && $0.contains("widths") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("2:15 ") && $0.contains("\"gif\"") }, "\(errors)")
        #expect(errors.contains { $0.contains("unknown key \"sizes\"") }, "\(errors)")
    }

    @Test("check reads sizes as a browser does: the first media condition that holds picks the slot")
    func slotWidths() {
        let card = "(min-width: 1120px) 290px, (min-width: 860px) 30vw, (min-width: 540px) 46vw, 92vw"
        #expect(ImageAudit.slotWidth(card, viewport: 390) == 390 * 0.92)
        #expect(ImageAudit.slotWidth(card, viewport: 900) == 270)
        #expect(ImageAudit.slotWidth(card, viewport: 1280) == 290)
        #expect(ImageAudit.slotWidth("(max-width: 40em) 100vw, 4.5rem", viewport: 390) == 390)
        #expect(ImageAudit.slotWidth("(max-width: 40em) 100vw, 4.5rem", viewport: 1280) == 72)
        #expect(ImageAudit.slotWidth(nil, viewport: 390) == 390)
        #expect(ImageAudit.candidates("/a-360.avif 360w, /a-720.avif 720w").map(\.width) == [360, 720])
    }

    @Test("a file name becomes a URL-safe stem")
    func stems() {
        #expect(ImageRenditions.stem(of: "media/Trail Boot (side).JPG") == "trail-boot-side")
        #expect(ImageRenditions.stem(of: "media/über/北京.png") == "image")
        #expect(ImageRenditions.stem(of: "media/a--b__c.webp") == "a-b-c")
    }

    /// A PNG whose header claims `width` × `height` RGB pixels, with one byte of pixel data.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func bigEndian(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) } }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 2, 0, 0, 0])
            + chunk("IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]) + chunk("IEND", [])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
