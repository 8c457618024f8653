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

#if canImport(Glibc)
import Glibc

/// The preview's file watcher: edits are reported with their real paths, and whenever inotify cannot see
/// everything (the system's watch limit, a lost event queue, folders moved) it says so by reporting the
/// roots, or falls back to polling, instead of silently missing edits.
@Suite("File watcher")
struct FileWatcherTests {
    /// Collects what a watcher reports.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [Set<String>] = []

        func add(_ paths: Set<String>) { lock.withLock { all.append(paths) } }
        var paths: Set<String> { lock.withLock { all.reduce(into: Set<String>()) { $0.formUnion($1) } } }
    }

    static func folder() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("showroom-watch-\(UUID().uuidString)").resolvingSymlinksInPath()
        for sub in ["a", "b", "c"] { try FileManager.default.createDirectory(at: root.appendingPathComponent(sub), withIntermediateDirectories: true) }
        return root
    }

    /// Starts `watcher` reporting into `reports` and returns once it watches (or has its polling baseline):
    /// an edit made after a fixed pause instead was lost on a busy machine. Cancel the task to stop it.
    static func started(_ watcher: FileWatcher, reporting reports: Reports) async -> Task<Void, Never> {
        let (ready, readySink) = AsyncStream<Void>.makeStream()
        let task = Task { await watcher.run(ready: { readySink.finish() }) { reports.add($0) } }
        for await _ in ready {}
        return task
    }

    /// Runs `watcher`, performs `edit` once it watches, and returns what was reported once `expected` is among it (or after 15 s).
    static func watch(_ watcher: FileWatcher, edit: () throws -> Void, until expected: @escaping (Set<String>) -> Bool) async throws -> Set<String> {
        let reports = Reports()
        let task = await started(watcher, reporting: reports)
        defer { task.cancel() }
        try edit()
        for _ in 0..<300 where !expected(reports.paths) { try await Task.sleep(for: .milliseconds(50)) }
        return reports.paths
    }

    @Test("an edit in a folder beyond the system's watch limit is still seen (polling takes over)")
    func watchLimit() async throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("c/product.md").path
        var watcher = FileWatcher(folders: [root], interval: .milliseconds(50))
        watcher.watchLimit = 2  // the root and one subfolder: as if inotify_add_watch failed with ENOSPC after that
        let seen = try await Self.watch(watcher, edit: { try Data("x".utf8).write(to: URL(fileURLWithPath: file)) }, until: { $0.contains(file) })
        #expect(seen.contains(file), "\(seen)")
    }

    @Test("after a folder is renamed, everything is rebuilt once, and later edits inside it are reported under its new name")
    func movedFolder() async throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let moved = root.appendingPathComponent("renamed/x.md").path
        let reports = Reports()
        let task = await Self.started(FileWatcher(folders: [root], interval: .milliseconds(50)), reporting: reports)
        defer { task.cancel() }
        try FileManager.default.moveItem(at: root.appendingPathComponent("a"), to: root.appendingPathComponent("renamed"))
        for _ in 0..<300 where !reports.paths.contains(root.path) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(reports.paths.contains(root.path), "a moved folder rebuilds everything: \(reports.paths)")
        try Data("x".utf8).write(to: URL(fileURLWithPath: moved))
        for _ in 0..<300 where !reports.paths.contains(moved) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(reports.paths.contains(moved), "\(reports.paths)")
        #expect(!reports.paths.contains(root.appendingPathComponent("a/x.md").path), "the old name is not reported for the new file")
    }

    @Test("a lost event queue (IN_Q_OVERFLOW) reports the roots, so everything is rebuilt")
    func overflow() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(at: root) }
        let notifier = try #require(INotify(folders: [root.path]))
        var paths = Set<String>()
        notifier.handle(watch: -1, mask: UInt32(IN_Q_OVERFLOW), name: "", into: &paths)
        #expect(paths == [root.path])
        #expect(!notifier.incomplete)
    }

    @Test("a watched root that is deleted leaves inotify: the roots are reported and polling takes over")
    func rootRemoved() async throws {
        let parent = try Self.folder()
        defer { try? FileManager.default.removeItem(at: parent) }
        let root = parent.appendingPathComponent("b")
        let file = root.appendingPathComponent("again.md").path
        let reports = Reports()
        let task = await Self.started(FileWatcher(folders: [root], interval: .milliseconds(50)), reporting: reports)
        defer { task.cancel() }
        try FileManager.default.removeItem(at: root)
        for _ in 0..<300 where !reports.paths.contains(root.path) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(reports.paths.contains(root.path), "\(reports.paths)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        for _ in 0..<300 where !reports.paths.contains(file) { try await Task.sleep(for: .milliseconds(50)) }
        #expect(reports.paths.contains(file), "an edit in the re-created folder is seen: \(reports.paths)")
    }
}
#endif
