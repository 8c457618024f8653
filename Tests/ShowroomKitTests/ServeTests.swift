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

/// `showroom serve` end to end: a fixture store served from memory on a free port, requested over a
/// real socket, edited on disk while it runs.
@Suite("Preview server")
struct ServeTests {
    /// Runs the preview server (with its file watcher) for the duration of `body`.
    static func serving(_ store: FixtureStore, builds: Bool = true, heartbeat: Duration = .seconds(15), session: PreviewSession? = nil,
                        _ body: (PreviewSession, RawHTTP) async throws -> Void) async throws {
        let session = session ?? PreviewSession(options: store.options, heartbeat: heartbeat)
        #expect(await session.rebuild().isEmpty == builds)
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let server = Task {
            try await PreviewServer.run(session: session, host: "127.0.0.1", port: 0,
                                        onRunning: { portSink.yield($0) }, report: { _, _ in })
        }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(session, RawHTTP(port: port))
    }

    /// Waits for the next build after `change`, as the browser's reload event would.
    static func afterRebuild(_ session: PreviewSession, _ change: () throws -> Void) async throws -> Int {
        let events = await session.events()
        try change()
        let waiter = Task { () -> Int? in
            var iterator = events.makeAsyncIterator()
            return await iterator.next()
        }
        let timeout = Task {
            // Generous: the suite runs dozens of builds beside this one on two cores.
            try await Task.sleep(for: .seconds(60))
            waiter.cancel()
        }
        defer { timeout.cancel() }
        return try #require(await waiter.value, "no rebuild within 60 s")
    }

    /// A session whose first build finds every picture in the image cache. With a cold cache the preview
    /// shows originals and rebuilds when its background pass has made the renditions, a rebuild that could
    /// land between an edit and the comparison with a full build (whose pass the first one warmed).
    static func sessionWithPictures(_ store: FixtureStore) async throws -> PreviewSession {
        try await store.build()
        let session = PreviewSession(options: store.options)
        #expect(await session.rebuild().isEmpty)
        return session
    }

