import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport
import ShowroomTemplates

/// Builds into a hidden folder next to the output folder and swaps it in only when the whole build has
/// succeeded, so a failed or interrupted build never leaves a half-written site: the previous one stays.
public struct StagedOutput {
    public let destination: URL
    public let staging: URL

    /// Creates the staging folder. Refuses destinations that would swallow the store's own files.
    public init(destination: URL, protecting protectedFolders: [URL]) throws {
        let destination = destination.standardizedFileURL
        let target = destination.path
        let home = FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        for folder in protectedFolders.map({ $0.standardizedFileURL.path }) + [current, home, "/"] {
            if folder == target || folder.hasPrefix(target.hasSuffix("/") ? target : target + "/") {
                throw OutputError(path: target, reason: "the output folder would contain or replace \(folder); choose a folder of its own, e.g. Public")
            }
        }
        // Inside Content/ or Themes/ the site would be read back in as content on the next build.
        for folder in protectedFolders.map({ $0.standardizedFileURL.path }) where target.hasPrefix(folder + "/") {
            throw OutputError(path: target, reason: "the output folder lies inside \(folder); choose a folder of its own, e.g. Public")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputError(path: target, reason: "exists and is not a folder")
        }
        self.destination = destination
        let parent = destination.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(destination.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: staging.path, reason: "cannot create the build folder: \(error.localizedDescription)")
        }
    }

    /// Puts the staged site in place of the destination (two renames; the old site is removed after).
    public func commit() throws {
        let fileManager = FileManager.default
        let retired = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: retired)
        let hadPrevious = fileManager.fileExists(atPath: destination.path)
        do {
            if hadPrevious { try fileManager.moveItem(at: destination, to: retired) }
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            // Put the previous site back if the second rename failed.
            if hadPrevious, !fileManager.fileExists(atPath: destination.path) { try? fileManager.moveItem(at: retired, to: destination) }
            discard()
            throw OutputError(path: destination.path, reason: "cannot replace the output folder: \(error.localizedDescription)")
        }
        if hadPrevious { try? fileManager.removeItem(at: retired) }
    }

    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
