import CLibXML2
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

/// Video listings: every manifest of the sample store is validated against the published JSON Schema
/// (Python's jsonschema, the reference validator), its timing and overlays are checked against the
/// catalog, its captions are read back by ffmpeg's WebVTT parser, and one product is rendered to an MP4
/// that ffprobe measures.
@Suite("video listings")
struct VideoListingTests {
    // MARK: The sample store

    @Test("every manifest of the sample store validates against the schema, adds up, and says what the catalog says")
    func sampleStoreManifests() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let catalog = try Self.catalogProducts(store)
        #expect(catalog.count == 16)

        let manifests = catalog.keys.sorted().map { "products/\($0)/listing.json" }
        let problems = try await Self.schemaProblems(schema: store.output.appendingPathComponent("schemas/video-listing-1.schema.json").path,
                                               documents: manifests.map { store.output.appendingPathComponent($0).path })
        #expect(problems.isEmpty, "\(problems)")

        for (handle, product) in catalog {
            let manifest = try Self.json(store, "products/\(handle)/listing.json")
            let scenes = try #require(manifest["scenes"] as? [[String: Any]])
            // Timing: scenes follow each other without gaps and add up to the total, inside the storyboard's 15-30 s.
            let total = try #require(manifest["duration"] as? Double)
            var clock = 0.0
            for scene in scenes {
                #expect(scene["start"] as? Double == clock, "\(handle) \(scene["id"] ?? "")")
                clock += try #require(scene["duration"] as? Double)
            }
            #expect(clock == total, "\(handle)")
            #expect((15...30).contains(total), "\(handle): \(total) s")

            // The offer and every price and availability overlay are the catalog's.
            let expected = Self.expectedOffer(product)
            let offer = try #require(manifest["offer"] as? [String: Any])
            #expect(offer["price"] as? String == expected.price, "\(handle)")
            #expect(offer["regular_price"] as? String == expected.regular, "\(handle)")
            #expect(offer["availability"] as? String == expected.availability, "\(handle)")
            let overlays = scenes.flatMap { $0["overlays"] as? [[String: Any]] ?? [] }
            let prices = overlays.filter { $0["kind"] as? String == "price" }
            #expect(!prices.isEmpty, "\(handle) shows no price")
            for price in prices {
                #expect(price["text"] as? String == (expected.from ? "From $" : "$") + expected.price, "\(handle)")
                #expect(price["was"] as? String == expected.regular.map { "$" + $0 }, "\(handle)")
            }
            for availability in overlays where availability["kind"] as? String == "availability" {
                #expect(availability["availability"] as? String == expected.availability, "\(handle)")
            }
            let productURL = "https://kestrelpine.example.com/products/\(handle)/"
            #expect((manifest["product"] as? [String: Any])?["url"] as? String == productURL)
            let ctas = overlays.filter { $0["kind"] as? String == "cta" }
            #expect(!ctas.isEmpty && ctas.allSatisfy { $0["url"] as? String == productURL }, "\(handle)")
            // Every picture and clip the listing shows is the product's own, and is in the site.
            for scene in scenes {
                for url in [scene["image"] as? String, (scene["video"] as? [String: Any])?["url"] as? String].compactMap({ $0 }) {
                    let path = String(url.dropFirst("https://kestrelpine.example.com/".count))
                    #expect(FileManager.default.fileExists(atPath: store.output.appendingPathComponent(path).path), "\(handle): \(url)")
                    // Pictures as the images step sized them for the screen (named after the product's files), clips as they are.
                    #expect(path.hasPrefix("img/\(handle)") || path.hasPrefix("media/"), "\(handle): \(url)")
                }
            }
        }

