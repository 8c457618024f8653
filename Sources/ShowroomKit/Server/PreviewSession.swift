import Foundation

/// What `showroom serve` serves: the last good build, held in memory, and the errors of the latest
/// build if it failed. Rebuilds replace the snapshot only when they succeed, so a broken edit never
/// takes the site away; open pages are told to reload after every build, good or bad.
public actor PreviewSession {
    public let options: BuildOptions
    public private(set) var snapshot = SiteSnapshot(files: [:], generation: 0)
    /// Errors of the latest build; empty after a good one.
    public private(set) var errors: [Diagnostic] = []
    public private(set) var generation = 0
    private var listeners: [UUID: AsyncStream<Int>.Continuation] = [:]

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds the whole site into memory. Returns the errors (empty when the build succeeded).
    @discardableResult
    public func rebuild() async -> [Diagnostic] {
        let (site, theme, diagnostics) = Builder.load(options)
        var failure: [Diagnostic] = diagnostics.hasErrors ? diagnostics.sorted.filter { $0.severity == .error } : []
        var files: [String: [UInt8]]?
        if failure.isEmpty, let site, let theme {
            let writer = MemoryWriter()
            do {
                _ = try await Builder.render(site: site, theme: theme, to: writer, workers: options.workers)
                files = writer.files
            } catch let error as BuildFailure {
                failure = error.errors
            } catch {
                failure = [.error("\(error)", at: nil)]
            }
        }
        generation += 1
        if let files {
            snapshot = SiteSnapshot(files: files, generation: generation)
            errors = []
        } else {
            errors = failure.isEmpty ? [.error("the build failed", at: nil)] : failure
        }
        for listener in listeners.values { listener.yield(generation) }
        return errors
    }

    /// A stream of build generations, one after every build, for the reload events.
    public func events() -> AsyncStream<Int> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        listeners[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.removeListener(id) } }
        return stream
    }

    private func removeListener(_ id: UUID) { listeners[id] = nil }

    /// Ends every event stream (the server is shutting down).
    public func finishEvents() {
        for listener in listeners.values { listener.finish() }
        listeners = [:]
    }
}

/// One build's files, immutable; entity tags are computed on first request and remembered.
public final class SiteSnapshot: @unchecked Sendable {
    public let files: [String: [UInt8]]
    public let generation: Int
    private let lock = NSLock()
    private var tags: [String: String] = [:]

    init(files: [String: [UInt8]], generation: Int) {
        self.files = files
        self.generation = generation
    }

    /// A strong entity tag for a file's bytes as served.
    func entityTag(for key: String, bytes: [UInt8]) -> String {
        if let tag = lock.withLock({ tags[key] }) { return tag }
        let tag = "\"" + ContentHash.hex(bytes, length: 16) + "\""
        lock.withLock { tags[key] = tag }
        return tag
    }
}
