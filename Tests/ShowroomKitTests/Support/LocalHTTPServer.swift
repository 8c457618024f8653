import Foundation
import ShowroomSupport

/// Python's `http.server` on a free loopback port, serving a folder: a real peer for the external
/// link checker. It runs as its own process, as a remote site would.
final class LocalHTTPServer {
    let base: String
    private let process = Process()

    struct NoPort: Error, CustomStringConvertible {
        var output: String
        var description: String { "http.server did not say which port it took: \(output)" }
    }

    init(serving folder: URL) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // Port 0: the system picks a free one, and the server prints it.
        process.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var printed = ""
        while !printed.contains("\n"), let chunk = DescriptorReading.next(out.fileHandleForReading.fileDescriptor) {
            printed += String(decoding: chunk, as: UTF8.self)
        }
        guard let match = printed.firstMatch(of: /port (\d+)/) else {
            kill(process.processIdentifier, SIGKILL)
            throw NoPort(output: printed)
        }
        base = "http://127.0.0.1:\(match.1)"
    }

    func stop() {
        // SIGKILL: the child inherits the test runner's blocked signals, so it never sees SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
