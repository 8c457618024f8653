import ShowroomSupport

/// A rendered file, ready for the writer.
public struct OutputFile: Sendable {
    /// Relative to the site root, e.g. `products/trail-bottle/index.html`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Where rendered files go. The only code that writes the site's files.
public protocol OutputWriter: Sendable {
    func write(_ file: OutputFile) throws
    /// Copies a file as it is (media, theme assets).
    func copy(from sourcePath: String, to path: String) throws
    /// Opens a file to be written in pieces, so a feed of 100,000 products never sits whole in memory.
    func stream(_ path: String) throws -> OutputStreamFile
}

/// A file being written in pieces: `append` as often as needed, then `close`. One dropped without `close`
/// (the build failed, or the preview server cancelled the feeds) releases what it holds and is not kept.
public final class OutputStreamFile {
    private let appendBytes: ([UInt8]) throws -> Void
    private let finish: () throws -> Void
    private let abandon: () -> Void
    private var isOpen = true

    package init(append: @escaping ([UInt8]) throws -> Void, close: @escaping () throws -> Void, abandon: @escaping () -> Void = {}) {
        appendBytes = append
        finish = close
        self.abandon = abandon
    }

    deinit { if isOpen { abandon() } }

    public func append(_ bytes: [UInt8]) throws { if !bytes.isEmpty { try appendBytes(bytes) } }

    public func close() throws {
        guard isOpen else { return }
        isOpen = false
        try finish()
    }
}
