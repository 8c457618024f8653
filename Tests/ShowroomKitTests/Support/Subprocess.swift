import Foundation
import ShowroomSupport

/// Runs a program to its end and returns its exit status and everything it printed (standard output and
/// error together), for tests that drive tools (check-jsonschema, the browser test, the built binary).
enum Subprocess {
    static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var inherited = ProcessInfo.processInfo.environment
        // A `showroom` run in a temporary store folder finds the project's Pagefind (scripts/install-search) by name.
        let pagefind = FixtureStore.repositoryRoot.appendingPathComponent(".build-tools/bin/pagefind").path
        if inherited["SHOWROOM_PAGEFIND"] == nil, FileManager.default.isExecutableFile(atPath: pagefind) { inherited["SHOWROOM_PAGEFIND"] = pagefind }
        process.environment = inherited.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = String(decoding: DescriptorReading.all(output.fileHandleForReading.fileDescriptor), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    /// `run` on a thread of its own: a test that waits minutes for a program (the browser tests) must not
    /// hold one of the two threads Swift's tasks share on this machine, or every other test stalls.
    static func runOffPool(_ executable: URL, _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) async throws -> (status: Int32, output: String) {
        try await offPool { try run(executable, arguments, in: directory, environment: environment) }
    }

    /// Blocking work (waiting for a program) on a thread of its own, for the same reason.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }
}
