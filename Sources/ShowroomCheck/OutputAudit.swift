import CLibXML2
import Foundation
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// Link and HTML rules over the built site, parsed with libxml2's HTML parser.
struct OutputAudit {
    let root: URL
    /// How output files are named in findings (`Public`).
    let display: String
    let links: SiteLinks
    let files: Set<String>

    struct Result {
        var findings: [Diagnostic] = []
        /// External URLs (not fetched unless asked), with the first place each is linked from.
        var external: [String: SourceLocation] = [:]
        /// Scans of product and contact pages, for the trust and consistency audits.
        var productPages: [String: PageScan] = [:]
        var contactPage: PageScan?
        /// Each page's pictures, for the first-screen weight.
        var pictures: [String: [PageScan.Picture]] = [:]
    }

    func run() async -> Result {
        var result = Result()
        var idsByPage: [String: Set<String>] = [:]
        var pending: [(page: String, target: String, fragment: String, location: SourceLocation)] = []
        // Parsing is most of the work and pages are independent: scan them on every core, then judge
        // them in page order so the report does not depend on scheduling.
        xmlInitParser()
        let pages = files.sorted().filter { $0.hasSuffix(".html") }
        let root = self.root
        let scans = await parallelMap(count: pages.count) { index in
            FileManager.default.contents(atPath: root.appendingPathComponent(pages[index]).path).map { PageScan([UInt8]($0), path: pages[index]) }
        }
        for (page, scan) in zip(pages, scans) {
            guard let scan else { continue }
            func at(_ line: Int) -> SourceLocation { SourceLocation(file: "\(display)/\(page)", line: line, column: 1) }
            var ids: Set<String> = []
            for (id, line) in scan.ids where !ids.insert(id).inserted {
                result.findings.append(CheckRules.finding(.htmlDuplicateId, "the id \"\(id)\" is used twice on the page", at: at(line),
                                                          hint: "ids must be unique; the theme template repeats it"))
            }
            idsByPage[page] = ids
            if (scan.title ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                result.findings.append(CheckRules.finding(.htmlMissingTitle, "the page has no <title>", at: at(1)))
            }
            if page != "404.html", (scan.metaDescription ?? "").isEmpty {
                result.findings.append(CheckRules.finding(.htmlMissingDescription, "the page has no meta description", at: at(1),
                                                          hint: "give the page a description (front matter \"description\" or a product summary)"))
            }
            for line in scan.imagesWithoutAlt {
                result.findings.append(CheckRules.finding(.htmlMissingAlt, "an image has no alt text", at: at(line),
                                                          hint: "describe the picture for people who cannot see it (alt=\"\" only for decoration)"))
            }
            for (message, line) in scan.parseErrors {
                result.findings.append(CheckRules.finding(.htmlParseError, message, at: at(line)))
            }
            for reference in scan.references {
                switch resolve(reference.url, from: page) {
                case .ignored: break
                case .external(let url): if result.external[url] == nil { result.external[url] = at(reference.line) }
                case .missing(let path):
                    result.findings.append(CheckRules.finding(.linksBroken, "<\(reference.element)> points at \(reference.url), which is not in the site (\(path))",
                                                              at: at(reference.line), hint: "fix the link, or add the missing page or file"))
                case .file(let target, let fragment):
                    if let fragment, !fragment.isEmpty { pending.append((page, target, fragment, at(reference.line))) }
                }
            }
            if !scan.pictures.isEmpty { result.pictures[page] = scan.pictures }
            if page.hasPrefix("products/") { result.productPages[page] = scan }
            if page == "contact/index.html" { result.contactPage = scan }
        }
        for link in pending where !(idsByPage[link.target]?.contains(link.fragment) ?? true) {
            result.findings.append(CheckRules.finding(.linksAnchor, "#\(link.fragment) names no element of \(link.target)", at: link.location,
                                                      hint: "add id=\"\(link.fragment)\" to the target, or fix the fragment"))
        }
        return result
    }

    enum Target {
        case ignored
        case external(String)
        case missing(String)
        case file(String, fragment: String?)
    }

    /// Where a link leads: a file of the site (with its #fragment), an external URL, or nowhere.
    func resolve(_ url: String, from page: String) -> Target {
        let lower = url.lowercased()
        for scheme in ["mailto:", "tel:", "data:", "javascript:", "sms:"] where lower.hasPrefix(scheme) { return .ignored }
        var reference = url
        if reference.hasPrefix(links.baseURL + "/") || reference == links.baseURL {
            reference = links.basePath + String(reference.dropFirst(links.baseURL.count))
            if reference.isEmpty { reference = "/" }
        } else if lower.hasPrefix("http://") || lower.hasPrefix("https://") || reference.hasPrefix("//") {
            return .external(url)
        }
        var fragment: String?
        if let hash = reference.firstIndex(of: "#") {
            fragment = String(reference[reference.index(after: hash)...])
            reference = String(reference[..<hash])
        }
        if let query = reference.firstIndex(of: "?") { reference = String(reference[..<query]) }
        reference = reference.removingPercentEncoding ?? reference
        var path: String
        if reference.isEmpty {
            path = page
        } else if reference.hasPrefix("/") {
            guard links.basePath.isEmpty || reference.hasPrefix(links.basePath + "/") else { return .missing(reference) }
            path = String(reference.dropFirst(links.basePath.count + 1))
        } else {
            let directory = (page as NSString).deletingLastPathComponent
            path = directory.isEmpty ? reference : directory + "/" + reference
        }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { if parts.popLast() == nil { return .missing(reference) } } else if part != "." { parts.append(part) }
        }
        path = parts.joined(separator: "/")
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if files.contains(path) { return .file(path, fragment: fragment) }
        if files.contains(path + "/index.html") { return .file(path + "/index.html", fragment: fragment) }
        return .missing(path)
    }
}
