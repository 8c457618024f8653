import Foundation
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomImport
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport
@testable import ShowroomTemplates

/// A store written to a temporary folder from a dictionary of files, built and inspected by tests.
struct FixtureStore {
    let root: URL

    /// The repository (for the sample store and the default theme).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    init(_ files: [String: String], copyingDefaultTheme: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if copyingDefaultTheme {
            try FileManager.default.createDirectory(at: root.appendingPathComponent("Themes"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("Themes/default"),
                                             to: root.appendingPathComponent("Themes/default"))
        }
        for (path, contents) in files { try write(path, contents) }
    }

    /// A copy of the repository's sample store and default theme.
    static func sampleStore() throws -> FixtureStore {
        let store = try FixtureStore([:], copyingDefaultTheme: true)
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Content"), to: store.root.appendingPathComponent("Content"))
        return store
    }

    /// Text, or a picture made from a `TestPictures` spec (`picture:mug`).
    func write(_ path: String, _ contents: String) throws {
        try write(path, TestPictures.isSpec(contents) ? try TestPictures.make(contents) : Data(contents.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

    var options: BuildOptions {
        var options = BuildOptions(contentDirectory: root.appendingPathComponent("Content").path, themesDirectory: root.appendingPathComponent("Themes").path,
                                   outputDirectory: root.appendingPathComponent("Public").path, workers: 2)
        // Every test store shares one cache (entries are named by content, so a picture is encoded once per
        // run); pruning would drop other stores' entries.
        options.imageCacheDirectory = Self.sharedImageCache.path
        options.prunesImageCache = false
        return options
    }

    static let sharedImageCache = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-test-image-cache")

    @discardableResult
    func build(_ adjust: (inout BuildOptions) -> Void = { _ in }) async throws -> BuildSummary {
        var options = self.options
        adjust(&options)
        return try await Builder.build(options)
    }

    /// Builds and returns the errors (the build is expected to fail).
    func buildErrors() async -> [Diagnostic] {
        do {
            _ = try await Builder.build(options)
            return []
        } catch {
            return error.errors
        }
    }

    var output: URL { root.appendingPathComponent("Public") }

    /// Every file of the output, relative to it, sorted.
    func outputFiles() -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let prefix = output.standardizedFileURL.path.count + 1
        var files: [String] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            files.append(String(url.standardizedFileURL.path.dropFirst(prefix)))
        }
        return files.sorted()
    }

    func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: output.appendingPathComponent(path)))
    }

    func html(_ path: String) throws -> HTMLDocument {
        try HTMLDocument(try bytes(path), url: path)
    }

    /// Names in the store's root folder (to check that no staging folder is left behind).
    func rootEntries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    }

    func cleanUp() { try? FileManager.default.removeItem(at: root) }
}
