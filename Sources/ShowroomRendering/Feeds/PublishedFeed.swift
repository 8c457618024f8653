import ShowroomModel
import ShowroomSupport

/// A catalog feed as the site publishes it: always gzip-compressed (`<feed>.gz`, which Merchant Center
/// and Meta both fetch, and a URL that never changes as the catalog grows), and also plain while it stays
/// within `plainLimit`. A plain copy past it would break the per-file limit of Cloudflare Pages (25 MiB) and
/// make every deploy upload it whole, so it is left out.
///
/// The plain bytes are held until the feed ends or passes the limit (at most `plainLimit`), so the size is
/// known before anything plain is written; the compressed copy streams to the writer as it is made.
struct PublishedFeed {
    let plainPath: String
    private let writer: OutputWriter
    private let compressed: OutputStreamFile
    private let compressor = GzipCompressor()
    private let plainLimit: Int
    private var plain: [UInt8]? = []

    init(_ sitePath: String, writer: OutputWriter, plainLimit: Int) throws {
        plainPath = SiteLinks.outputFile(for: sitePath)
        self.writer = writer
        self.plainLimit = plainLimit
        compressed = try writer.stream(SiteLinks.outputFile(for: SiteLinks.compressed(sitePath)))
    }

    mutating func append(_ bytes: [UInt8]) throws {
        try compressed.append(compressor.append(bytes))
        guard let count = plain?.count else { return }
        if count + bytes.count <= plainLimit { plain?.append(contentsOf: bytes) } else { plain = nil }
    }

    /// Ends both copies; returns whether the plain one was written.
    @discardableResult
    func close() throws -> Bool {
        try compressed.append(compressor.finish())
        try compressed.close()
        guard let plain else { return false }
        try writer.write(OutputFile(path: plainPath, bytes: plain))
        return true
    }
}