    /// Waits for the background feeds to carry `text`, then expects the session's files to equal, byte
    /// for byte, what a full build of the same store gives. Returns the session's files.
    static func expectSameAsFullBuild(_ session: PreviewSession, _ store: FixtureStore, feedsContaining text: String) async throws -> [String: [UInt8]] {
        var incremental = await session.snapshot.files
        for _ in 0..<300 where !String(decoding: incremental["feeds/google-merchant.xml"] ?? [], as: UTF8.self).contains(text) {
            try await Task.sleep(for: .milliseconds(50))
            incremental = await session.snapshot.files
        }
        let full = PreviewSession(options: store.options)
        #expect(await full.rebuild().isEmpty)
        let expected = await full.snapshot.files
        #expect(incremental.keys.sorted() == expected.keys.sorted())
        for (path, bytes) in expected { #expect(incremental[path] == bytes, "\(path) differs from a full build") }
        return incremental
    }

    @Test("pages and feeds are served with the right types; folders, 404 page, HEAD, ETag and ranges")
    func serving() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()  // Public/, to compare with what is served
        try await Self.serving(store) { _, http in
            let expected = [
                "/": "text/html; charset=utf-8", "/products/camp-mug/": "text/html; charset=utf-8",
                "/feeds/google-merchant.xml": "application/xml", "/feeds/meta-catalog.csv": "text/csv; charset=utf-8",
                "/feeds/new-arrivals.atom": "application/atom+xml", "/feeds/new-arrivals.json": "application/json",
                "/sitemap.xml": "application/xml", "/robots.txt": "text/plain; charset=utf-8", "/media/mug.jpg": "image/jpeg",
            ]
            for (path, type) in expected {
                let response = try await http.request(path)
                #expect(response.status == 200, "\(path)")
                #expect(response.headers["content-type"] == type, "\(path)")
            }
            let home = try await http.request("/")
            #expect(home.text.contains(#"<script src="/_showroom/reload.js"></script>"#), "the reload script is injected when serving")
            #expect(!String(decoding: try store.bytes("index.html"), as: UTF8.self).contains("/_showroom/"), "never into a build's files")
            // A file, not inline: pages declare a Content-Security-Policy that refuses inline scripts.
            let reloader = try await http.request("/_showroom/reload.js")
            #expect(reloader.status == 200 && reloader.headers["content-type"] == "text/javascript; charset=utf-8")
            #expect(reloader.text.contains("new EventSource(\"/_showroom/events\")"))

            #expect(try await http.request("/products/camp-mug").status == 301)
            #expect(try await http.request("/products/camp-mug").headers["location"] == "/products/camp-mug/")

            let missing = try await http.request("/no-such-page/")
            #expect(missing.status == 404)
            #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
            let themed = String(decoding: try store.bytes("404.html"), as: UTF8.self)
            #expect(missing.text.hasPrefix(themed.components(separatedBy: "</body>")[0]), "the theme's 404 page")

            let feed = try await http.request("/feeds/google-merchant.xml")
            let tag = try #require(feed.headers["etag"])
            #expect(try await http.request("/feeds/google-merchant.xml", headers: ["If-None-Match": tag]).status == 304)
            #expect(try await http.request("/feeds/google-merchant.xml", headers: ["If-None-Match": "\"other\""]).status == 200)
            let pageTag = try #require(home.headers["etag"])
            #expect(try await http.request("/", headers: ["If-None-Match": pageTag]).status == 304)

            let head = try await http.request("/feeds/google-merchant.xml", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty)
            #expect(head.headers["content-length"] == String(feed.body.count))

            let mug = [UInt8](try Data(contentsOf: store.root.appendingPathComponent("Content/media/mug.jpg")))
            let part = try await http.request("/media/mug.jpg", headers: ["Range": "bytes=2-5"])
            #expect(part.status == 206)
            #expect(part.body == Array(mug[2...5]))
            #expect(part.headers["content-range"] == "bytes 2-5/\(mug.count)")
            #expect(try await http.request("/media/mug.jpg", headers: ["Range": "bytes=\(mug.count)-"]).status == 416)
            #expect(try await http.request("/", method: "POST").status == 405)

            // Weak tags and "*" in If-None-Match, as browsers and proxies send them.
            #expect(try await http.request("/feeds/google-merchant.xml", headers: ["If-None-Match": "W/" + tag]).status == 304)
            #expect(try await http.request("/feeds/google-merchant.xml", headers: ["If-None-Match": "\"a\", W/\(tag)"]).status == 304)
            #expect(try await http.request("/feeds/google-merchant.xml", headers: ["If-None-Match": " *"]).status == 304)
            // A Range header that does not parse is ignored, not answered with 416.
            for malformed in ["bytes=5-2", "bytes=x-3", "bytes=-", "bytes=1-y", "bytes=-z"] {
                let whole = try await http.request("/media/mug.jpg", headers: ["Range": malformed])
                #expect(whole.status == 200 && whole.body.count == mug.count, "\(malformed)")
            }
            #expect(try await http.request("/media/mug.jpg", headers: ["Range": "bytes=-0"]).status == 416)
            #expect(try await http.request("/media/mug.jpg", headers: ["Range": "bytes=-4"]).body == Array(mug.suffix(4)))
            // HEAD on the reload stream would hold a connection open for nothing.
            let headEvents = try await http.request("/_showroom/events", method: "HEAD")
            #expect(headEvents.status == 405 && headEvents.headers["allow"] == "GET")
        }
    }

