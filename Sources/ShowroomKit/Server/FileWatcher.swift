import Foundation

/// Notices edits under the content and theme folders by polling file sizes and modification times
/// (portable, and cheap enough at a few hundred milliseconds; inotify would be the next step).
struct FileWatcher: Sendable {
    let folders: [URL]
    var interval: Duration = .milliseconds(250)

    /// Calls `changed` after every poll that finds a difference, until the task is cancelled.
    func run(_ changed: @Sendable () async -> Void) async {
        var last = signature()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = signature()
            if now != last {
                last = now
                await changed()
            }
        }
    }

    /// Every file's path, size and modification time.
    func signature() -> [String: String] {
        var result: [String: String] = [:]
        let keys: [URLResourceKey] = [.isRegularFileKey, .fileSizeKey, .contentModificationDateKey]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(at: folder.resolvingSymlinksInPath(), includingPropertiesForKeys: keys) else { continue }
            for case let url as URL in enumerator {
                guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
                result[url.path] = "\(values.fileSize ?? 0) \(values.contentModificationDate?.timeIntervalSince1970 ?? 0)"
            }
        }
        return result
    }
}