        // A product with one highlight-free picture set still gets a full-length listing; the one with a clip plays it.
        let daypack = try Self.json(store, "products/waxed-canvas-daypack/listing.json")
        #expect((daypack["scenes"] as? [[String: Any]])?.contains { $0["kind"] as? String == "video" } == true)
    }

    @Test("the captions file of every listing parses as WebVTT, one cue per scene with words, timed to the scene")
    func captionsParse() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let ffprobe = try #require(ExternalTool.find("ffprobe"), "ffprobe not found: scripts/test installs ffmpeg")
        for handle in try Self.catalogProducts(store).keys.sorted() {
            let manifest = try Self.json(store, "products/\(handle)/listing.json")
            let scenes = (manifest["scenes"] as? [[String: Any]] ?? []).filter { !($0["caption"] as? String ?? "").isEmpty }
            let path = store.output.appendingPathComponent("products/\(handle)/listing.vtt").path
            let result = try await ffprobe.run(["-v", "error", "-show_format", "-show_packets", "-show_data", "-of", "json", path])
            #expect(result.status == 0 && result.errorOutput.isEmpty, "\(handle): \(result.errorOutput)")
            let probe = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
            #expect((probe["format"] as? [String: Any])?["format_name"] as? String == "webvtt")
            let packets = try #require(probe["packets"] as? [[String: Any]])
            #expect(packets.count == scenes.count, "\(handle)")
            for (packet, scene) in zip(packets, scenes) {
                #expect(Double(packet["pts_time"] as? String ?? "") == scene["start"] as? Double, "\(handle)")
                #expect(Double(packet["duration_time"] as? String ?? "") == scene["duration"] as? Double, "\(handle)")
            }
        }
        // The cue text is the scene's caption, with the markup characters WebVTT needs escaped.
        let vtt = try String(decoding: store.bytes("products/waxed-canvas-daypack/listing.vtt"), as: UTF8.self)
        #expect(vtt.hasPrefix("WEBVTT\n\nhero\n00:00:00.000 --> 00:00:04.000\nKestrel &amp; Pine\nWaxed Canvas Daypack\n"))
    }

    @Test("the schema is published at its stable URL, equal to the repository's copy, and is a valid JSON Schema")
    func schemaPublished() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let published = try store.bytes("schemas/video-listing-1.schema.json")
        let repository = try Data(contentsOf: FixtureStore.repositoryRoot.appendingPathComponent("Schemas/video-listing-1.schema.json"))
        #expect(published == [UInt8](repository))
        let check = try await Self.python("""
            import json, sys, jsonschema
            jsonschema.Draft202012Validator.check_schema(json.load(open(sys.argv[1])))
            """, [store.output.appendingPathComponent("schemas/video-listing-1.schema.json").path])
        #expect(check.status == 0, "\(check.errorOutput)")
        // Each manifest points at it.
        #expect(try Self.json(store, "products/merino-watch-cap/listing.json")["$schema"] as? String
                == "https://kestrelpine.example.com/schemas/video-listing-1.schema.json")
    }

    @Test("the player page embeds the manifest, and the product page links to it")
    func playerPage() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let product = try store.html("products/cedar-fire-starters/index.html")
        #expect(product.attributes("//a", "href").contains("/products/cedar-fire-starters/video/"))
        let player = try store.html("products/cedar-fire-starters/video/index.html")
        let embedded = try #require(player.first("//script[@type='application/json']")?.text)
        let local = try #require(try JSONSerialization.jsonObject(with: Data(embedded.utf8)) as? [String: Any])
        let published = try Self.json(store, "products/cedar-fire-starters/listing.json")
        // The same listing; only its links differ (paths in the page, so a preview plays local files).
        #expect(local["duration"] as? Double == published["duration"] as? Double)
        #expect((local["scenes"] as? [[String: Any]])?.map { $0["caption"] as? String } == (published["scenes"] as? [[String: Any]])?.map { $0["caption"] as? String })
        #expect((local["captions"] as? [String: Any])?["url"] as? String == "/products/cedar-fire-starters/listing.vtt")
        // Without a rendered video there is no VideoObject (Google needs a video file), and the feeds carry none.
        #expect(try player.structuredData(ofType: "VideoObject").isEmpty)
    }

    // MARK: Storyboards

    @Test("a product with one picture, no highlights and no clip still fills the minimum length; one without pictures gets a card")
    func sparseProducts() async throws {
        let catalog = """
            { "products": [
              { "handle": "one-picture", "title": "One Picture", "brand": "Acme", "price": "10.00", "images": ["media/a.jpg"] },
              { "handle": "no-picture", "title": "No Picture", "brand": "Acme", "price": "12.00", "sale_price": "9.00", "availability": "out_of_stock" }
            ] }
            """
        let store = try Self.defaultThemeStore(catalog: catalog)
        defer { store.cleanUp() }
        try await store.build()
        let one = try Self.json(store, "products/one-picture/listing.json")
        let oneScenes = try #require(one["scenes"] as? [[String: Any]])
        #expect(one["duration"] as? Double == 15)
        let onePictures = Set(oneScenes.compactMap { $0["image"] as? String })
        #expect(onePictures.count == 1 && onePictures.allSatisfy { Self.isRendition($0, of: "a") }, "\(onePictures)")
        #expect(oneScenes.map { $0["id"] as? String } == ["hero", "offer", "closing"])

        let none = try Self.json(store, "products/no-picture/listing.json")
        let noneScenes = try #require(none["scenes"] as? [[String: Any]])
        #expect(noneScenes.allSatisfy { $0["kind"] as? String == "card" })
        #expect(none["duration"] as? Double == 15)
        let price = noneScenes.flatMap { $0["overlays"] as? [[String: Any]] ?? [] }.first { $0["kind"] as? String == "price" }
        #expect(price?["text"] as? String == "$9.00" && price?["was"] as? String == "$12.00")
        #expect((none["offer"] as? [String: Any])?["availability"] as? String == "out_of_stock")
        let problems = try await Self.schemaProblems(schema: FixtureStore.repositoryRoot.appendingPathComponent("Schemas/video-listing-1.schema.json").path,
                                               documents: ["one-picture", "no-picture"].map { store.output.appendingPathComponent("products/\($0)/listing.json").path })
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test("a too-long storyboard is fitted: repeated scenes go first, then scenes shrink, never past the maximum")
    func fitting() async throws {
        let storyboard = """
            { "seconds": { "min": 6, "max": 10 },
              "scenes": [
                { "id": "hero", "show": "image", "seconds": 4, "overlays": [{ "kind": "title", "text": "{{title}}" }] },
                { "id": "point", "show": "image", "image": "next", "repeat": "highlights", "limit": 5, "seconds": 3,
                  "overlays": [{ "kind": "highlight", "text": "{{highlight}}" }] },
                { "id": "end", "show": "card", "seconds": 3, "overlays": [{ "kind": "price" }, { "kind": "cta", "text": "Buy" }] }
              ] }
            """
        let catalog = """
            { "products": [ { "handle": "many", "title": "Many", "brand": "Acme", "price": "10.00", "images": ["media/a.jpg", "media/b.jpg"] } ] }
            """
        let store = try Self.defaultThemeStore(catalog: catalog, storyboard: storyboard,
                                               writeUp: ("many", "---\nhighlights: [One, Two, Three, Four]\n---\nText.\n"))
        defer { store.cleanUp() }
        try await store.build()
        let manifest = try Self.json(store, "products/many/listing.json")
        let scenes = try #require(manifest["scenes"] as? [[String: Any]])
        #expect(manifest["duration"] as? Double == 10)
        #expect(scenes.map { $0["id"] as? String } == ["hero", "point-1", "end"])
        // "next" continues after the hero's picture.
        #expect(Self.isRendition(scenes[1]["image"] as? String, of: "b"))
    }

    @Test("storyboard mistakes are all reported with their positions, and nothing is written")
    func storyboardErrors() async throws {
        let storyboard = """
            { "seconds": { "min": 3, "max": 30 },
              "scenes": [
                { "id": "hero", "show": "picture", "seconds": 4 },
                { "id": "end", "show": "card", "seconds": 2.25, "overlays": [{ "kind": "price", "text": "Only $1!" }] }
              ] }
            """
        let store = try Self.defaultThemeStore(catalog: #"{ "products": [ { "handle": "a", "title": "A", "price": "1.00" } ] }"#, storyboard: storyboard)
        defer { store.cleanUp() }
        let errors = await store.buildErrors()
        let messages = errors.map(\.description)
        func find(_ fragment: String) -> Diagnostic? { errors.first { $0.message.contains(fragment) } }
        #expect(find("\"min\" of \"seconds\"")?.location?.line == 1, "\(messages)")
        #expect(find("\"show\"")?.location?.line == 3, "\(messages)")
        #expect(find("\"seconds\" of scene 2")?.location?.line == 4, "\(messages)")
        #expect(find("takes its text from the catalog")?.location?.line == 4, "\(messages)")
        #expect(errors.allSatisfy { $0.location?.file.hasSuffix("storyboard.json") == true }, "\(messages)")
        #expect(!FileManager.default.fileExists(atPath: store.output.path))
    }

    // MARK: Rendering

    @Test("a listing renders to an H.264 MP4 of its length and size, used by the feeds, sitemap and structured data; unchanged products are not rendered again")
    func renderVideo() async throws {
        let ffprobe = try #require(ExternalTool.find("ffprobe"), "ffprobe not found: scripts/test installs ffmpeg")
        let storyboard = """
            { "seconds": { "min": 6, "max": 8 },
              "look": { "font": "DejaVu Serif, serif" },
              "scenes": [
                { "id": "hero", "show": "image", "seconds": 3, "motion": "zoom-in", "overlays": [{ "kind": "title", "text": "{{title}}" }] },
                { "id": "end", "show": "card", "seconds": 3, "overlays": [{ "kind": "logo" }, { "kind": "price" }, { "kind": "cta", "text": "Shop at {{domain}}" }] }
              ] }
            """
        let catalog = """
            { "products": [ { "handle": "daypack", "title": "Daypack – Ünïcode & “quotes”", "brand": "Acme", "price": "128.00", "sale_price": "99.00",
                              "published": "2026-10-01", "images": ["media/daypack.jpg"] } ] }
            """
        let store = try Self.defaultThemeStore(catalog: catalog, storyboard: storyboard)
        defer { store.cleanUp() }
        let media = FixtureStore.repositoryRoot.appendingPathComponent("Content/media")
        try store.write("Content/media/daypack.jpg", try Data(contentsOf: media.appendingPathComponent("waxed-canvas-daypack-loden.jpg")))
        try store.write("Content/media/logo.svg", try Data(contentsOf: media.appendingPathComponent("logo.svg")))
        try store.write("Content/site.json", Self.siteJSON(logo: true))
        let cache = store.root.appendingPathComponent("video-cache").path
        let first = try await store.build { $0.renderVideo = true; $0.videoCacheDirectory = cache }
        #expect(first.videos == ListingVideos.Report(rendered: 1, reused: 0))

        let video = store.output.appendingPathComponent("products/daypack/listing-9x16.mp4").path
        let probe = try await ffprobe.run(["-v", "error", "-show_entries", "stream=codec_name,width,height,pix_fmt:format=duration", "-of", "json", video])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(probe.output.utf8)) as? [String: Any])
        let stream = try #require((json["streams"] as? [[String: Any]])?.first)
        #expect(stream["codec_name"] as? String == "h264")
        #expect(stream["pix_fmt"] as? String == "yuv420p")
        #expect(stream["width"] as? Int == 1080 && stream["height"] as? Int == 1920)
        let duration = try #require(Double((json["format"] as? [String: Any])?["duration"] as? String ?? ""))
        #expect(abs(duration - 6) < 0.05, "duration \(duration)")

        // The manifest lists the rendition; the feeds, the sitemap and the JSON-LD point at it.
        let url = "https://shop.example.com/products/daypack/listing-9x16.mp4"
        let manifest = try Self.json(store, "products/daypack/listing.json")
        #expect((manifest["renditions"] as? [[String: Any]])?.map { $0["url"] as? String } == [url])
        let merchant = try XMLTestDocument(try store.bytes("feeds/google-merchant.xml"))
        #expect(merchant.texts("/rss/channel/item/g:video_link") == [url])
        let meta = try CSVTable(String(decoding: store.bytes("feeds/meta-catalog.csv"), as: UTF8.self))
        #expect(meta.rows.map { $0["video[0].url"] } == [url])
        // The sitemap lists it on the product page and on the player page.
        let sitemap = try XMLTestDocument(try store.bytes("sitemap.xml"))
        for page in ["products/daypack/", "products/daypack/video/"] {
            let entry = try #require(sitemap.nodes("/sm:urlset/sm:url[sm:loc='https://shop.example.com/\(page)']").first)
            #expect(sitemap.text("video:video/video:content_loc", in: entry) == url, "\(page)")
            #expect(sitemap.text("video:video/video:duration", in: entry) == "6", "\(page)")
        }
        let page = try store.html("products/daypack/index.html")
        let product = try #require(try page.structuredData(ofType: "Product").first)
        let videoObject = try #require((product["subjectOf"] as? [[String: Any]])?.first)
        #expect(videoObject["contentUrl"] as? String == url)
        #expect(videoObject["duration"] as? String == "PT6S")
        #expect(videoObject["uploadDate"] as? String != nil && Self.isRendition(videoObject["thumbnailUrl"] as? String, of: "daypack"))
        let clips = try #require(videoObject["hasPart"] as? [[String: Any]])
        #expect(clips.map { $0["startOffset"] as? Int } == [0, 3])
        #expect(clips.first?["url"] as? String == "https://shop.example.com/products/daypack/video/?t=0")

        // Nothing changed: the render is reused. A new price changes the closing card: rendered again.
        let second = try await store.build { $0.renderVideo = true; $0.videoCacheDirectory = cache; $0.force = true }
        #expect(second.videos == ListingVideos.Report(rendered: 0, reused: 1))
        try store.write("Content/catalog.json", catalog.replacingOccurrences(of: "\"99.00\"", with: "\"95.00\""))
        let third = try await store.build { $0.renderVideo = true; $0.videoCacheDirectory = cache }
        #expect(third.videos == ListingVideos.Report(rendered: 1, reused: 0))
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache + "/daypack").filter { $0.hasSuffix(".mp4") }
        #expect(cached.count == 1, "the older render is pruned: \(cached)")
    }

    @Test("a Japanese title under a font that lacks it is drawn with an installed font that has it, or the build names fonts-noto-cjk at the product")
    func fontCoverage() async throws {
        let title = "和紙のノート"
        let storyboard = """
            { "seconds": { "min": 6, "max": 8 },
              "look": { "font": "DejaVu Serif, serif" },
              "scenes": [
                { "id": "hero", "show": "image", "seconds": 3, "overlays": [{ "kind": "title", "text": "{{title}}" }] },
                { "id": "end", "show": "card", "seconds": 3, "overlays": [{ "kind": "price" }, { "kind": "cta", "text": "Shop at {{domain}}" }] }
              ] }
            """
        let catalog = """
            { "products": [
              { "handle": "washi-notebook", "title": "\(title)", "price": "12.00", "images": ["media/a.jpg"] } ] }
            """
        let store = try Self.defaultThemeStore(catalog: catalog, storyboard: storyboard)
        defer { store.cleanUp() }
        let media = FixtureStore.repositoryRoot.appendingPathComponent("Content/media")
        try store.write("Content/media/a.jpg", try Data(contentsOf: media.appendingPathComponent("waxed-canvas-daypack-loden.jpg")))
        let cache = store.root.appendingPathComponent("video-cache").path
        // What this machine has decides which outcome is right (CI installs DejaVu alone: the error).
        let fontconfig = try #require(Fontconfig.find(), "fontconfig not found: scripts/test installs it")
        let needed = ListingFontChooser.drawn(title)
        let covering = await fontconfig.fallbacks("DejaVu Serif").filter { $0.isDrawable && $0.coverage.lacking(needed).isEmpty }
        if covering.isEmpty {
            do {
                try await store.build { $0.renderVideo = true; $0.videoCacheDirectory = cache }
                Issue.record("the build succeeded though no installed font has \(title)")
            } catch let failure as BuildFailure {
                let error = try #require(failure.errors.first)
                #expect(failure.errors.count == 1, "\(failure)")
                #expect(error.location?.file.hasSuffix("Content/catalog.json") == true && error.location?.line == 2, "\(failure)")
                #expect(error.message.contains("\"washi-notebook\" cannot draw \"\(title)\"") && error.message.contains("DejaVu Serif lacks の ト ノ ー 和 紙"), "\(error.message)")
                #expect(error.hint?.contains("sudo apt-get install fonts-noto-cjk") == true, "\(error.hint ?? "")")
            }
        } else {
            let summary = try await store.build { $0.renderVideo = true; $0.videoCacheDirectory = cache }
            #expect(summary.videos == ListingVideos.Report(rendered: 1, reused: 0))
        }
    }

    @Test("scrims shade rows as their stacked bands would, darkest towards the words; a zoom's crop reads the size its scale just made")
    func scrimShadingAndZoom() throws {
        let renderer = ListingVideoRenderer(format: .vertical, source: { $0.path })
        // A top scrim (darkest at the top), a bottom one (darkest at the bottom) and a flat one overlapping it.
        let shading = ListingVideoRenderer.shading([(0, 400, "0.4", true), (1200, 720, "0.6", false), (1800, 50, "0.5", nil)], height: 1920)
        #expect(shading.count == 1920)
        #expect(abs(shading[0] - 0.4) < 1e-9 && abs(shading[1919] - 0.6) < 1e-9)
        #expect(shading[400..<1200].allSatisfy { $0 == 0 }, "no shade between the scrims")
        #expect(zip(shading[0..<400], shading[1..<400]).allSatisfy { $0 >= $1 }, "the top scrim lightens downwards")
        #expect(zip(shading[1200..<1800], shading[1201..<1800]).allSatisfy { $0 <= $1 }, "the bottom scrim darkens downwards")
        #expect(Set(shading[1200..<1800]).count == 16, "16 steps: \(Set(shading[1200..<1800]).sorted())")
        #expect(abs(shading[1820] - (1 - 0.4 * 0.5)) < 1e-9, "overlapping scrims compound: \(shading[1820])")

        // The mask holds each row's shade out of 256, and only rows where it changes are named.
        let mask = try #require(renderer.shadeMask(shading, label: "shade0"))
        #expect(mask.first?.contains("geq=lum=102-") == true, "\(mask.first ?? "")")
        #expect(mask.last?.hasSuffix("mergeplanes=0x001020:yuv420p[shade0]") == true)
        #expect(renderer.shadeMask([Double](repeating: 0, count: 1920), label: "none") == nil)

        // ffmpeg only lets a crop see a changed frame size when it follows the scale directly.
        let zoom = renderer.panAndZoom(ListingMotion.Preset.zoomIn.motion, frames: 120)
        #expect(zoom.contains(":eval=frame,crop=1080:1920:"), "\(zoom)")
        let pan = renderer.panAndZoom(ListingMotion.Preset.panLeft.motion, frames: 105)
        #expect(pan.hasPrefix("scale=1242:2208,loop=loop=104:size=1,") && !pan.contains("eval=frame"), "a pan scales once: \(pan)")
    }

    @Test("fonts for a listing's lines: the stack's font where it has them, else one font that has all of a line, else the characters it lacks")
    func fontChoice() async throws {
        let latin = CharacterCoverage([0x20...0x7E, 0xA0...0x2E9, 0x2000...0x206F, 0x20AC...0x20AC])
        let kanaAndKanji = CharacterCoverage([0x20...0x20, 0x3000...0x30FF, 0x4E00...0x9FFF])
        let dejaVu = [(FontFace(families: ["DejaVu Serif"], file: "/fonts/DejaVuSerif.ttf", coverage: latin), bold: false),
                      (FontFace(families: ["DejaVu Serif"], file: "/fonts/DejaVuSerif-Bold.ttf", coverage: latin), bold: true),
                      (FontFace(families: ["DejaVu Serif"], file: "/fonts/DejaVuSerif-Italic.ttf", slant: 100, coverage: latin), bold: false)]
        let cjk = CharacterCoverage(latin.ranges + kanaAndKanji.ranges)
        let noto = [(FontFace(families: ["Noto Serif CJK JP"], file: "/fonts/NotoSerifCJK-Regular.ttc", coverage: cjk), bold: false),
                    (FontFace(families: ["Noto Serif CJK JP"], file: "/fonts/NotoSerifCJK-Bold.ttc", coverage: cjk), bold: true),
                    // A later face of a collection: drawtext would draw the first one instead.
                    (FontFace(families: ["Noto Sans CJK KR"], file: "/fonts/NotoSansCJK-Regular.ttc", index: 1, coverage: cjk), bold: false)]
        // Like Droid Sans Fallback: the ideographs and kana, without Latin letters.
        let fallbackOnly = [(FontFace(families: ["Droid Sans Fallback"], file: "/fonts/DroidSansFallbackFull.ttf", coverage: kanaAndKanji), bold: false)]
        let lines = [FontLine(text: "和紙のノート", bold: true), FontLine(text: "Shop now at shop.example.com", bold: true), FontLine(text: "$12.00", bold: false)]

        var onlyDejaVu = try #require(await ListingFontChooser(stack: "\"DejaVu Serif\", serif", catalog: FixedFonts(dejaVu)))
        guard case .failure(let undrawable) = await onlyDejaVu.fonts(for: lines) else { Issue.record("no font has 和紙のノート"); return }
        #expect(undrawable == .init(line: "和紙のノート", lacking: ListingFontChooser.drawn("和紙のノート")))
        let error = undrawable.diagnostic(handle: "washi-notebook", font: "DejaVu Serif", at: SourceLocation(file: "Content/catalog.json", line: 4, column: 5))
        #expect(error.description.hasPrefix("Content/catalog.json:4:5: error: the video listing of \"washi-notebook\" cannot draw \"和紙のノート\""))
        #expect(error.message.hasSuffix("and the theme's font DejaVu Serif lacks の ト ノ ー 和 紙 (U+306E, U+30C8, U+30CE, …)"), "\(error.message)")
        #expect(error.hint?.contains("sudo apt-get install fonts-noto-cjk") == true)

        var withNoto = try #require(await ListingFontChooser(stack: "DejaVu Serif, serif", catalog: FixedFonts(dejaVu + noto)))
        let chosen = try await withNoto.fonts(for: lines).get()
        #expect(chosen.regular == "/fonts/DejaVuSerif.ttf" && chosen.bold == "/fonts/DejaVuSerif-Bold.ttf")
        #expect(chosen.lines == [FontLine(text: "和紙のノート", bold: true): "/fonts/NotoSerifCJK-Bold.ttc"], "only the line DejaVu lacks, in the bold face")
        #expect(try await withNoto.fonts(for: [FontLine(text: "和紙", bold: false)]).get().lines.values.first == "/fonts/NotoSerifCJK-Regular.ttc")
        #expect(chosen.file(for: "$12.00", bold: false) == "/fonts/DejaVuSerif.ttf")
        #expect(chosen.cacheKey.contains("NotoSerifCJK-Bold.ttc"), "a render with another font is another cache entry")

        // A font with the kana but not Latin letters draws a pure Japanese line, not a mixed one.
        var withFallback = try #require(await ListingFontChooser(stack: "DejaVu Serif", catalog: FixedFonts(dejaVu + fallbackOnly)))
        let japanese = try await withFallback.fonts(for: [FontLine(text: "和紙のノート", bold: false)]).get()
        #expect(japanese.lines.values.first == "/fonts/DroidSansFallbackFull.ttf")
        guard case .failure(let mixed) = await withFallback.fonts(for: [FontLine(text: "和紙のノート A5", bold: false)]) else {
            Issue.record("no single font has 和紙のノート A5"); return
        }
        #expect(mixed.line == "和紙のノート A5")
        #expect(CharacterCoverage(fontconfig: "20-7e a0 3000-30ff") == CharacterCoverage([0x20...0x7E, 0xA0...0xA0, 0x3000...0x30FF]))
    }

    @Test("without ffmpeg, --render-video fails with what to install, and the previous site stays")
    func missingFFmpeg() async throws {
        let store = try Self.defaultThemeStore(catalog: #"{ "products": [ { "handle": "a", "title": "A", "price": "1.00", "images": ["media/a.jpg"] } ] }"#)
        defer { store.cleanUp() }
        try await store.build()
        let before = store.outputFiles()
        do {
            try await store.build { $0.renderVideo = true; $0.ffmpeg = "/nonexistent/ffmpeg" }
            Issue.record("the build succeeded without ffmpeg")
        } catch let failure as BuildFailure {
            #expect(failure.errors.count == 1 && failure.errors[0].message.contains("ffmpeg was not found"), "\(failure)")
            #expect(failure.errors[0].hint?.contains("apt-get install ffmpeg") == true)
        }
        #expect(store.outputFiles() == before)
    }

    // MARK: Helpers

    static func siteJSON(logo: Bool = false) -> String {
        Fixtures.siteJSON.replacingOccurrences(of: "\"theme\": \"test\"", with: "\"theme\": \"default\"" + (logo ? ", \"logo\": \"media/logo.svg\"" : ""))
    }

    /// A store with the default theme (optionally another storyboard) and the given catalog.
    static func defaultThemeStore(catalog: String, storyboard: String? = nil, writeUp: (String, String)? = nil) throws -> FixtureStore {
        var files = ["Content/site.json": siteJSON(), "Content/catalog.json": catalog]
        for name in ["a.jpg", "b.jpg"] { files["Content/media/\(name)"] = "picture:\(name)" }
        if let writeUp { files["Content/products/\(writeUp.0).md"] = writeUp.1 }
        let store = try FixtureStore(files, copyingDefaultTheme: true)
        if let storyboard { try store.write("Themes/default/storyboard.json", storyboard) }
        return store
    }

    /// Whether `url` names a JPEG the images step made of `media/<stem>.…` (`/img/<stem>-<hash>-<width>.jpg`).
    static func isRendition(_ url: String?, of stem: String) -> Bool { Fixtures.isRendition(url, of: stem) }

    static func json(_ store: FixtureStore, _ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(store.bytes(path))) as? [String: Any])
    }

    static func catalogProducts(_ store: FixtureStore) throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: store.root.appendingPathComponent("Content/catalog.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let products = try #require(root["products"] as? [[String: Any]]).filter { $0["draft"] as? Bool != true }
        return Dictionary(uniqueKeysWithValues: products.map { ($0["handle"] as! String, $0) })
    }

    /// What the listing must offer, worked out from catalog.json itself (not from Showroom's model):
    /// the lowest current price over the variants, "from" when they differ, the regular price when the
    /// shown price is a sale price, and the best availability among the variants.
    static func expectedOffer(_ product: [String: Any]) -> (price: String, regular: String?, from: Bool, availability: String) {
        func amount(_ value: Any?) -> String? {
            if let text = value as? String { return text }
            if let number = value as? NSNumber { return String(format: "%.2f", number.doubleValue) }
            return nil
        }
        func cents(_ text: String) -> Int { Int((Double(text)! * 100).rounded()) }
        let variants = product["variants"] as? [[String: Any]] ?? []
        let sources = variants.isEmpty ? [product] : variants
        let offers = sources.map { item -> (current: String, regular: String?, availability: String) in
            // Per content-format.md, a variant inherits price and sale_price as a pair.
            let ownPrice = item["price"] != nil || item["sale_price"] != nil
            let regular = amount(ownPrice ? item["price"] ?? product["price"] : product["price"])!
            let sale = amount(ownPrice ? item["sale_price"] : product["sale_price"])
            return (sale ?? regular, sale == nil ? nil : regular, item["availability"] as? String ?? product["availability"] as? String ?? "in_stock")
        }
        let cheapest = offers.min { cents($0.current) < cents($1.current) }!
        let order = ["in_stock", "backorder", "preorder", "out_of_stock"]
        let availability = order.first { state in offers.contains { $0.availability == state } } ?? "out_of_stock"
        return (cheapest.current, cheapest.regular, Set(offers.map { cents($0.current) }).count > 1, availability)
    }

    static func python(_ script: String, _ arguments: [String]) async throws -> ExternalTool.Result {
        let python = try #require(ExternalTool.find("python3"))
        return try await python.run(["-c", script] + arguments)
    }

    /// Validates each document against the schema with Python's jsonschema (Draft 2020-12, formats checked);
    /// returns "file: message" for every violation.
    static func schemaProblems(schema: String, documents: [String]) async throws -> [String] {
        let result = try await python("""
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
            for path in sys.argv[2:]:
                for error in validator.iter_errors(json.load(open(path))):
                    print(path.split("/")[-2] + ": " + "/".join(map(str, error.absolute_path)) + ": " + error.message)
            """, [schema] + documents)
        guard result.status == 0 else { return ["jsonschema failed: \(result.errorOutput)"] }
        return result.output.split(separator: "\n").map(String.init)
    }
}

/// A fixed set of fonts standing in for fontconfig: the family asked for first, then the weight, then
/// the order given (fontconfig weighs similar families and styles too).
struct FixedFonts: FontCatalog {
    let faces: [(face: FontFace, bold: Bool)]
    init(_ faces: [(FontFace, bold: Bool)]) { self.faces = faces.map { ($0.0, $0.bold) } }

    func match(_ pattern: String) async -> FontFace? { await fallbacks(pattern).first }

    func fallbacks(_ pattern: String) async -> [FontFace] {
        let parts = pattern.split(separator: ":")
        let (family, bold) = (parts.first.map(String.init) ?? "", parts.contains("weight=bold"))
        func rank(_ entry: (offset: Int, element: (face: FontFace, bold: Bool))) -> (Int, Int, Int, Int) {
            (entry.element.face.families.contains(family) ? 0 : 1, entry.element.bold == bold ? 0 : 1, entry.element.face.slant, entry.offset)
        }
        return faces.enumerated().sorted { rank($0) < rank($1) }.map(\.element.face)
    }
}
