import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport
import ShowroomTemplates

/// Writes into a folder on disk; safe to call from several rendering workers at once.
public final class DirectoryWriter: OutputWriter, @unchecked Sendable {
    public let root: URL
    /// `root` as a path ending in "/", to which output paths are appended as plain strings (URL's
    /// `appendingPathComponent` stats the file system, once per file).
    private let rootPrefix: String
    private let lock = NSLock()
    private var createdDirectories: Set<String> = []
    private var fileCount = 0
    private var byteCount = 0

    public init(root: URL) {
        self.root = root
        let path = root.path
        rootPrefix = path.hasSuffix("/") ? path : path + "/"
    }

    public var totals: (files: Int, bytes: Int) { lock.withLock { (fileCount, byteCount) } }

    public func write(_ file: OutputFile) throws {
        let descriptor = try openFile(file.path)
        defer { close(descriptor) }
        try writeAll(file.bytes, to: descriptor, path: file.path)
        count(bytes: file.bytes.count)
    }

    public func stream(_ path: String) throws -> OutputStreamFile {
        let descriptor = try openFile(path)
        var written = 0
        return OutputStreamFile(append: { [self] bytes in
            try writeAll(bytes, to: descriptor, path: path)
            written += bytes.count
        }, close: { [self] in
            close(descriptor)
            count(bytes: written)
        }, abandon: {
            // The partial file stays in the staging folder, which a failed build discards.
            _ = close(descriptor)
        })
    }

    private func openFile(_ path: String) throws -> Int32 {
        let fullPath = try prepare(path)
        // Plain open/write/close: Foundation's Data.write syncs each file to disk, which a build folder
        // that is swapped in afterwards does not need (and which costs more than rendering on big catalogs).
        let descriptor = open(fullPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputError(path: path, reason: "cannot write the file: \(String(cString: strerror(errno)))")
        }
        return descriptor
    }

    private func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { buffer in
                posixWrite(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                throw OutputError(path: path, reason: "cannot write the file: \(String(cString: strerror(errno)))")
            }
            written += result
        }
    }

    public func copy(from sourcePath: String, to path: String) throws {
        let fullPath = try prepare(path)
        do {
            try FileManager.default.copyItem(atPath: sourcePath, toPath: fullPath)
        } catch {
            throw OutputError(path: path, reason: "cannot copy \(sourcePath): \(error.localizedDescription)")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: fullPath)[.size] as? Int) ?? 0
        count(bytes: size)
    }

    private func count(bytes: Int) {
        lock.withLock {
            fileCount += 1
            byteCount += bytes
        }
    }

    /// The file's absolute path, its folder created.
    private func prepare(_ path: String) throws -> String {
        // Output paths come from the site model (slugs, media paths already checked); refuse anything
        // that could climb out of the output folder all the same.
        guard !path.isEmpty, !path.hasPrefix("/"), !Self.hasParentComponent(path) else {
            throw OutputError(path: path, reason: "refusing to write outside the output folder")
        }
        let fullPath = rootPrefix + path
        let directory = fullPath.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(fullPath[..<$0]) } ?? rootPrefix
        let needsDirectory = lock.withLock { !createdDirectories.contains(directory) }
        if needsDirectory {
            if let failure = Self.makeDirectory(directory) {
                throw OutputError(path: path, reason: "cannot create its folder: \(failure)")
            }
            lock.withLock { _ = createdDirectories.insert(directory) }
        }
        return fullPath
    }

    /// Whether a "/"-separated path has a ".." component.
    static func hasParentComponent(_ path: String) -> Bool {
        var dots = 0
        var componentIsDots = true
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if componentIsDots && dots == 2 { return true }
                dots = 0
                componentIsDots = true
            } else if byte == UInt8(ascii: ".") {
                dots += 1
            } else {
                componentIsDots = false
            }
        }
        return componentIsDots && dots == 2
    }

    /// mkdir -p with the system call: FileManager's version stats every level, for each of the tens of
    /// thousands of page folders a big catalog has. Returns the error, if any.
    private static func makeDirectory(_ path: String) -> String? {
        if mkdir(path, 0o755) == 0 || errno == EEXIST { return nil }
        guard errno == ENOENT else { return String(cString: strerror(errno)) }
        let parent = (path as NSString).deletingLastPathComponent
        guard parent != path, !parent.isEmpty else { return String(cString: strerror(ENOENT)) }
        if let failure = makeDirectory(parent) { return failure }
        return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : String(cString: strerror(errno))
    }
}

/// Keeps rendered files in memory (tests, and the preview server later).
public final class MemoryWriter: OutputWriter, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: [UInt8]] = [:]

    public init() {}

    public var files: [String: [UInt8]] { lock.withLock { storage } }

    public func write(_ file: OutputFile) throws {
        lock.withLock { storage[file.path] = file.bytes }
    }

    public func stream(_ path: String) throws -> OutputStreamFile {
        var buffer: [UInt8] = []
        return OutputStreamFile(append: { buffer += $0 }, close: { [self] in lock.withLock { storage[path] = buffer } })
    }

    public func copy(from sourcePath: String, to path: String) throws {
        guard let data = FileManager.default.contents(atPath: sourcePath) else {
            throw OutputError(path: path, reason: "cannot read \(sourcePath)")
        }
        lock.withLock { storage[path] = [UInt8](data) }
    }
}

public struct OutputError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
}

/// The system's write(2), named apart from the writers' own `write` methods.
private func posixWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
