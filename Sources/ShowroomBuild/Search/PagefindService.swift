import Foundation
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// A running `pagefind --service`, fed the catalog's records as pages render and asked for the finished
/// index at the end. Records rather than HTML files: the filter values, sort ranks and result cards come
/// from the model, exactly, and Pagefind parses no HTML (README › Search and filters says why).
///
/// The service reads base64-encoded JSON messages, each ended by a comma, on its standard input and
/// answers the same way on its standard output.
package final class PagefindService: @unchecked Sendable {
    /// The Pagefind the theme's search script is written against (`scripts/` installs it from PyPI).
    package static let version = "1.5.2"
    package static let installHint = "install it with `python3 -m pip install pagefind-bin==\(version)` (scripts/build and scripts/test do), put its `pagefind` on the PATH or pass --pagefind PATH; or turn search off with \"search\": false in site.json"

    private let process = Process()
    private let input: FileHandle
    private let lock = NSLock()
    private var nextMessage = 1
    private var problems: [String] = []
    private var finished: [(path: String, bytes: [UInt8])]?
    private let done = DispatchSemaphore(value: 0)
    private let language: String
    private var failedToWrite = false
    private var filesRequested = false
    /// Messages waiting for the writer thread, which alone writes to the service: a full pipe (Pagefind
    /// behind the renderers) must block that thread, never the renderers, which run on Swift's shared pool.
    private var outgoing: [Data] = []
    private var inputEnded = false
    private let outgoingReady = NSCondition()

    /// Starts Pagefind and opens an index; records are in `language` (the store's, from site.json).
    package init(executable: String, language: String) throws(Diagnostic) {
        self.language = language
        let toService = Pipe(), fromService = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--service"]
        process.standardInput = toService
        process.standardOutput = fromService
        process.standardError = FileHandle.nullDevice
        input = toService.fileHandleForWriting
        // A service that dies mid-index must be an error of the build, not a signal that ends the whole
        // process on the next write: writes to a closed pipe then fail with EPIPE instead.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
        } catch {
            throw Diagnostic.error("could not start Pagefind at \(executable): \(error)", at: nil, hint: Self.installHint)
        }
        let output = fromService.fileHandleForReading
        // Answers are read as they come, so the service never waits on a full pipe while we write.
        let reader = Thread { [self] in readAnswers(output) }
        reader.name = "pagefind answers"
        reader.start()
        let writer = Thread { [self] in writeMessages() }
        writer.name = "pagefind messages"
        writer.start()
        send(.object([("type", .string("NewIndex")), ("config", .object([("force_language", .string(language))]))]), id: 0)
    }

    /// Adds records, in order (the index's page order follows it).
    package func add(_ records: [SearchRecord]) {
        for record in records {
            var payload: [(String, JSONValue)] = [("type", .string("AddRecord")), ("index_id", .number("0")), ("url", .string(record.sitePath)),
                                                  ("content", .string(record.content)), ("language", .string(language))]
            if !record.meta.isEmpty { payload.append(("meta", Self.object(record.meta, JSONValue.string))) }
            if !record.filters.isEmpty { payload.append(("filters", Self.object(record.filters) { .array($0.map(JSONValue.string)) })) }
            if !record.sort.isEmpty { payload.append(("sort", Self.object(record.sort, JSONValue.string))) }
            let id = lock.withLock { () -> Int in nextMessage += 1; return nextMessage }
            send(.object(payload), id: id)
        }
    }

    /// A dictionary as a JSON object with its keys in order, so a message is the same from run to run.
    private static func object<Value>(_ members: [String: Value], _ value: (Value) -> JSONValue) -> JSONValue {
        .object(members.sorted { $0.key < $1.key }.map { ($0.key, value($0.value)) })
    }

    /// Asks for the index once every record is in (only the first call counts): Pagefind then builds it
    /// while the rest of the site renders, rather than after.
    package func requestFiles() {
        let first = lock.withLock { () -> Bool in
            defer { filesRequested = true }
            return !filesRequested
        }
        if first { send(.object([("type", .string("GetFiles")), ("index_id", .number("0"))]), id: 1) }
    }

    /// Builds the index (unless `requestFiles` already asked) and returns its publishable files (under `pagefind/`).
    package func finish() throws(Diagnostic) -> [OutputFile] {
        requestFiles()
        // The service quits as soon as its input ends, so the input stays open until the files are here.
        done.wait()
        endInput()
        // Then it is stopped rather than awaited: another program started meanwhile (a second build's
        // Pagefind, ffmpeg) may hold a copy of its input pipe, and it would never see the input end.
        if process.isRunning { process.terminate() }
        let (problems, files) = lock.withLock { (self.problems, finished) }
        if let problem = problems.first {
            throw Diagnostic.error("Pagefind could not index the site: \(problem)" + (problems.count > 1 ? " (and \(problems.count - 1) more)" : ""), at: nil,
                                   hint: "check that Pagefind \(Self.version) is installed; " + Self.installHint)
        }
        guard let files else {
            process.waitUntilExit()
            throw Diagnostic.error("Pagefind stopped before it wrote the index (exit status \(process.terminationStatus))", at: nil, hint: Self.installHint)
        }
        do {
            return try PagefindBundle.publishable(files)
        } catch {
            throw Diagnostic.error("\(error)", at: nil, hint: "install Pagefind \(Self.version): " + Self.installHint)
        }
    }

    /// Stops the service without an index (the build failed).
    package func cancel() {
        outgoingReady.lock()
        outgoing.removeAll()
        outgoingReady.unlock()
        if process.isRunning { process.terminate() }
        endInput()
    }

    /// Encodes a message on the caller's thread and queues it for the writer. With our own JSON writer:
    /// Foundation's JSONSerialization is slow on Linux, and this runs inside the renderers' record stream.
    private func send(_ payload: JSONValue, id: Int) {
        let json = JSONValue.object([("message_id", .number(String(id))), ("payload", payload)]).serializedBytes()
        var message = Data(json).base64EncodedData()
        message.append(UInt8(ascii: ","))
        outgoingReady.lock()
        outgoing.append(message)
        outgoingReady.signal()
        outgoingReady.unlock()
    }

    private func endInput() {
        outgoingReady.lock()
        inputEnded = true
        outgoingReady.signal()
        outgoingReady.unlock()
    }

    private func writeMessages() {
        while true {
            outgoingReady.lock()
            while outgoing.isEmpty && !inputEnded { outgoingReady.wait() }
            let batch = outgoing
            outgoing.removeAll()
            let ended = inputEnded
            outgoingReady.unlock()
            if !batch.isEmpty {
                var joined = Data()
                for message in batch { joined.append(message) }
                do {
                    try input.write(contentsOf: joined)
                } catch {
                    lock.withLock {
                        if !failedToWrite { problems.append("it stopped reading (\(error))") }
                        failedToWrite = true
                    }
                }
            }
            if ended && batch.isEmpty {
                try? input.close()
                return
            }
        }
    }

    /// Signals `done` when the files arrive (`handle`) or the service ends without them.
    private func readAnswers(_ output: FileHandle) {
        // Its end of the pipe is closed here, whichever way reading ends: a build must not leave a file
        // descriptor behind (a preview builds again after every edit).
        defer { try? output.close() }
        var pending: [UInt8] = []
        // Where the search for the next comma resumes: the index files come as one answer of megabytes,
        // read in many chunks, and scanning it again from its start for each chunk was quadratic.
        var scanned = 0
        while let chunk = DescriptorReading.next(output.fileDescriptor) {
            pending += chunk
            var start = 0
            while let comma = pending[scanned...].firstIndex(of: UInt8(ascii: ",")) {
                handle(Array(pending[start..<comma]))
                start = comma + 1
                scanned = start
            }
            pending.removeFirst(start)
            scanned = pending.count
            // The files are the last answer; their end of the pipe may stay open in another program.
            if lock.withLock({ finished != nil }) { return }
        }
        if lock.withLock({ finished == nil }) { done.signal() }
    }

    private func handle(_ encoded: [UInt8]) {
        guard let data = Data(base64Encoded: Data(encoded)),
              let message = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let payload = message["payload"] as? [String: Any], let type = payload["type"] as? String else {
            lock.withLock { problems.append("an answer could not be read") }
            return
        }
        switch type {
        case "Error":
            let text = payload["message"] as? String ?? "unknown error"
            lock.withLock { problems.append(text) }
        case "GetFiles":
            let files = (payload["files"] as? [[String: Any]] ?? []).compactMap { file -> (path: String, bytes: [UInt8])? in
                guard let path = file["path"] as? String, let content = file["content"] as? String, let bytes = Data(base64Encoded: content) else { return nil }
                return (path, [UInt8](bytes))
            }
            lock.withLock { finished = files }
            done.signal()
        default:
            break
        }
    }
}

/// Finds the Pagefind to run: `--pagefind` or `SHOWROOM_PAGEFIND`, else `pagefind` on the PATH, else the
/// project's (`scripts/install-search`: `.build-tools/bin/pagefind`), else the one pip installed
/// (`pagefind_bin`, asked of the project's `.build-tools/venv`, then of python3).
package enum PagefindLocator {
    package static func find(_ explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = explicit ?? environment["SHOWROOM_PAGEFIND"], !explicit.isEmpty {
            return ExternalTool.find(explicit, environment: environment)?.path
        }
        for name in ["pagefind", "pagefind_extended", ".build-tools/bin/pagefind"] {
            if let tool = ExternalTool.find(name, environment: environment) { return tool.path }
        }
        for python in [".build-tools/venv/bin/python3", "python3"] {
            guard let interpreter = ExternalTool.find(python, environment: environment) else { continue }
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: interpreter.path)
            process.arguments = ["-c", "import pagefind_bin; print(pagefind_bin.get_executable())"]
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            let data = DescriptorReading.all(output.fileHandleForReading.fileDescriptor)
            process.waitUntilExit()
            let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if process.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}
