import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport
import ShowroomTemplates

/// What a build was made from: a SHA-256 over every content and theme file (path, size, bytes), the
/// options that change output, and the showroom binary itself. When it matches the last successful
/// build's, the site in the output folder is exactly what a new build would write, so the build is
/// skipped and not a file is touched (deploy tools that compare times or sizes see no change).
///
/// Kept next to the output folder (`.Public.fingerprint`), not in it, so it is never deployed.
struct BuildFingerprint: Equatable {
    var digest: String
    var pages: Int
    var files: Int
    var bytes: Int

    static func compute(options: BuildOptions, site: Site, theme: Theme) async -> String {
        let content = Builder.absoluteURL(options.contentDirectory).resolvingSymlinksInPath()
        let themeRoot = Builder.absoluteURL(options.themesDirectory).appendingPathComponent(theme.name).resolvingSymlinksInPath()
        var names: [String] = []
        var paths: [String] = []
        for (label, root) in [("content", content), ("theme", themeRoot)] {
            // Joined as strings: URL's appendingPathComponent stats each file.
            let folder = root.path + "/"
            for path in regularFiles(under: root, followingSymlinks: true) {
                names.append("\(label)/\(path)")
                paths.append(folder + path)
            }
        }
        let files = paths
        let digests = await parallelMap(count: files.count) { index -> String in
            guard let data = FileManager.default.contents(atPath: files[index]) else { return "unreadable" }
            return "\(data.count) \(SHA256.hex([UInt8](data)))"
        }
        var manifest = "showroom \(executableIdentity())\n"
        manifest += "theme \(theme.name)\nbase \(site.settings.url)\nvideos \(options.renderVideo)\nlibvips \(Vips.version)\n"
        for (name, digest) in zip(names, digests) { manifest += "\(name) \(digest)\n" }
        return SHA256.hex(Array(manifest.utf8))
    }

    /// Paths, sizes and modification times of everything a build may read (all themes: the theme's name is
    /// only known after loading). Cheap enough to take before loading and again after the swap: when they
    /// differ, a file changed while the build was reading it, and the fingerprint is not stored.
    static func inputStamp(options: BuildOptions) -> String {
        var stamp = ""
        for root in [Builder.absoluteURL(options.contentDirectory), Builder.absoluteURL(options.themesDirectory)] {
            let resolved = root.resolvingSymlinksInPath()
            let folder = resolved.path + "/"
            for path in regularFiles(under: resolved, followingSymlinks: true) {
                let file = fileSizeAndModification(folder + path)
                stamp += "\(root.path)/\(path) \(file?.size ?? -1) \(file?.modified ?? 0)\n"
            }
        }
        return stamp
    }

    /// A new showroom binary may render differently: its size and modification time are part of the input.
    private static func executableIdentity() -> String {
        guard let path = Bundle.main.executablePath,
              let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "unknown" }
        let size = attributes[.size] as? Int ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(size)-\(modified)"
    }

    static func location(for output: URL) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).fingerprint")
    }

    static func stored(for output: URL) -> BuildFingerprint? {
        guard let data = FileManager.default.contents(atPath: location(for: output).path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let digest = object["digest"] as? String, let pages = object["pages"] as? Int,
              let files = object["files"] as? Int, let bytes = object["bytes"] as? Int else { return nil }
        return BuildFingerprint(digest: digest, pages: pages, files: files, bytes: bytes)
    }

    func store(for output: URL) {
        let json = JSONValue.members(["digest": .string(digest), "pages": .number(String(pages)), "files": .number(String(files)),
                                      "bytes": .number(String(bytes))]).serialized()
        try? Data(json.utf8).write(to: Self.location(for: output))
    }

    static func forget(for output: URL) {
        try? FileManager.default.removeItem(at: location(for: output))
    }
}
