import Foundation
import ShowroomModel

/// Holds the built site against what its host accepts (`showroom check --host`): the number of files, the
/// size of each, files in one folder and the length of paths, as the host documents them (`HostLimits`).
struct HostAudit {
    let limits: HostLimits
    /// How output files are named in findings (`Public`).
    let display: String
    /// Every file of the site, relative to its root, with its size in bytes.
    let files: [(path: String, bytes: Int)]

    /// Reads the sizes of `paths` under `root`.
    init(limits: HostLimits, root: URL, display: String, paths: [String]) {
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        self.init(limits: limits, display: display, files: paths.sorted().map { path in
            var info = stat()
            return (path, stat(prefix + path, &info) == 0 ? Int(info.st_size) : 0)
        })
    }

    init(limits: HostLimits, display: String, files: [(path: String, bytes: Int)]) {
        self.limits = limits
        self.display = display
        self.files = files.sorted { $0.path < $1.path }
    }

    func run() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let host = limits.host.rawValue
        let hint = "see \(limits.source) (README › Publishing from CI)"
        let total = files.reduce(0) { $0 + $1.bytes }
        let site = SourceLocation(file: display)
        if let maximum = limits.files, files.count > maximum {
            findings.append(CheckRules.finding(.hostFileCount, "the site has \(Self.count(files.count)) files (\(Self.size(total))); \(host) takes at most \(Self.count(maximum))",
                                               at: site, hint: hint))
        } else if let free = limits.filesOnFreePlan, files.count > free {
            findings.append(Diagnostic(.warning, "the site has \(Self.count(files.count)) files (\(Self.size(total))); \(host)'s Free plan takes at most \(Self.count(free)), a paid plan \(Self.count(limits.files ?? free))",
                                       at: site, hint: hint, rule: .hostFileCount))
        }
        for file in files {
            let location = SourceLocation(file: "\(display)/\(file.path)")
            if let maximum = limits.fileBytes, file.bytes > maximum {
                findings.append(CheckRules.finding(.hostFileSize, "the file is \(Self.size(file.bytes)); \(host) serves files of at most \(Self.size(maximum))",
                                                   at: location, hint: hint))
            }
            if let maximum = limits.pathBytes, file.path.utf8.count > maximum {
                findings.append(CheckRules.finding(.hostPathLength, "the file's path is \(Self.count(file.path.utf8.count)) bytes long; \(host) takes at most \(Self.count(maximum))",
                                                   at: location, hint: "shorten the handle or variant SKU it is named after; " + hint))
            }
        }
        if let maximum = limits.filesPerFolder {
            var perFolder: [Substring: Int] = [:]
            for file in files {
                let folder = file.path.lastIndex(of: "/").map { file.path[..<$0] } ?? ""
                perFolder[folder, default: 0] += 1
            }
            for (folder, count) in perFolder.sorted(by: { $0.key < $1.key }) where count > maximum {
                findings.append(CheckRules.finding(.hostFilesPerFolder, "the folder holds \(Self.count(count)) files; \(host) fails a deploy with more than \(Self.count(maximum)) in one folder",
                                                   at: SourceLocation(file: folder.isEmpty ? display : "\(display)/\(folder)"), hint: hint))
            }
        }
        return findings
    }

    static func count(_ number: Int) -> String {
        let digits = String(number)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }

    /// Bytes as people read them, in binary units as the hosts state their limits (25 MiB).
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 * 1024 { return "\(count(bytes)) bytes" }
        let mebibytes = Double(bytes) / Double(HostLimits.mebibyte)
        return mebibytes < 1024 ? String(format: "%.1f MiB", mebibytes) : String(format: "%.2f GiB", mebibytes / 1024)
    }
}