    @Test("a reload listener is dropped when its browser goes away")
    func listenersDropped() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await Self.serving(store, heartbeat: .milliseconds(100)) { session, http in
            #expect(await session.listenerCount == 0)
            // A client that reads the stream's first bytes and hangs up.
            _ = try await http.read("/_showroom/events", until: ": connected")
            var count = await session.listenerCount
            #expect(count == 1, "the stream registered its listener before it said it was connected")
            // No build happens: the heartbeats alone must find the closed connection.
            for _ in 0..<300 where count > 0 {
                try await Task.sleep(for: .milliseconds(50))
                count = await session.listenerCount
            }
            #expect(count == 0, "the listener of a closed connection is still registered")
        }
    }

    @Test("paths that climb out of the site or hide separators are refused")
    func traversal() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try "secret".write(to: store.root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try await Self.serving(store) { _, http in
            for attempt in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd", "/products/..%2f..%2fsecret.txt",
                            "/media/..%5c..%5csecret.txt", "/./index.html", "/a/%00/b", "/..", "/media/%2e%2e/%2e%2e/secret.txt"] {
                let response = try await http.request(attempt)
                #expect([403, 404].contains(response.status), "\(attempt) → \(response.status)")
                #expect(!response.text.contains("secret") || response.status == 404 && !response.text.hasPrefix("secret"), "\(attempt)")
            }
        }
        #expect(PreviewResponder.resolve("/%2e%2e/x") == .refused)
        #expect(PreviewResponder.resolve("/a%2Fb") == .refused)
        #expect(PreviewResponder.resolve("/products/camp-mug/") == .path("products/camp-mug/index.html"))
        #expect(PreviewResponder.resolve("/") == .path("index.html"))
        #expect(PreviewResponder.resolve("/caf%C3%A9/") == .path("café/index.html"))
    }

    @Test("a symbolic link in the content folder is not followed: nothing outside the store is built or served")
    func symlinkOut() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try "secret".write(to: store.root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: store.root.appendingPathComponent("Content/media/leak.jpg").path,
                                                   withDestinationPath: store.root.appendingPathComponent("secret.txt").path)
        let summary = try await store.build()
        #expect(!store.outputFiles().contains("media/leak.jpg"))
        #expect(summary.files == store.outputFiles().count)
        try await Self.serving(store) { _, http in
            let leak = try await http.request("/media/leak.jpg")
            #expect(leak.status == 404)
        }
    }

    @Test("an edit rebuilds and tells pages to reload; a broken edit keeps the last good page with the errors over it")
    func editing() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await Self.serving(store) { session, http in
            let before = try await http.request("/products/trail-bottle/")
            #expect(before.status == 200)

            // The event stream over HTTP announces the next build.
            let listener = Task { try await http.read("/_showroom/events", until: "event: reload") }
            // Edit only once the stream is registered: a fixed pause lost the race on a busy machine.
            for _ in 0..<500 where await session.listenerCount == 0 { try await Task.sleep(for: .milliseconds(20)) }
            #expect(await session.listenerCount == 1)
            let generation = try await Self.afterRebuild(session) {
                try store.write("Content/products/trail-bottle.md", "---\ntitle: Trail Bottle, edited\n---\nFresh words.\n")
            }
            let stream = try await listener.value
            #expect(stream.contains("content-type: text/event-stream") || stream.lowercased().contains("content-type: text/event-stream"))
            #expect(stream.contains("event: reload\ndata: "))
            let edited = try await http.request("/products/trail-bottle/")
            #expect(edited.text.contains("Trail Bottle, edited"))
            #expect(edited.text.contains("Fresh words."))
            #expect(!edited.text.contains("showroom-build-error"))

            // Broken JSON: the last good page stays, with the error (file, line, column) shown over it.
            let broken = try await Self.afterRebuild(session) {
                try store.write("Content/catalog.json", "{\"products\": [\n  {\"handle\": \"x\",}\n]}")
            }
            #expect(broken > generation)
            let failing = try await http.request("/products/trail-bottle/")
            #expect(failing.status == 200)
            #expect(failing.text.contains("Trail Bottle, edited"), "the last good page")
            #expect(failing.text.contains("id=\"showroom-build-error\""))
            #expect(failing.text.contains("Content/catalog.json:2:"), "\(failing.text.suffix(800))")
            #expect(try await http.request("/feeds/google-merchant.xml").status == 200, "the last good feeds too")

            // Fixing it recovers.
            _ = try await Self.afterRebuild(session) { try store.write("Content/catalog.json", Fixtures.catalogJSON) }
            let fixed = try await http.request("/products/trail-bottle/")
            #expect(!fixed.text.contains("showroom-build-error"))
            #expect(await session.errors.isEmpty)
        }
    }

    @Test("a request made while the site rebuilds is answered from the last complete site, and the new site once it is done")
    func answersWhileRebuilding() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        // Each load waits at the gate while it is closed: the test holds a build in the middle, then asks for pages.
        let gate = LoadGate()
        let session = PreviewSession(options: store.options, load: { options, reuse in
            gate.pass()
            return Builder.load(options, reusing: reuse)
        })
        try await Self.serving(store, session: session) { session, http in
            #expect(try await http.request("/products/trail-bottle/").text.contains("Trail Bottle 750 ml – Élan"))
            #expect(try await http.request("/products/camp-mug/").text.contains("12.50"))
            let edits: [(name: String, path: String, contents: String, page: String, old: String, new: String)] = [
                // New front matter: a whole rebuild.
                ("a whole rebuild", "Content/products/trail-bottle.md", "---\ntitle: Trail Bottle, renamed\n---\nBody.\n",
                 "/products/trail-bottle/", "Trail Bottle 750 ml – Élan", "Trail Bottle, renamed"),
                // A price in the catalog: the incremental path, which loads the catalog again.
                ("a catalog update", "Content/catalog.json", Fixtures.catalogJSON.replacingOccurrences(of: #""price": "12.50""#, with: #""price": "14.75""#),
                 "/products/camp-mug/", "12.50", "14.75"),
            ]
            var starts = gate.started.makeAsyncIterator()
            for edit in edits {
                let events = await session.events()
                let generation = await session.generation
                gate.close()
                try store.write(edit.path, edit.contents)
                // The file watcher has started a build, which now waits in its load.
                _ = await starts.next()
                let during = try await Self.answered(http, edit.page, within: .seconds(20), otherwise: { gate.release() })
                gate.release()
                let page = try #require(during, "\(edit.name): no answer while the build was held")
                #expect(page.status == 200 && page.text.contains(edit.old) && !page.text.contains(edit.new),
                        "\(edit.name): the last complete site is served while the build runs")
                #expect(await session.generation == generation, "\(edit.name): nothing was swapped in before the build ended")
                var iterator = events.makeAsyncIterator()
                #expect(await iterator.next() ?? 0 > generation)
                let after = try await http.request(edit.page)
                #expect(after.text.contains(edit.new) && !after.text.contains(edit.old), "\(edit.name): the new site once it is done")
            }
            #expect(await session.errors.isEmpty)
        }
    }

    @Test("every request is answered, with a whole file, while write-ups, prices and front matter are edited")
    func servingWhileEditing() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await Self.serving(store) { session, http in
            let paths = ["/", "/products/trail-bottle/", "/products/camp-mug/", "/collections/bottles/", "/feeds/google-merchant.xml", "/sitemap.xml"]
            let editing = EditingFlag()
            // Clients ask in turn for pages and feeds until the edits are done (and a few times at least).
            let clients = (0..<3).map { client in
                Task { () -> [(path: String, response: RawHTTP.Response)] in
                    var answers: [(path: String, response: RawHTTP.Response)] = []
                    var next = client
                    while editing.isOn || answers.count < 5 {
                        let path = paths[next % paths.count]
                        next += 1
                        answers.append((path, try await http.request(path)))
                    }
                    return answers
                }
            }
            let page = "Content/products/trail-bottle.md"
            let original = String(decoding: try Data(contentsOf: store.root.appendingPathComponent(page)), as: UTF8.self)
            for edit in 1...3 {
                _ = try await Self.afterRebuild(session) { try store.write(page, original + "\nSaved \(edit) times.\n") }
                _ = try await Self.afterRebuild(session) {
                    try store.write("Content/catalog.json", Fixtures.catalogJSON.replacingOccurrences(of: #""price": "12.50""#, with: "\"price\": \"1\(edit).75\""))
                }
            }
            _ = try await Self.afterRebuild(session) { try store.write(page, "---\ntitle: Renamed while served\n---\nBody.\n") }
            editing.isOn = false
            var answered = 0
            for client in clients {
                for (path, response) in try await client.value {
                    answered += 1
                    #expect(response.status == 200, "\(path)")
                    #expect(response.headers["content-length"] == String(response.body.count), "\(path): the whole file")
                    let closing = path == "/sitemap.xml" ? "</urlset>" : path.hasSuffix(".xml") ? "</rss>" : "</html>"
                    #expect(response.text.contains(closing), "\(path): the whole file")
                }
            }
            #expect(answered >= 15)
            #expect(await session.errors.isEmpty)
            #expect(try await http.request("/products/trail-bottle/").text.contains("Renamed while served"))
        }
    }

    /// The response to `path`, or nil when none came within `bound`; then `otherwise` runs, which must
    /// let the request finish (the socket's blocking read cannot be cancelled).
    static func answered(_ http: RawHTTP, _ path: String, within bound: Duration,
                         otherwise: @escaping @Sendable () -> Void) async throws -> RawHTTP.Response? {
        try await withThrowingTaskGroup(of: RawHTTP.Response?.self) { group in
            group.addTask { try await http.request(path) }
            group.addTask {
                try await Task.sleep(for: bound)
                return nil
            }
            let first = try await group.next() ?? nil
            if first == nil { otherwise() }
            group.cancelAll()
            return first
        }
    }

    @Test("editing only a write-up's body re-renders that product's pages at once and its feeds right after; a front-matter edit rebuilds the rest")
    func bodyOnlyEdit() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await Self.serving(store) { session, http in
            let page = "Content/products/trail-bottle.md"
            let original = String(decoding: try Data(contentsOf: store.root.appendingPathComponent(page)), as: UTF8.self)
            let frontMatterEnd = try #require(original.range(of: "\n---\n", range: original.index(after: original.startIndex)..<original.endIndex))
            let edited = original[..<frontMatterEnd.upperBound] + "A sentence written during the preview.\n"
            let builds = await session.fullBuilds
            _ = try await Self.afterRebuild(session) { try store.write(page, String(edited)) }
            #expect(await session.fullBuilds == builds, "only the product's pages were rendered")
            #expect(try await http.request("/products/trail-bottle/").text.contains("A sentence written during the preview."))
            #expect(try await http.request("/products/trail-bottle/variants/tb-moss/").text.contains("A sentence written during the preview."))
            // The feeds follow within moments.
            var feedUpdated = false
            for _ in 0..<300 where !feedUpdated {
                feedUpdated = try await http.request("/feeds/google-merchant.xml").text.contains("A sentence written during the preview.")
                if !feedUpdated { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(feedUpdated)

            // A new title in the front matter: the pages that show the product (cards included) are rendered again.
            _ = try await Self.afterRebuild(session) {
                try store.write(page, "---\ntitle: Renamed Bottle\n---\nBody.\n")
            }
            #expect(await session.fullBuilds == builds, "only the pages that show the product")
            #expect(try await http.request("/collections/all/").text.contains("Renamed Bottle"))
            var feedRenamed = false
            for _ in 0..<300 where !feedRenamed {
                feedRenamed = try await http.request("/feeds/google-merchant.xml").text.contains("Renamed Bottle")
                if !feedRenamed { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(feedRenamed)

            // A new collection for it changes which products are related: everything is rebuilt.
            let catalog = try String(contentsOf: store.root.appendingPathComponent("Content/catalog.json"), encoding: .utf8)
            _ = try await Self.afterRebuild(session) {
                try store.write("Content/catalog.json", catalog.replacingOccurrences(of: #""collections": ["bottles"]"#, with: #""collections": ["bottles", "gifts"]"#))
            }
            #expect(await session.fullBuilds == builds + 1)
        }
    }

    @Test("the body-only path gives the same files as a full build")
    func incrementalEqualsFull() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let session = try await Self.sessionWithPictures(store)
        let page = store.root.appendingPathComponent("Content/products/trail-bottle.md")
        let original = String(decoding: try Data(contentsOf: page), as: UTF8.self)
        try store.write("Content/products/trail-bottle.md", original + "\nMore words, with a [link](/shipping/).\n")
        #expect(await session.update(changed: [page.resolvingSymlinksInPath().path]).isEmpty)
        #expect(await session.fullBuilds == 1, "the body-only path, not a full rebuild")
        let incremental = try await Self.expectSameAsFullBuild(session, store, feedsContaining: "More words")
        #expect(incremental["products/trail-bottle/index.html"].map { String(decoding: $0, as: UTF8.self).contains("More words") } == true)
    }

    @Test("a front-matter, page or collection-file edit renders only the pages that show it, and equals a full build")
    func contentEdits() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let session = try await Self.sessionWithPictures(store)
        let edits: [(path: String, from: String, to: String)] = [
            ("Content/products/trail-bottle.md", "summary: Keeps water cold for 24 hours.", "summary: Now with a summary.\n# a comment that makes the front matter longer"),
            ("Content/pages/about.md", "We make **things**.", "We make **better things**, with [care](/shipping/)."),
            ("Content/pages/contact.md", "Write to us any time.", "Write to us, any day."),
            ("Content/collections/bottles.md", "Everything that holds a drink.", "Everything that holds a drink. A description added to the collection."),
        ]
        for (number, edit) in edits.enumerated() {
            let url = store.root.appendingPathComponent(edit.path)
            let original = try String(contentsOf: url, encoding: .utf8)
            #expect(original.contains(edit.from), "\(edit.path)")
            let edited = original.replacingOccurrences(of: edit.from, with: edit.to, options: [], range: original.range(of: edit.from))
            try store.write(edit.path, edited)
            #expect(await session.update(changed: [url.resolvingSymlinksInPath().path]).isEmpty, "\(edit.path)")
            #expect(await session.fullBuilds == 1, "\(edit.path): only the pages that show it were rendered")
            let marker = number == 0 ? "Now with a summary." : number == 3 ? "A description added" : number == 1 ? "better things" : "any day"
            let files = try await Self.expectSameAsFullBuild(session, store, feedsContaining: number == 0 ? marker : "")
            #expect(files.values.contains { String(decoding: $0, as: UTF8.self).contains(marker) }, "\(edit.path)")
        }
        // A page's new title is in every page's navigation: everything is rebuilt.
        let about = try String(contentsOf: store.root.appendingPathComponent("Content/pages/about.md"), encoding: .utf8)
        try store.write("Content/pages/about.md", about.replacingOccurrences(of: "title: About us", with: "title: Our story"))
        #expect(await session.update(changed: [store.root.appendingPathComponent("Content/pages/about.md").resolvingSymlinksInPath().path]).isEmpty)
        #expect(await session.fullBuilds == 2)
    }

    @Test("a write-up's new body saved together with a catalog edit is shown, not only the catalog's change")
    func bodyEditBesideCatalogEdit() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let session = try await Self.sessionWithPictures(store)
        let page = store.root.appendingPathComponent("Content/products/trail-bottle.md")
        let catalog = store.root.appendingPathComponent("Content/catalog.json")
        let writeUp = String(decoding: try Data(contentsOf: page), as: UTF8.self)
        try store.write("Content/products/trail-bottle.md", writeUp + "\nA sentence saved in the same moment as a price.\n")
        // The blanket shares no collection or tag with the bottle: its pages do not show the bottle.
        #expect(Fixtures.catalogJSON.contains(#""price": 89,"#))
        try store.write("Content/catalog.json", Fixtures.catalogJSON.replacingOccurrences(of: #""price": 89,"#, with: #""price": 94.75,"#))
        // One batch, as the watcher hands over edits that arrive while an update runs.
        #expect(await session.update(changed: [page.resolvingSymlinksInPath().path, catalog.resolvingSymlinksInPath().path]).isEmpty)
        #expect(await session.fullBuilds == 1, "only the affected pages were rendered")
        let files = try await Self.expectSameAsFullBuild(session, store, feedsContaining: "94.75")
        #expect(String(decoding: files["products/trail-bottle/index.html"] ?? [], as: UTF8.self).contains("A sentence saved in the same moment"))
    }

    @Test("a price or stock edit in the catalog renders only the pages that show the product, and equals a full build")
    func catalogEdit() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        let session = try await Self.sessionWithPictures(store)
        let catalog = store.root.appendingPathComponent("Content/catalog.json")
        let original = Fixtures.catalogJSON
        #expect(original.contains(#""price": "12.50""#))
        // A price, and a line added above every product (locations move, data does not).
        try store.write("Content/catalog.json", original.replacingOccurrences(of: #""price": "12.50""#, with: #""price": "14.75""#)
            .replacingOccurrences(of: "{", with: "{\n", options: [], range: original.startIndex..<original.index(after: original.startIndex)))
        #expect(await session.update(changed: [catalog.resolvingSymlinksInPath().path]).isEmpty)
        #expect(await session.fullBuilds == 1, "only the affected pages were rendered")
        let incremental = try await Self.expectSameAsFullBuild(session, store, feedsContaining: "14.75")
        #expect(String(decoding: incremental["products/camp-mug/index.html"] ?? [], as: UTF8.self).contains("14.75"))

        // A new publication date reorders the all-products listing: that is a full rebuild.
        let dated = try String(contentsOf: catalog, encoding: .utf8).replacingOccurrences(of: #""published": "2026-09-01""#, with: #""published": "2026-11-20""#)
        try store.write("Content/catalog.json", dated)
        #expect(await session.update(changed: [catalog.resolvingSymlinksInPath().path]).isEmpty)
        #expect(await session.fullBuilds == 2)
    }

    @Test("after a catalog edit, open pages reload once it is planned: a page it changed is rendered when asked, as the edit made it, while the rest render")
    func editedPagesOnRequest() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()  // every picture in the image cache: no background pass's rebuild lands in between
        // The edit's rendering waits while the gate is closed (the first build passes it open).
        let gate = LoadGate()
        let session = PreviewSession(options: store.options, load: Builder.load(_:reusing:), beforeRendering: { gate.pass() })
        try await Self.serving(store, session: session) { session, http in
            let about = try await http.request("/about/")
            #expect(about.status == 200)
            let events = await session.events()
            let generation = await session.generation
            gate.close()
            try store.write("Content/catalog.json", Fixtures.catalogJSON.replacingOccurrences(of: #""price": "12.50""#, with: #""price": "14.75""#))
            let reload = Task { () -> Int? in
                var iterator = events.makeAsyncIterator()
                return await iterator.next()
            }
            let timeout = Task {
                try await Task.sleep(for: .seconds(60))
                reload.cancel()
                gate.release()
            }
            #expect(await reload.value == generation + 1, "open pages are told to reload before the edit's pages are rendered")
            timeout.cancel()
            #expect(await session.snapshot.pending != nil, "the edit's pages are still held at the gate")
            let product = try #require(try await Self.answered(http, "/products/camp-mug/", within: .seconds(20), otherwise: { gate.release() }))
            #expect(product.status == 200 && product.text.contains("14.75") && !product.text.contains("12.50"), "the page as the edit made it")
            let listing = try await http.request("/collections/all/")
            #expect(listing.status == 200 && listing.text.contains("14.75"), "a listing that shows the product, as the edit made it")
            #expect(try await http.request("/about/").text == about.text, "a page the edit did not change, as it was")
            #expect(await session.fullBuilds == 1)

            gate.release()
            for _ in 0..<600 where await session.snapshot.pending != nil { try await Task.sleep(for: .milliseconds(50)) }
            #expect(await session.snapshot.pending == nil, "the edit's pages are all rendered")
            #expect(await session.generation == generation + 1, "and swapped in without another reload: they are the pages shown")
            #expect(try await http.request("/products/camp-mug/").text == product.text)
            #expect(try await http.request("/collections/all/").text == listing.text)
            _ = try await Self.expectSameAsFullBuild(session, store, feedsContaining: "14.75")
        }
    }

    @Test("while the first build renders, each page is rendered when asked, the same bytes the whole build writes; files only the whole build makes answer 503")
    func pagesOnDemandAtStart() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        // A build first, so the image cache has every picture: no second build after the background pass.
        try await store.build()
        // The first build waits between planning and rendering while the gate is closed.
        let gate = LoadGate()
        gate.close()
        let session = PreviewSession(options: store.options, load: Builder.load(_:reusing:), beforeRendering: { gate.pass() })
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let server = Task {
            try await PreviewServer.run(session: session, host: "127.0.0.1", port: 0, onRunning: { portSink.yield($0) }, report: { _, _ in })
        }
        defer { server.cancel() }
        var portIterator = ports.makeAsyncIterator()
        let http = RawHTTP(port: try #require(await portIterator.next()))
        #expect(try await http.request("/").status == 503, "nothing is planned yet")

        let events = await session.events()
        let building = Task { await session.rebuild() }
        var started = gate.started.makeAsyncIterator()
        _ = await started.next()
        let pages = try #require(session.pagesOnDemand, "the first build offers its pages once planned")
        let product = try await http.request("/products/brass-candle-lantern/")
        #expect(product.status == 200 && product.text.contains("<h1"), "\(product.status)")
        #expect(product.text.contains("/_showroom/reload.js"))
        #expect(try await http.request("/products/brass-candle-lantern").status == 301)
        #expect(try await http.request("/collections/all/page/999/").status == 404)
        #expect(try await http.request("/products/no-such-product/").status == 404)
        let feed = try await http.request("/feeds/google-merchant.xml")
        #expect(feed.status == 503 && feed.headers["retry-after"] == "1", "the feeds come with the whole build")
        #expect(await session.generation == 0, "nothing was swapped in while the build was held")

        gate.release()
        #expect(await building.value.isEmpty)
        #expect(session.pagesOnDemand == nil, "the whole site is served once it is built")
        // Every file of the whole build, asked of the pages on demand: the same bytes, or (feeds, sitemaps)
        // not made on demand; none missing.
        let whole = await session.snapshot.files
        var notMadeOnDemand: [String] = []
        for (path, bytes) in whole.sorted(by: { $0.key < $1.key }) {
            switch pages.file(path) {
            case .file(let rendered): #expect(rendered == bytes, "\(path) differs from the whole build")
            case .notFound: Issue.record("\(path) is in the whole build but not found on demand")
            case .notYet: notMadeOnDemand.append(path)
            }
        }
        #expect(whole.count > 100 && notMadeOnDemand.count < 20, "\(whole.count) files, \(notMadeOnDemand.count) not on demand")
        #expect(notMadeOnDemand.allSatisfy { $0.hasPrefix("feeds/") || $0.hasPrefix("sitemap") || $0 == "robots.txt" }, "\(notMadeOnDemand)")
        #expect(try await http.request("/products/brass-candle-lantern/").text == product.text, "the page shown early is the page built")
        // The pages shown early are the built ones: open pages are not told to reload.
        let reload = Task { () -> Int? in
            var iterator = events.makeAsyncIterator()
            return await iterator.next()
        }
        try await Task.sleep(for: .milliseconds(500))
        reload.cancel()
        #expect(await reload.value == nil)
    }

    @Test("a store that is broken when the server starts gets an error page until it builds")
    func brokenAtStart() async throws {
        var files = Fixtures.store()
        files["Content/catalog.json"] = "{\"products\": [}"
        let store = try FixtureStore(files)
        defer { store.cleanUp() }
        try await Self.serving(store, builds: false) { session, http in
            let broken = try await http.request("/products/camp-mug/")
            #expect(broken.status == 500)
            #expect(broken.text.contains("The store does not build yet"))
            #expect(broken.text.contains("Content/catalog.json:1:"))
            #expect(broken.text.contains("/_showroom/reload.js"), "it reloads when fixed")

            _ = try await Self.afterRebuild(session) { try store.write("Content/catalog.json", Fixtures.catalogJSON) }
            #expect(try await http.request("/products/camp-mug/").status == 200)
        }
    }
}

/// Holds every store load that starts while it is closed, and announces each one it holds: a test can
/// catch a preview build in the middle without timing it.
final class LoadGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var open = true
    let started: AsyncStream<Void>
    private let startedSink: AsyncStream<Void>.Continuation

    init() { (started, startedSink) = AsyncStream.makeStream() }

    func close() { condition.withLock { open = false } }

    func release() {
        condition.withLock {
            open = true
            condition.broadcast()
        }
    }

    /// Called by the load: waits while the gate is closed.
    func pass() {
        condition.withLock {
            if !open { startedSink.yield() }
            while !open { condition.wait() }
        }
    }
}

/// Whether a test is still editing, read by its client tasks.
final class EditingFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var on = true
    var isOn: Bool {
        get { lock.withLock { on } }
        set { lock.withLock { on = newValue } }
    }
}
