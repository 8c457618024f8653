import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomSupport

/// `showroom check --host`: a built site held against what its host documents (issue 27).
@Suite("Host limits")
struct HostLimitTests {
    @Test("check --host reports what a host refuses: files, file size, files in a folder, path length")
    func hostLimits() {
        let mebibyte = HostLimits.mebibyte
        func audit(_ host: HostLimits.Host, _ files: [(path: String, bytes: Int)]) -> [Diagnostic] {
            HostAudit(limits: .of(host), display: "Public", files: files).run()
        }
        let small = [("index.html", 2_000), ("feeds/google-merchant.xml.gz", 3 * mebibyte)]
        for host in HostLimits.Host.allCases { #expect(audit(host, small).isEmpty, "\(host)") }

        // Cloudflare Pages: 25 MiB a file; 20,000 files on the Free plan (a warning), 100,000 on paid ones.
        let big = audit(.cloudflarePages, small + [("feeds/meta-catalog.csv", 25 * mebibyte + 1)])
        #expect(big.map(\.rule) == [.hostFileSize])
        #expect(big.first?.location?.file == "Public/feeds/meta-catalog.csv")
        #expect(big.first?.severity == .error)
        #expect(big.first?.message == "the file is 25.0 MiB; cloudflare-pages serves files of at most 25.0 MiB")
        #expect(audit(.cloudflarePages, small + [("exactly.bin", 25 * mebibyte)]).isEmpty)
        let pages = { (count: Int) in (0..<count).map { (path: "products/p\($0)/index.html", bytes: 10) } }
        #expect(audit(.cloudflarePages, pages(20_000)).isEmpty)
        let free = audit(.cloudflarePages, pages(20_001))
        #expect(free.map(\.rule) == [.hostFileCount] && free.first?.severity == .warning)
        #expect(free.first?.message == "the site has 20,001 files (200,010 bytes); cloudflare-pages's Free plan takes at most 20,000, a paid plan 100,000")
        let over = audit(.cloudflarePages, pages(100_001))
        #expect(over.map(\.rule) == [.hostFileCount] && over.first?.severity == .error)
        #expect(audit(.netlify, pages(100_001)).isEmpty, "Netlify has no limit on files per deploy")

        // Netlify: 54,000 files in one folder.
        let folder = (0..<54_001).map { (path: "img/picture-\($0).webp", bytes: 10) }
        let crowded = audit(.netlify, folder + small)
        #expect(crowded.map(\.rule) == [.hostFilesPerFolder])
        #expect(crowded.first?.location?.file == "Public/img")
        #expect(audit(.netlify, Array(folder.dropLast())).isEmpty)

        // S3: a key is at most 1,024 bytes of UTF-8.
        let long = "products/" + String(repeating: "é", count: 504) + "/index.html"  // 9 + 1,008 + 11 = 1,028 bytes
        #expect(audit(.s3, [(long, 10)]).map(\.rule) == [.hostPathLength])
        #expect(audit(.s3, [(String(long.dropFirst(4)), 10)]).isEmpty, "1,024 bytes is allowed")
    }

    @Test("check --host passes the fixture store and reads real file sizes")
    func hostCheckEndToEnd() async throws {
        let store = try FixtureStore(Fixtures.store())
        defer { store.cleanUp() }
        try await store.build()
        for host in HostLimits.Host.allCases {
            let report = await Checker.check(store.options, build: false, host: .of(host))
            #expect(!report.findings.contains { $0.rule?.rawValue.hasPrefix("host/") == true }, "\(host)")
        }
        let root = store.root.appendingPathComponent("Public")
        let audit = HostAudit(limits: .of(.s3), root: root, display: "Public", paths: ["index.html"])
        #expect(audit.files.first?.bytes == (try store.bytes("index.html")).count)
    }
}
