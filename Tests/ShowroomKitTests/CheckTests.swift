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

/// `showroom check`: every rule is triggered by one change to a clean fixture store, and the clean store
/// triggers none.
@Suite("showroom check")
struct CheckTests {
    /// The fixture store with nothing to report: every product branded, identified and in a collection.
    static let cleanCatalog = Fixtures.catalogJSON
        .replacingOccurrences(of: #""title": "Wool Blanket","#, with: #""title": "Wool Blanket", "brand": "Fixture", "mpn": "WB-1","#)
        .replacingOccurrences(of: #""title": "Not yet","#, with: #""title": "Not yet", "images": ["media/mug.jpg"],"#)

    /// The fixture's site, selling through Snipcart (which needs no ids in the catalog).
    static let cleanSiteJSON = Fixtures.siteJSON.replacingOccurrences(
        of: #""theme": "test","#, with: #""theme": "test", "checkout": {"provider": "snipcart", "public_api_key": "test-key"},"#)

    static func cleanStore() -> [String: String] {
        var files = Fixtures.store()
        files["Content/catalog.json"] = cleanCatalog
        files["Content/site.json"] = cleanSiteJSON
        return files
    }

    /// A change to the store's files, or to the built output (then the check reads the site as it is).
    enum Change: Sendable {
        case content([String: String])
        case output(@Sendable (FixtureStore) throws -> Void)
    }

    static func findings(_ change: Change?, external: Bool = false) async throws -> [Diagnostic] {
        var files = cleanStore()
        if case .content(let changes)? = change { for (path, text) in changes { files[path] = text } }
        let store = try FixtureStore(files)
        defer { store.cleanUp() }
        var build = true
        if case .output(let edit)? = change {
            try await store.build()
            try edit(store)
            build = false
        }
        return await Checker.check(store.options, build: build, external: external).findings
    }

    static func editOutput(_ path: String, _ edit: @escaping @Sendable (String) -> String) -> Change {
        .output { store in
            let text = String(decoding: try store.bytes(path), as: UTF8.self)
            try store.write("Public/" + path, edit(text))
        }
    }

    static func insert(_ html: String, into path: String = "about/index.html") -> Change {
        editOutput(path) { $0.replacingOccurrences(of: "</main>", with: html + "</main>") }
    }

    static func catalog(_ from: String, _ to: String) -> Change {
        .content(["Content/catalog.json": cleanCatalog.replacingOccurrences(of: from, with: to)])
    }

    static let cases: [(rule: String, change: Change)] = [
        ("links/broken", insert(#"<a href="/no-such-page/">x</a>"#)),
        ("links/anchor", insert(##"<a href="/contact/#nowhere">x</a>"##)),
        ("html/missing-alt", insert(#"<img src="/media/mug.jpg">"#)),
        ("html/missing-title", editOutput("about/index.html") { $0.replacingOccurrences(of: #"<title>About us · Fixture Goods</title>"#, with: "") }),
        ("html/missing-description", editOutput("about/index.html") { $0.replacingOccurrences(of: #"<meta name="description" content="Who we are">"#, with: "") }),
        ("html/duplicate-id", insert(#"<p id="twice">a</p><p id="twice">b</p>"#)),
        ("html/parse-error", insert("<p>a</b></p>")),
        ("catalog/gtin", catalog(#""gtin": "96385074""#, #""gtin": "96385075""#)),
        ("catalog/sale-price", catalog(#""sale_price": "19.00""#, #""sale_price": "24.00""#)),
        ("catalog/missing-brand", catalog(#""title": "Wool Blanket", "brand": "Fixture","#, #""title": "Wool Blanket","#)),
        ("catalog/missing-identifiers", catalog(#""mpn": "WB-1","#, "")),
        ("catalog/missing-image", catalog(#""images": ["media/blanket.jpg"]"#, #""images": []"#)),
        ("catalog/large-image", .content(["Content/media/blanket.jpg": "picture:blanket;width=1100;height=1100;noise;quality=100"])),
        ("catalog/title-too-long", catalog(#""title": "Camp Mug""#, "\"title\": \"\(String(repeating: "Camp Mug ", count: 18))\"")),
        ("catalog/description-too-long", .content(["Content/products/camp-mug.md": String(repeating: "A sturdy enamel mug for camp. ", count: 180)])),
        ("catalog/duplicate-title", catalog(#""title": "Camp Mug""#, #""title": "Wool Blanket""#)),
        ("catalog/duplicate-description", .content(["Content/products/camp-mug.md": "Made in Portland.\n", "Content/products/wool-blanket.md": "Made in Portland.\n"])),
        ("catalog/no-collection", catalog(#""collections": ["home"],"#, "")),
        ("trust/seller-identity", .content(["Content/site.json": cleanSiteJSON.replacingOccurrences(of: #""phone": "+1 503 555 0100","#, with: "")])),
        ("trust/policies", .content(["Content/site.json": cleanSiteJSON.replacingOccurrences(of: #""returns": { "days": 30, "fees": "free", "method": "by_mail" },"#, with: "")])),
        ("trust/not-shown", editOutput("contact/index.html") { $0.replacingOccurrences(of: "hello@example.com", with: "") }),
        ("checkout/none", .content(["Content/site.json": Fixtures.siteJSON])),
        // Payment links need a link per item: the fixture's catalog has none.
        ("checkout/not-sellable", .content(["Content/site.json": cleanSiteJSON.replacingOccurrences(
            of: #"{"provider": "snipcart", "public_api_key": "test-key"}"#, with: #"{"provider": "links"}"#)])),
        ("checkout/currencies", catalog(#""title": "Camp Mug","#, #""title": "Camp Mug", "currency": "EUR","#)),
        ("images/too-small", .content(["Content/media/mug.jpg": "picture:mug;width=64;height=64"])),
        ("images/cmyk", .content(["Content/media/mug.jpg": "picture:mug;cmyk"])),
        ("images/remote", catalog(#""images": ["media/blanket.jpg"]"#, #""images": ["https://cdn.example.com/blanket.jpg"]"#)),
        ("images/first-screen", .content(["Content/site.json": cleanSiteJSON.replacingOccurrences(of: #""theme": "test","#, with: #""theme": "test", "checks": {"first_screen_image_kb": 50},"#),
                                          "Content/media/blanket.jpg": "picture:blanket;width=1000;height=1000;noise"])),
        ("consistency/offer", editOutput("feeds/google-merchant.xml") { $0.replacingOccurrences(of: "<g:price>12.50 USD</g:price>", with: "<g:price>11.50 USD</g:price>") }),
    ]

    @Test("the clean fixture store has no findings")
    func clean() async throws {
        let findings = try await Self.findings(nil)
        #expect(findings.map(\.description) == [])
    }

    @Test("each rule fires on the change that breaks it, at a place, and only that rule", arguments: Self.cases.indices)
    func rule(_ index: Int) async throws {
        let (rule, change) = Self.cases[index]
        let findings = try await Self.findings(change)
        #expect(findings.contains { $0.rule?.rawValue == rule }, "\(rule) did not fire: \(findings.map(\.description))")
        #expect(findings.allSatisfy { $0.location != nil }, "every finding has a place")
        let others = findings.filter { $0.rule?.rawValue != rule && !(rule == "catalog/duplicate-title" && $0.rule == .catalogDuplicateDescription) }
        #expect(others.map(\.description) == [], "\(rule) changed nothing else")
    }

    @Test("every rule has a test")
    func coverage() {
        // links/external is tested against a local server in CLITests.externalLinks; the host/ rules, which
        // only --host applies, with sites past each host's limits in HostLimitTests.hostLimits; search/index
        // against a search index with a product taken out, in SearchTests.indexMatchesCatalog.
        let elsewhere: Set<String> = ["links/external", "host/file-count", "host/file-size", "host/files-per-folder", "host/path-length", "search/index"]
        #expect(Set(Self.cases.map(\.rule)).union(elsewhere) == Set(CheckRules.ids))
    }

    @Test("external links are listed, not fetched, without --external")
    func externalLinksListed() async throws {
        let store = try FixtureStore(Self.cleanStore())
        defer { store.cleanUp() }
        try await store.build()
        try store.write("Public/about/index.html", String(decoding: try store.bytes("about/index.html"), as: UTF8.self)
            .replacingOccurrences(of: "</main>", with: #"<a href="https://example.org/a">a</a><a href="https://shop.example.com/about/">self</a></main>"#))
        let report = await Checker.check(store.options, build: false)
        #expect(report.findings.isEmpty)
        #expect(report.externalLinks.contains("https://example.org/a"))
        #expect(!report.externalLinks.contains { $0.hasPrefix("https://shop.example.com") }, "links to the site's own absolute URLs are internal")
    }

    @Test("silencing a rule needs a known rule id and a reason")
    func silencing() async throws {
        let silenced = Self.cleanSiteJSON.replacingOccurrences(of: #""theme": "test","#, with: #""theme": "test", "checks": {"ignore": {"catalog/no-collection": "sold only through the link in our newsletter"}},"#)
        let findings = try await Self.findings(.content(["Content/site.json": silenced,
                                                         "Content/catalog.json": Self.cleanStore()["Content/catalog.json"]!.replacingOccurrences(of: #""collections": ["home"],"#, with: "")]))
        #expect(findings.isEmpty)

        let bad = Self.cleanSiteJSON.replacingOccurrences(of: #""theme": "test","#, with: #""theme": "test", "checks": {"ignore": {"catalog/no-colection": "x", "html/missing-alt": ""}},"#)
        let errors = try await Self.findings(.content(["Content/site.json": bad]))
        #expect(errors.map(\.message) == ["\"catalog/no-colection\" is not a check rule", "silencing \"html/missing-alt\" needs a reason"])
        #expect(errors.first?.hint?.hasPrefix("did you mean \"catalog/no-collection\"?") == true)
    }

    @Test("report formats: GitHub annotations and JSON carry rule, file and line")
    func formats() async throws {
        var files = Self.cleanStore()
        files["Content/catalog.json"] = Self.cleanStore()["Content/catalog.json"]!.replacingOccurrences(of: #""collections": ["home"],"#, with: "")
        let store = try FixtureStore(files)
        defer { store.cleanUp() }
        let report = await Checker.check(store.options)
        #expect(!report.failed(strict: false) && report.failed(strict: true), "a warning fails only with --strict")
        let github = report.github().split(separator: "\n")
        #expect(github.first?.hasPrefix("::warning file=") == true)
        #expect(github.first?.contains(",line=31,col=5,title=catalog/no-collection::\"wool-blanket\" is in no collection%0Afix: ") == true, "\(github)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["rule"] as? String == "catalog/no-collection" && finding["line"] as? Int == 31 && finding["severity"] as? String == "warning")
        #expect((json["summary"] as? [String: Any])?["warnings"] as? Int == 1)
    }
}
