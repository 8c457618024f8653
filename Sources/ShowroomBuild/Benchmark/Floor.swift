import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport
import ShowroomTemplates

/// The least work any build of a store must do, for the benchmark's "floor" rows: turning every
/// Markdown file into HTML with cmark-gfm, and writing the bytes a build wrote. A build is judged by
/// how close it comes to these, on the same machine in the same run.
public enum BenchmarkFloor {
    public struct Measurement: Sendable {
        public var files: Int
        public var bytes: Int
        public var seconds: Double
    }

    /// cmark-gfm over every Markdown file of the content folder (products and pages), on `workers` cores.
    public static func markdown(contentDirectory: String, workers: Int = ProcessInfo.processInfo.activeProcessorCount) async -> Measurement {
        let root = URL(fileURLWithPath: contentDirectory)
        let files = regularFiles(under: root).filter { $0.hasSuffix(".md") }.map { root.appendingPathComponent($0).path }
        let start = ContinuousClock.now
        let sizes = await parallelMap(count: files.count, workers: workers) { index -> Int in
            guard let data = FileManager.default.contents(atPath: files[index]) else { return 0 }
            // A renderer per file is what a worker pays anyway; creating one is a few pointer lookups.
            _ = MarkdownRenderer().html(from: String(decoding: data, as: UTF8.self))
            return data.count
        }
        return Measurement(files: files.count, bytes: sizes.reduce(0, +), seconds: seconds(since: start))
    }

    /// Writes as many bytes, into as many files with the same paths, as the built site in `output` holds,
    /// with `workers` writers: into `scratch`, left for the caller to remove, or into a folder next to the
    /// site, removed afterwards.
    public static func write(like output: String, scratch kept: String? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount) async throws -> Measurement {
        let root = URL(fileURLWithPath: output).standardizedFileURL
        let paths = regularFiles(under: root)
        let sizes = paths.map { (try? FileManager.default.attributesOfItem(atPath: root.appendingPathComponent($0).path)[.size] as? Int) ?? 0 }
        let scratch = kept.map { URL(fileURLWithPath: $0) }
            ?? root.deletingLastPathComponent().appendingPathComponent(".\(root.lastPathComponent).floor-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: scratch)
        defer { if kept == nil { try? FileManager.default.removeItem(at: scratch) } }
        let writer = DirectoryWriter(root: scratch)
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: sizes.max() ?? 0)
        let start = ContinuousClock.now
        let failures = await parallelMap(count: paths.count, workers: workers) { index -> String? in
            do {
                try writer.write(OutputFile(path: paths[index], bytes: Array(filler[0..<sizes[index]])))
                return nil
            } catch {
                return "\(error)"
            }
        }
        let elapsed = seconds(since: start)
        if let failure = failures.compactMap({ $0 }).first { throw OutputError(path: scratch.path, reason: failure) }
        return Measurement(files: paths.count, bytes: sizes.reduce(0, +), seconds: elapsed)
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
