import Foundation

/// Regular files below `root`, as paths relative to it, sorted (output never depends on the order the
/// file system lists them in); hidden files such as .DS_Store are skipped.
func regularFiles(under root: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
    let prefixLength = root.standardizedFileURL.path.count + 1
    var files: [String] = []
    for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
        files.append(String(url.standardizedFileURL.path.dropFirst(prefixLength)))
    }
    return files.sorted()
}
