import Foundation
import ShowroomModel
import ShowroomSupport

/// What one load of `Content/` read, handed to the next one (the preview, after an edit) so that it parses
/// again only what changed. A write-up's parsed front matter is kept while the file's size and modification
/// time stay the same. A catalog product's result (its product and its problems) is kept while its JSON,
/// including the lines and columns it is written at, stays the same. Kept results are valid only for the
/// folder, settings and media files they were made with; anything else is loaded afresh.
public struct ContentMemo: Sendable {
    struct WriteUp: Sendable {
        var size: Int
        var modified: Int
        /// What the product takes from it; nil when the file cannot be read or its front matter parsed.
        var fields: WriteUpFields?
        /// Reading and parsing the file.
        var problems: Diagnostics
        /// Its front matter's keys and values (reported only when a product has the write-up).
        var fieldProblems: Diagnostics
        /// The bytes of its front matter as they were parsed.
        var frontMatter: [UInt8]
    }

    /// A write-up's front matter as its product takes it, and where its body starts.
    struct WriteUpFields: Sendable {
        var title: String?
        var summary: String?
        var highlights: [String]
        var bodyOffset: Int
    }

    struct ProductKey: Hashable, Sendable {
        var file: String
        var position: Int
    }

    struct CatalogProduct: Sendable {
        var node: JSONNode
        var loaded: CatalogLoader.LoadedProduct?
        var problems: [Diagnostic]
    }

    /// The catalog files' bytes and what loading them gave, whole and per product.
    struct Catalog: Sendable {
        var files: [String]
        var bytes: [[UInt8]]
        /// Each file's parsed JSON (nil when it is not valid JSON) and the byte range of each of its products.
        var roots: [JSONNode?]
        var ranges: [[Range<Int>]]
        var settings: StoreSettings
        var mediaFiles: [String]
        var products: [ProductKey: CatalogProduct]
        var loaded: [CatalogLoader.LoadedProduct]
        var seenHandles: Set<String>
        /// No catalog file was missing or unreadable JSON.
        var readable: Bool
        var problems: [Diagnostic]
    }

    let contentDirectory: String
    let displayRoot: String
    var writeUps: [String: WriteUp] = [:]
    var catalog: Catalog?

    /// The front matter of the write-up at `absolutePath` (`MarkdownFileReference.absolutePath`) as this
    /// load parsed it: an edit that keeps these bytes changed the body only.
    public func frontMatter(ofWriteUpAt absolutePath: String) -> [UInt8]? {
        guard absolutePath.hasPrefix(contentDirectory + "/") else { return nil }
        return writeUps[String(absolutePath.dropFirst(contentDirectory.count + 1))]?.frontMatter
    }

    /// A file modified this recently may be written again within the same tick of the file system's clock,
    /// keeping its size and time: it is read again by the next load rather than trusted.
    static let settledAfterNanoseconds = 2_000_000_000

    static func now() -> Int { Int(Date().timeIntervalSince1970 * 1_000_000_000) }
}
