import Foundation

/// Regular files below `root`, as paths relative to it, sorted (output never depends on the order the
/// file system lists them in); hidden files such as .DS_Store are skipped. With `followingSymlinks`, a
/// symbolic link to a regular file counts as one (what the build fingerprint needs: a linked catalog.json
/// is still an input).
func regularFiles(under root: URL, followingSymlinks: Bool = false) -> [String] {
    guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                                                          options: [.skipsHiddenFiles]) else { return [] }
    let prefixLength = root.standardizedFileURL.path.count + 1
    var files: [String] = []
    for case let url as URL in enumerator {
        let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
        var include = values?.isRegularFile == true && values?.isSymbolicLink != true
        if !include, followingSymlinks, values?.isSymbolicLink == true {
            include = (try? FileManager.default.attributesOfItem(atPath: url.resolvingSymlinksInPath().path))?[.type] as? FileAttributeType == .typeRegular
        }
        if include { files.append(String(url.standardizedFileURL.path.dropFirst(prefixLength))) }
    }
    return files.sorted()
}
