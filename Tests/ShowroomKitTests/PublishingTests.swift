import Foundation
import Testing
import Yams

/// The publishing recipes in `.github/workflows/`: valid GitHub workflows (checked against GitHub's schema
/// with check-jsonschema), every deploy built by the one build workflow, and that workflow's Showroom
/// steps run here, as written, on the sample store.
@Suite("Publishing workflows")
struct PublishingTests {
    static let folder = FixtureStore.repositoryRoot.appendingPathComponent(".github/workflows")
    static let checker = FixtureStore.repositoryRoot.appendingPathComponent(".build-tools/venv/bin/check-jsonschema")
    static let deploys = ["deploy-cloudflare-pages.yml", "deploy-netlify.yml", "deploy-s3-cloudfront.yml", "deploy-rsync.yml"]

    static func workflow(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(name) is not a YAML mapping")
    }

    @Test("every workflow passes GitHub's workflow schema, and a broken one does not")
    func schema() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.checker.path), "scripts/test installs check-jsonschema into .build-tools/venv")
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yml") }.sorted()
        #expect(files == (["build-store.yml"] + Self.deploys).sorted())
        let (status, printed) = try await Subprocess.runOffPool(Self.checker, ["--builtin-schema", "vendor.github-workflows"] + files.map { Self.folder.appendingPathComponent($0).path })
        #expect(status == 0, "\(printed)")

        // The validator does reject a workflow GitHub would refuse (a job with neither steps nor a called workflow).
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-broken-\(UUID().uuidString).yml")
        defer { try? FileManager.default.removeItem(at: broken) }
        try Data("name: Broken\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps: run scripts/test\n".utf8).write(to: broken)
        #expect(try await Subprocess.runOffPool(Self.checker, ["--builtin-schema", "vendor.github-workflows", broken.path]).0 != 0)
    }

    @Test("every deploy publishes what the build workflow built and checked, and runs only for its own host")
    func deploysUseTheBuild() throws {
        for name in Self.deploys {
            let jobs = try #require(try Self.workflow(name)["jobs"] as? [String: Any], "\(name)")
            let build = try #require(jobs["build"] as? [String: Any], "\(name)")
            #expect(build["uses"] as? String == "./.github/workflows/build-store.yml", "\(name)")
            let host = name.dropFirst("deploy-".count).dropLast(".yml".count).replacingOccurrences(of: "-cloudfront", with: "")
            #expect(build["if"] as? String == "${{ vars.DEPLOY_TO == '\(host)' }}", "\(name)")
            let deploy = try #require(jobs["deploy"] as? [String: Any], "\(name)")
            #expect(deploy["needs"] as? String == "build", "\(name)")
            let steps = try #require(deploy["steps"] as? [[String: Any]], "\(name)")
            let download = try #require(steps.first, "\(name)")
            #expect(download["uses"] as? String == "actions/download-artifact@v4" && (download["with"] as? [String: Any])?["name"] as? String == "site", "\(name)")
        }
    }

    @Test("the build workflow's Showroom steps, run as written, build and pass the strict check on the sample store; the README shows them")
    func buildStepsWork() async throws {
        let jobs = try #require(try Self.workflow("build-store.yml")["jobs"] as? [String: Any])
        let steps = try #require((jobs["build"] as? [String: Any])?["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }
        #expect(commands.first == "scripts/test", "the tool's own tests run before a deploy")
        let showroom = commands.filter { $0.hasPrefix(".build/release/showroom ") }
        #expect(showroom.count == 2 && showroom[0].contains(" build") && showroom[1].contains(" check"), "\(commands)")

        let store = try FixtureStore.sampleStore()
        defer { store.cleanUp() }
        // As the workflow's cache step would: pictures other tests encoded are not encoded again.
        try? FileManager.default.createDirectory(at: store.root.appendingPathComponent(".showroom"), withIntermediateDirectories: true)
        try? FileManager.default.copyItem(at: FixtureStore.sharedImageCache, to: store.root.appendingPathComponent(".showroom/images"))
        #expect(steps.contains { ($0["uses"] as? String)?.hasPrefix("actions/cache@") == true && ($0["with"] as? [String: Any])?["path"] as? String == ".showroom/images" })
        for command in showroom {
            let arguments = command.dropFirst(".build/release/showroom ".count).split(separator: " ").map(String.init)
            let (status, printed) = try await Subprocess.runOffPool(CLITests.binary, arguments, in: store.root, environment: ["SHOWROOM_BASE_URL": "https://shop.example.com"])
            #expect(status == 0, "\(command): \(printed)")
        }
        #expect(FileManager.default.fileExists(atPath: store.root.appendingPathComponent("build-report.json").path))
        let canonical = try store.html("index.html").first("//link[@rel='canonical']")?["href"]
        #expect(canonical == "https://shop.example.com/", "the base URL comes from the workflow's SHOWROOM_BASE_URL")

        let readme = try String(contentsOf: FixtureStore.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for command in commands { #expect(readme.contains(command), "README › Publishing shows \(command)") }
        #expect(!readme.contains("deploy-pages"), "GitHub Pages' terms exclude stores: the README must not send one there")
    }
}
