import Foundation
import Hummingbird
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// Answers every request of `showroom serve` from the session's in-memory site. Only files the build
/// produced can be served: there is no path from a URL to the disk, so `..`, encoded slashes and
/// symlinks cannot reach anything else (they are refused outright all the same).
public struct PreviewResponder: HTTPResponder {
    public typealias Context = BasicRequestContext
    static let eventsPath = "/_showroom/events"

    let session: PreviewSession

    public init(session: PreviewSession) { self.session = session }

    public func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        if request.uri.path == Self.eventsPath {
            // A HEAD would hold a stream open with nothing ever sent.
            guard request.method == .get else { return Response(status: .methodNotAllowed, headers: [.allow: "GET"]) }
            return await events()
        }
        if request.uri.path == LiveReload.scriptPath {
            return Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-cache"],
                            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(string: LiveReload.scriptSource)))
        }
        // One read: a build finishing between two reads would pair its errors with the files before it.
        let (snapshot, errors) = session.current
        if snapshot.files.isEmpty, !errors.isEmpty {
            // Nothing good to show yet (the store was broken when the server started).
            let page = LiveReload.errorPage(errors)
            return Response(status: .internalServerError, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: page)))
        }
        switch Self.resolve(request.uri.path) {
        case .refused:
            return Response(status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "Forbidden\n")))
        case .path(let path) where snapshot.files.isEmpty && errors.isEmpty:
            // The first build is still running: its pages are rendered as they are asked for.
            guard let pages = session.pagesOnDemand else { return Self.stillBuilding }
            return await onDemand(path, from: pages, request: request, snapshot: snapshot, errors: errors)
        case .path(let path):
            if let pending = snapshot.pending, pending.covers(path) {
                // A page the latest edit changed, while the edit's pages render: rendered now, as the edit made it.
                return await onDemand(path, from: pending, request: request, snapshot: snapshot, errors: errors)
            }
            if let bytes = snapshot.files[path] {
                return serve(path, bytes, status: .ok, snapshot: snapshot, errors: errors, request: request)
            }
            if snapshot.files[path.isEmpty ? "index.html" : path + "/index.html"] != nil {
                // A folder without its slash: redirect, so relative links on the page resolve as on a static host.
                return Response(status: .movedPermanently, headers: [.location: "/" + path + "/"])  // not the raw path: "//x" would name a host
            }
            let notFound = snapshot.files["404.html"] ?? Array("Not found\n".utf8)
            return serve("404.html", notFound, status: .notFound, snapshot: snapshot, errors: errors, request: request)
        }
    }

    private func onDemand(_ path: String, from pages: PagesOnDemand, request: Request, snapshot: SiteSnapshot, errors: [Diagnostic]) async -> Response {
        // Rendering a product's pages takes milliseconds of CPU: not on the threads that answer requests.
        let (answer, notFoundPage) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let answer = pages.file(path)
                let notFoundPage = answer == .notFound && !pages.isFolder(path) ? pages.file(SiteLinks.outputFile(for: SiteLinks.notFound)) : nil
                continuation.resume(returning: (answer, notFoundPage))
            }
        }
        switch answer {
        case .file(let bytes):
            return serve(path, bytes, status: .ok, snapshot: snapshot, errors: errors, request: request)
        case .notFound:
            if !path.hasSuffix("index.html"), pages.isFolder(path) {
                return Response(status: .movedPermanently, headers: [.location: "/" + path + "/"])
            }
            if case .file(let page) = notFoundPage {
                return serve("404.html", page, status: .notFound, snapshot: snapshot, errors: errors, request: request)
            }
            return Self.stillBuilding
        case .notYet:
            if !path.hasSuffix("index.html"), pages.isFolder(path) {
                return Response(status: .movedPermanently, headers: [.location: "/" + path + "/"])
            }
            return Self.stillBuilding
        }
    }

    /// A file the first build has not made yet, or a page of an edit that could not be rendered on request:
    /// the browser may ask again in a moment, and a browser showing this answer does (`Refresh`: it
    /// carries no reload script, and the first build sends no reload).
    private static var stillBuilding: Response {
        Response(status: .serviceUnavailable, headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-cache", .retryAfter: "1",
                                                        Self.refresh: "1"],
                 body: .init(byteBuffer: ByteBuffer(string: "The preview is still building this file; try again in a moment.\n")))
    }

    private static let refresh = HTTPFields.Element.Name("Refresh")!

    package enum Resolved: Equatable {
        case path(String)
        case refused
    }

    /// The site file a URL path names (`/a/` → `a/index.html`), or `.refused` for anything that tries to
    /// climb out or hide a separator: `..` (also percent-encoded), encoded slashes or backslashes, NUL.
    package static func resolve(_ rawPath: String) -> Resolved {
        let lower = rawPath.lowercased()
        if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || rawPath.contains("\\") { return .refused }
        guard let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0") else { return .refused }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return .refused }
        var path = segments.joined(separator: "/")
        if decoded.hasSuffix("/") || path.isEmpty { path += path.isEmpty ? "index.html" : "/index.html" }
        return .path(path)
    }

    private func serve(_ path: String, _ stored: [UInt8], status: HTTPResponse.Status, snapshot: SiteSnapshot, errors: [Diagnostic],
                       request: Request) -> Response {
        let isHTML = path.hasSuffix(".html")
        let bytes = isHTML ? LiveReload.inject(into: stored, errors: errors) : stored
        let tag = isHTML ? "\"" + ContentHash.hex(bytes, length: 16) + "\"" : snapshot.entityTag(for: path, bytes: stored)
        var headers: HTTPFields = [.contentType: ContentTypes.forPath(path), .eTag: tag, .cacheControl: "no-cache", .acceptRanges: "bytes"]
        if status == .ok, let match = request.headers[.ifNoneMatch], Self.matches(ifNoneMatch: match, tag: tag) {
            return Response(status: .notModified, headers: [.eTag: tag, .cacheControl: "no-cache"])
        }
        var body = bytes[...]
        var finalStatus = status
        if status == .ok, let range = request.headers[.range] {
            switch ByteRange.parse(range, length: bytes.count) {
            case .whole: break
            case .unsatisfiable:
                return Response(status: .rangeNotSatisfiable, headers: [.contentRange: "bytes */\(bytes.count)"])
            case .part(let part):
                body = bytes[part]
                finalStatus = .partialContent
                headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(bytes.count)"
            }
        }
        headers[.contentLength] = String(body.count)
        if request.method == .head { return Response(status: finalStatus, headers: headers) }
        return Response(status: finalStatus, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// `If-None-Match` uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`, and `*` matches any file.
    static func matches(ifNoneMatch header: String, tag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var candidate = candidate.trimmingCharacters(in: .whitespaces)
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate.removeFirst(2) }
            return candidate == tag
        }
    }

    /// Server-sent events: `reload` after every build, until the client goes away or the server stops.
    /// Heartbeat comments between them make a write fail once the page is gone, which ends the stream
    /// and drops its listener.
    private func events() async -> Response {
        let stream = await session.events(heartbeats: true)
        let headers: HTTPFields = [.contentType: "text/event-stream", .cacheControl: "no-cache"]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: ": connected\n\n"))
            for await generation in stream {
                try await writer.write(ByteBuffer(string: generation == 0 ? ": heartbeat\n\n" : "event: reload\ndata: \(generation)\n\n"))
            }
            try await writer.finish(nil)
        })
    }
}

