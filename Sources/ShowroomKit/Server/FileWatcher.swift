import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Notices edits under the content and theme folders and reports which files changed. On Linux it
/// listens to inotify (instant, no work while nothing happens); elsewhere, or if inotify is not
/// available, it compares file sizes and modification times every quarter second.
struct FileWatcher: Sendable {
    let folders: [URL]
    var interval: Duration = .milliseconds(250)

    /// Calls `changed` with the paths (symlinks resolved) that changed, until the task is cancelled.
    func run(_ changed: @Sendable (Set<String>) async -> Void) async {
        #if canImport(Glibc)
        if let notifier = INotify(folders: folders.map { $0.resolvingSymlinksInPath() }) {
            await notifier.run(changed)
            return
        }
        #endif
        var last = signature()
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
private final class INotify: @unchecked Sendable {
    private let descriptor: Int32
    private var folderByWatch: [Int32: String] = [:]
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE)

    init?(folders: [URL]) {
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for folder in folders { watchTree(folder.path) }
        guard !folderByWatch.isEmpty else { return nil }  // deinit closes the descriptor
    }

    deinit { close(descriptor) }

    private func watchTree(_ path: String) {
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        guard watch >= 0 else { return }
        folderByWatch[watch] = path
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for child in children {
            var isDirectory: ObjCBool = false
            let full = path + "/" + child
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue { watchTree(full) }
        }
    }

    func run(_ changed: @Sendable (Set<String>) async -> Void) async {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !Task.isCancelled {
            var paths = Set<String>()
            drain(into: &paths, buffer: &buffer)
            if paths.isEmpty {
                try? await Task.sleep(for: .milliseconds(20))
                continue
            }
            // Editors write in bursts (temporary file, rename, metadata): gather the burst, then report once.
            try? await Task.sleep(for: .milliseconds(15))
            drain(into: &paths, buffer: &buffer)
            await changed(paths)
        }
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
                let nameBytes = buffer[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }
                if let folder = folderByWatch[watch] {
                    let path = nameBytes.isEmpty ? folder : folder + "/" + String(decoding: nameBytes, as: UTF8.self)
                    paths.insert(path)
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(path) }
                }
                offset = nameStart + length
            }
        }
    }
}
#endif
