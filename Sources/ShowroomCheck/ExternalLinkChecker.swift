import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// Fetches external links politely: one request at a time per host, a few hosts at once, a short
/// timeout, HEAD first (GET when a server refuses HEAD). Only with `showroom check --external`.
struct ExternalLinkChecker {
    var hostsAtOnce = 4
    var timeout: TimeInterval = 10

    func check(_ links: [String: SourceLocation]) async -> [Diagnostic] {
        var byHost: [String: [(String, SourceLocation)]] = [:]
        for (url, location) in links.sorted(by: { $0.key < $1.key }) {
            byHost[URL(string: url)?.host ?? url, default: []].append((url, location))
        }
        let session = URLSession(configuration: {
            let configuration = URLSessionConfiguration.ephemeral
            configuration.timeoutIntervalForRequest = timeout
            return configuration
        }(), delegate: RedirectRefusal(), delegateQueue: nil)
        let hosts = byHost.keys.sorted()
        return await withTaskGroup(of: [Diagnostic].self) { group in
            var next = 0
            func startNext() {
                guard next < hosts.count else { return }
                let links = byHost[hosts[next]]!
                next += 1
                group.addTask { await checkHost(links, session: session) }
            }
            for _ in 0..<hostsAtOnce { startNext() }
            var findings: [Diagnostic] = []
            for await result in group {
                findings += result
                startNext()
            }
            return findings
        }
    }

    private func checkHost(_ links: [(String, SourceLocation)], session: URLSession) async -> [Diagnostic] {
        var findings: [Diagnostic] = []
        for (url, location) in links {
            guard let target = URL(string: url) else {
                findings.append(CheckRules.finding(.linksExternal, "\(url) is not a valid URL", at: location))
                continue
            }
            var status = await self.status(of: target, method: "HEAD", session: session)
            if let code = status.code, code == 405 || code == 403 || code == 501 { status = await self.status(of: target, method: "GET", session: session) }
            if let code = status.code, code < 400 { continue }
            let what = status.code.map { "HTTP \($0)" } ?? status.error ?? "no response"
            findings.append(CheckRules.finding(.linksExternal, "\(url) answered \(what)", at: location, hint: "update or remove the link"))
        }
        return findings
    }

    /// Follows up to five redirects itself: Foundation's own following on Linux loops on relative
    /// `Location` headers ("/moved" → "/moved/"), which real sites send all the time.
    private func status(of url: URL, method: String, session: URLSession) async -> (code: Int?, error: String?) {
        var url = url
        for _ in 0..<6 {
            var request = URLRequest(url: url)
            request.httpMethod = method
            request.setValue("Showroom link checker", forHTTPHeaderField: "User-Agent")
            do {
                let (_, response) = try await session.data(for: request)
                guard let http = response as? HTTPURLResponse else { return (nil, "no HTTP response") }
                guard (300..<400).contains(http.statusCode), http.statusCode != 304 else { return (http.statusCode, nil) }
                guard let location = http.value(forHTTPHeaderField: "Location"), let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                    return (http.statusCode, nil)
                }
                url = next
            } catch {
                return (nil, error.localizedDescription)
            }
        }
        return (nil, "more than five redirects")
    }
}

/// Hands redirects back to the checker instead of following them.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