/// A single `Range: bytes=…` request (what video players send). Several ranges are answered whole.
enum ByteRange: Equatable {
    case whole
    case part(Range<Int>)
    case unsatisfiable

    static func parse(_ header: String, length: Int) -> ByteRange {
        guard header.hasPrefix("bytes="), !header.contains(",") else { return .whole }
        let spec = header.dropFirst(6).trimmingCharacters(in: .whitespaces)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { String($0) }
        guard bounds.count == 2 else { return .whole }
        // A range that does not parse is ignored (the whole file is sent, RFC 9110 §14.2); only a
        // well-formed range that lies outside the file is unsatisfiable.
        let digits = { (text: String) in !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } }
        if bounds[0].isEmpty {
            guard digits(bounds[1]), let suffix = Int(bounds[1]) else { return .whole }
            return suffix == 0 || length == 0 ? .unsatisfiable : .part(max(0, length - suffix)..<length)
        }
        guard digits(bounds[0]), let start = Int(bounds[0]), bounds[1].isEmpty || digits(bounds[1]) else { return .whole }
        if let last = Int(bounds[1]), last < start { return .whole }
        guard start < length else { return .unsatisfiable }
        let end = bounds[1].isEmpty ? length - 1 : min(Int(bounds[1]) ?? length - 1, length - 1)
        return .part(start..<(end + 1))
    }
}
