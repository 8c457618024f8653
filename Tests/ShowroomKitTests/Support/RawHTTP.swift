import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 client over a POSIX socket: sends the request line exactly as written (no URL
/// normalization, so traversal attempts reach the server as an attacker would send them).
struct RawHTTP: Sendable {
    struct Response: Sendable {
        var status: Int
        var headers: [String: String]  // lowercased names
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let port: Int

    /// Blocking socket work runs on a Dispatch queue, never on the cooperative pool the server's
    /// actor needs (two blocked threads would stall every test on a 2-core machine).
    /// `timeout` is generous: the whole suite runs beside these requests on two cores, and the server's
    /// handlers share Swift's thread pool with every test's build.
    func request(_ target: String, method: String = "GET", headers: [String: String] = [:], timeout: Int = 120) async throws -> Response {
        try await Self.offPool { try requestNow(target, method: method, headers: headers, timeout: timeout) }
    }

    func read(_ target: String, until marker: String, timeout: Int = 30) async throws -> String {
        try await Self.offPool { try readNow(target, until: marker, timeout: timeout) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func requestNow(_ target: String, method: String, headers: [String: String], timeout: Int) throws -> Response {
        let raw = try exchange("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + headers.map { "\($0.key): \($0.value)\r\n" }.joined() + "\r\n", until: nil, timeout: timeout)
        guard let split = Self.find(Array("\r\n\r\n".utf8), in: raw) else { throw Failure(description: "no header end in \(raw.count) bytes") }
        let head = String(decoding: raw[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusText = head.first?.split(separator: " ").dropFirst().first, let status = Int(statusText) else {
            throw Failure(description: "bad status line \(head.first ?? "")")
        }
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Array(raw[(split + 4)...])
        if fields["transfer-encoding"] == "chunked" { body = Self.dechunk(body) }
        return Response(status: status, headers: fields, body: body)
    }

    /// Opens a request and reads until `marker` appears (for server-sent events), then closes.
    private func readNow(_ target: String, until marker: String, timeout: Int) throws -> String {
        String(decoding: try exchange("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", until: Array(marker.utf8), timeout: timeout), as: UTF8.self)
    }

    private func exchange(_ request: String, until marker: [UInt8]?, timeout: Int = 30) throws -> [UInt8] {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket failed") }
        defer { close(descriptor) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "cannot connect to port \(port)") }
        let bytes = Array(request.utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { send(descriptor, $0.baseAddress! + sent, $0.count - sent, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure(description: "cannot send to port \(port)") }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            // A socket with a receive timeout is never restarted after a signal (signal(7)), and the test
            // runner gets one whenever a child program ends.
            if count < 0 && errno == EINTR { continue }
            // Said apart from a closed connection: the two point at different bugs.
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                throw Failure(description: "\(target(of: request)): no more bytes within \(timeout) s after \(received.count)")
            }
            if count <= 0 { break }
            received += buffer[0..<count]
            if let marker, Self.find(marker, in: received) != nil { break }
        }
        return received
    }

    private func target(of request: String) -> Substring {
        request.prefix { $0 != "\r" }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for index in 0...(haystack.count - needle.count) where haystack[index] == needle[0] && Array(haystack[index..<index + needle.count]) == needle {
            return index
        }
        return nil
    }

    private static func dechunk(_ body: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var index = 0
        while let lineEnd = find(Array("\r\n".utf8), in: Array(body[index...])).map({ $0 + index }) {
            guard let size = Int(String(decoding: body[index..<lineEnd], as: UTF8.self), radix: 16), size > 0 else { break }
            result += body[(lineEnd + 2)..<min(body.count, lineEnd + 2 + size)]
            index = lineEnd + 2 + size + 2
            if index >= body.count { break }
        }
        return result
    }
}
