import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// Notices edits under the content and theme folders and reports which files changed. On Linux it
/// listens to inotify (instant, no work while nothing happens); elsewhere, or when inotify cannot cover
/// every folder (the system's watch limit, a watched root moved or deleted), it compares file sizes and
/// modification times every quarter second. Whenever events may have been lost, it reports the roots
/// themselves, which makes the preview rebuild everything rather than miss an edit.
struct FileWatcher: Sendable {
    let folders: [URL]
    var interval: Duration = .milliseconds(250)
    /// Tests: pretend the system allows only this many inotify watches.
    var watchLimit: Int?

    /// Calls `changed` with the paths (symlinks resolved) that changed, until the task is cancelled;
    /// `ready` once every folder is watched (or the polling baseline taken), so later edits are seen.
    func run(ready: @Sendable () -> Void = {}, _ changed: @Sendable (Set<String>) async -> Void) async {
        var pending: Set<String> = []
        var announced = false
        #if canImport(Glibc)
        if let notifier = INotify(folders: folders.map { $0.resolvingSymlinksInPath().path }, watchLimit: watchLimit) {
            ready()
            announced = true
            pending = await notifier.run(changed)
            if Task.isCancelled { return }
            // inotify no longer covers every folder: poll from here on.
        }
        #endif
        // The baseline comes before the pending report: an edit made while that rebuild runs is still seen.
        var last = signature()
        if !announced { ready() }
        if !pending.isEmpty { await changed(pending) }
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = signature()
            guard now != last else { continue }
            let paths = Set(now.keys.filter { now[$0] != last[$0] }).union(last.keys.filter { now[$0] == nil })
            last = now
            await changed(paths)
        }
    }

    /// Every file's path, size and modification time.
    func signature() -> [String: String] {
        var result: [String: String] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            let root = folder.resolvingSymlinksInPath()
            guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                result[url.path] = "\(values.fileSize ?? 0) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
            }
        }
        return result
    }
}

#if canImport(Glibc)
/// inotify watches on every folder below the roots (folders created later are watched as they appear).
final class INotify: @unchecked Sendable {
    private let descriptor: Int32
    private let roots: [String]
    private let watchLimit: Int?
    private var folderByWatch: [Int32: String] = [:]
    /// Some folder could not be watched (ENOSPC: the system's limit on watches) or a root went away:
    /// edits there would be missed, so the watcher falls back to polling.
    private(set) var incomplete = false
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF)

    init?(folders: [String], watchLimit: Int? = nil) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        roots = folders
        self.watchLimit = watchLimit
        guard descriptor >= 0 else { return nil }
        for folder in folders { watchTree(folder) }
        guard !folderByWatch.isEmpty, !incomplete else { return nil }  // deinit closes the descriptor
    }

    deinit { close(descriptor) }

    private func watchTree(_ path: String) {
        let watch = folderByWatch.count < (watchLimit ?? .max) ? inotify_add_watch(descriptor, path, Self.mask) : -1
        guard watch >= 0 else {
            // A folder that vanished meanwhile needs no watch; any other failure leaves edits unseen.
            if FileManager.default.fileExists(atPath: path) { incomplete = true }
            return
        }
        folderByWatch[watch] = path
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for child in children {
            var isDirectory: ObjCBool = false
            let full = path + "/" + child
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue { watchTree(full) }
        }
    }

    /// Watches every folder again from the roots: after a folder moved, its watch still follows it under
    /// its old name.
    private func rewatch() {
        for watch in folderByWatch.keys { inotify_rm_watch(descriptor, watch) }
        folderByWatch = [:]
        for root in roots { watchTree(root) }
    }

    /// Reports changes until cancelled, or until inotify cannot cover every folder any more; then returns
    /// what is left to report (with the roots, so everything is rebuilt) for the poller to send.
    func run(_ changed: @Sendable (Set<String>) async -> Void) async -> Set<String> {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !Task.isCancelled {
            var paths = Set<String>()
            drain(into: &paths, buffer: &buffer)
            if incomplete { return paths.union(roots) }
            if paths.isEmpty {
                try? await Task.sleep(for: .milliseconds(20))
                continue
            }
            // Editors write in bursts (temporary file, rename, metadata): gather the burst, then report once.
            try? await Task.sleep(for: .milliseconds(15))
            drain(into: &paths, buffer: &buffer)
            if incomplete { return paths.union(roots) }
            await changed(paths)
        }
        return []
    }

    private func drain(into paths: inout Set<String>, buffer: inout [UInt8]) {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { return }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.load(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let name = String(decoding: buffer[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }, as: UTF8.self)
                handle(watch: watch, mask: mask, name: name, into: &paths)
                offset = nameStart + length
            }
        }
    }

    /// One event: the path it names goes into `paths`; events that mean others were lost or that the
    /// watches no longer match the folders put the roots in (a full rebuild) and repair the watches.
    func handle(watch: Int32, mask: UInt32, name: String, into paths: inout Set<String>) {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            // The kernel's queue overflowed: some edits are unknown.
            paths.formUnion(roots)
            return
        }
        guard let folder = folderByWatch[watch] else { return }
        if mask & UInt32(IN_IGNORED) != 0 {
            // The watch is gone (its folder deleted or moved away); a root's loss leaves nothing watched there.
            folderByWatch[watch] = nil
            paths.insert(folder)
            if roots.contains(folder) { incomplete = true }
            return
        }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            paths.insert(folder)
            if roots.contains(folder) { incomplete = true }
            return
        }
        let path = name.isEmpty ? folder : folder + "/" + name
        paths.insert(path)
        guard mask & UInt32(IN_ISDIR) != 0 else { return }
        if mask & UInt32(IN_MOVED_FROM | IN_MOVED_TO) != 0 {
            // A folder moved: files below it changed paths, and its watches still name the old ones.
            paths.formUnion(roots)
            rewatch()
        } else if mask & UInt32(IN_CREATE) != 0 {
            watchTree(path)
        }
    }
}
#endif
