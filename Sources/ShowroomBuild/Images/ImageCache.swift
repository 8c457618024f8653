import Foundation
import ShowroomModel

extension ImageRenditions {
    /// One picture's renditions in the cache (`.showroom/images/ab/abcdef123456.txt` and its files beside
    /// it): the index lists the source's upright size and each file with its real pixels, so a cached
    /// build knows every `width`/`height` without decoding anything.
    struct CacheEntry: Sendable {
        struct Rendition: Sendable {
            var format: ImageFormat
            var width: Int
            var height: Int
            /// Relative to the cache folder.
            var file: String
            var isSocialCard: Bool
        }

        var key: String
        var width: Int
        var height: Int
        var isCMYK: Bool
        var renditions: [Rendition]

        static func folder(for key: String) -> String { String(key.prefix(2)) }

        private static func index(for key: String, in cache: URL) -> URL {
            cache.appendingPathComponent(folder(for: key)).appendingPathComponent("\(key).txt")
        }

        /// The entry, when its index and every file it names are there.
        static func read(key: String, in cache: URL) -> CacheEntry? {
            guard let data = FileManager.default.contents(atPath: index(for: key, in: cache).path),
                  let text = String(data: data, encoding: .utf8) else { return nil }
            let lines = text.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
            guard lines.count >= 2, lines[0] == [recipeVersion], lines[1].count == 4, lines[1][0] == "source",
                  let width = Int(lines[1][1]), let height = Int(lines[1][2]) else { return nil }
            var entry = CacheEntry(key: key, width: width, height: height, isCMYK: lines[1][3] == "cmyk", renditions: [])
            for fields in lines.dropFirst(2) {
                guard fields.count == 5, fields[0] == "rendition" || fields[0] == "social", let format = ImageFormat(rawValue: fields[1]),
                      let width = Int(fields[2]), let height = Int(fields[3]),
                      FileManager.default.fileExists(atPath: cache.appendingPathComponent(fields[4]).path) else { return nil }
                entry.renditions.append(Rendition(format: format, width: width, height: height, file: fields[4], isSocialCard: fields[0] == "social"))
            }
            return entry
        }

        func write(in cache: URL) throws {
            var text = "\(recipeVersion)\nsource \(width) \(height) \(isCMYK ? "cmyk" : "rgb")\n"
            for rendition in renditions {
                text += "\(rendition.isSocialCard ? "social" : "rendition") \(rendition.format.rawValue) \(rendition.width) \(rendition.height) \(rendition.file)\n"
            }
            try Self.write(Array(text.utf8), to: Self.index(for: key, in: cache))
        }

        /// Writes under a temporary name and renames, so a file in the cache is always whole (builds and
        /// the preview may fill the same cache at once).
        static func write(_ bytes: [UInt8], to file: URL) throws {
            let partial = file.deletingLastPathComponent().appendingPathComponent(".partial-\(UUID().uuidString)-" + file.lastPathComponent)
            try Data(bytes).write(to: partial)
            if rename(partial.path, file.path) != 0 {
                try? FileManager.default.removeItem(at: partial)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
            }
        }

        /// Marks a folder as Showroom's image cache; only a marked folder is ever pruned.
        static let marker = ".showroom-image-cache"

        /// Removes entries no picture of the site uses any more (older versions of a photo, removed photos).
        static func prune(_ cache: URL, keeping keys: Set<String>) {
            let manager = FileManager.default
            let markerPath = cache.appendingPathComponent(marker).path
            if !manager.fileExists(atPath: markerPath) {
                // A folder that already held other things is not ours to clean.
                let existing = ((try? manager.contentsOfDirectory(atPath: cache.path)) ?? []).filter { !isCacheFolder($0) }
                guard existing.isEmpty else { return }
                guard manager.createFile(atPath: markerPath, contents: Data("Showroom keeps resized pictures here; safe to delete.\n".utf8)) else { return }
            }
            for folder in (try? manager.contentsOfDirectory(atPath: cache.path)) ?? [] where isCacheFolder(folder) {
                let url = cache.appendingPathComponent(folder)
                for name in (try? manager.contentsOfDirectory(atPath: url.path)) ?? [] where !name.hasPrefix(".") {
                    let key = String(name.prefix { $0 != "-" && $0 != "." })
                    if !keys.contains(key) { try? manager.removeItem(at: url.appendingPathComponent(name)) }
                }
            }
        }

        private static func isCacheFolder(_ name: String) -> Bool {
            name.count == 2 && name.allSatisfy(\.isHexDigit)
        }
    }
}
