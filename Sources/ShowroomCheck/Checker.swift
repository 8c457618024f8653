import Foundation
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// `showroom check`: builds the site (or reads the one already built) and audits it: links, HTML,
/// catalog, seller trust and page/feed consistency. Every finding names its rule, severity and place.
public enum Checker {
    /// `host`: also hold the site against that host's documented limits (`HostAudit`).
    public static func check(_ options: BuildOptions, build: Bool = true, external: Bool = false, host: HostLimits? = nil) async -> CheckReport {
        let store = Builder.load(options)
        let diagnostics = store.diagnostics
        guard let site = store.site, !diagnostics.hasErrors else { return CheckReport(findings: diagnostics.sorted) }
        // Load warnings that belong to a rule take the rule's severity (a product without images is a
        // warning for the build, an error for a store about to be published).
        var findings = diagnostics.warnings.map { warning in
            var finding = warning
            if let rule = warning.rule { finding.severity = CheckRules.severity(rule) }
            return finding
        }
        var descriptions: [String]?
        if build {
            do {
                var options = options
                options.keepsDescriptions = true
                let summary = try await Builder.build(options, loaded: store)
                descriptions = summary.descriptions
                // The images step's own warnings (CMYK files, pictures too small for Merchant Center).
                findings += summary.warnings.filter { $0.rule.map(ImageAudit.stepRules.contains) ?? false }
            } catch {
                return CheckReport(findings: error.diagnostics)
            }
        }
        let root = URL(fileURLWithPath: options.outputDirectory, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        let files = Set(regularFiles(under: root))
        guard files.contains("index.html") else {
            return CheckReport(findings: findings + [.error("\(options.outputDirectory)/ holds no built site", at: nil,
                                                            hint: "run showroom build first, or drop --skip-build")])
        }
        let links = SiteLinks(settings: site.settings)
        let audit = OutputAudit(root: root, display: options.outputDirectory, links: links, files: files)
        let output = await audit.run()
        findings += output.findings
        // The build's own (no second Markdown pass), unless it was skipped or found nothing to do.
        if descriptions == nil { descriptions = try? await FeedRenderer(site: site).plainDescriptions() }
        findings += CatalogAudit(site: site, descriptions: descriptions ?? site.products.map(\.title)).run()
        findings += TrustAudit(site: site, contactPage: output.contactPage).run()
        if site.settings.checkout == nil {
            findings.append(CheckRules.finding(.checkoutNone, "site.json has no \"checkout\", so shoppers can look at products but nobody can buy them",
                                               at: SourceLocation(file: "site.json"),
                                               hint: "add e.g. \"checkout\": {\"provider\": \"email\"} (see README: Selling)"))
        }
        findings += ImageAudit(site: site, output: audit, pictures: output.pictures).run()
        findings += ConsistencyAudit(root: root, display: options.outputDirectory, pages: output.productPages).run()
        if let theme = store.theme { findings += SearchAudit(site: site, theme: theme, root: root, display: options.outputDirectory).run() }
        if let host { findings += HostAudit(limits: host, root: root, display: options.outputDirectory, paths: Array(files)).run() }
        if external {
            findings += await ExternalLinkChecker().check(output.external)
        }
        // Content findings point into the content folder, as build errors do.
        findings = findings.map { finding in
            var finding = finding
            if let location = finding.location, location.file == "site.json" { finding.location?.file = options.contentDirectory + "/site.json" }
            return finding
        }
        var report = CheckReport(findings: [], externalLinks: external ? [] : output.external.keys.sorted(),
                                 pages: files.filter { $0.hasSuffix(".html") }.count)
        for ignored in site.settings.ignoredChecks {
            let count = findings.filter { $0.rule == ignored.rule }.count
            report.silenced.append(.init(rule: ignored.rule, reason: ignored.reason, count: count))
        }
        let silenced = Set(site.settings.ignoredChecks.map(\.rule))
        var kept = Diagnostics()
        for finding in findings where !(finding.rule.map(silenced.contains) ?? false) { kept.append(finding) }
        report.findings = kept.sorted
        return report
    }
}

/// The outcome of a check, and its three printed forms.
public struct CheckReport: Sendable {
    public struct Silenced: Sendable {
        public var rule: CheckRuleID
        public var reason: String
        public var count: Int
    }

    public var findings: [Diagnostic]
    public var silenced: [Silenced] = []
    public var externalLinks: [String] = []
    public var pages = 0

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning }.count }

    /// Errors always fail; warnings fail with `--strict`.
    public func failed(strict: Bool) -> Bool { errors > 0 || (strict && warnings > 0) }

    public func text() -> String {
        var lines = findings.map { $0.formatted(showingRule: true) }
        for item in silenced { lines.append("silenced: \(item.rule.rawValue) (\(item.count) finding\(item.count == 1 ? "" : "s")): \(item.reason)") }
        if !externalLinks.isEmpty { lines.append("\(externalLinks.count) external link\(externalLinks.count == 1 ? "" : "s") not fetched (use --external to check them)") }
        lines.append("\(pages) pages checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    /// GitHub Actions workflow commands: each finding becomes an annotation on its file and line.
    public func github() -> String {
        var lines = findings.map { finding -> String in
            var properties: [String] = []
            if let location = finding.location {
                properties.append("file=\(Self.escapeProperty(location.file))")
                if let line = location.line { properties.append("line=\(line)") }
                if let column = location.column { properties.append("col=\(column)") }
            }
            if let rule = finding.rule { properties.append("title=\(Self.escapeProperty(rule.rawValue))") }
            var message = finding.message
            if let hint = finding.hint { message += "\nfix: " + hint }
            let command = finding.severity == .error ? "error" : "warning"
            return "::\(command)\(properties.isEmpty ? "" : " " + properties.joined(separator: ","))::\(Self.escapeData(message))"
        }
        lines.append("\(pages) pages checked: \(errors) errors, \(warnings) warnings")
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() -> String {
        let items = findings.map { finding -> JSONValue in
            .members([
                "rule": .optional(finding.rule?.rawValue), "severity": .string(finding.severity.rawValue), "message": .string(finding.message),
                "file": .optional(finding.location?.file), "line": finding.location?.line.map { .number(String($0)) },
                "column": finding.location?.column.map { .number(String($0)) }, "fix": .optional(finding.hint),
            ])
        }
        return JSONValue.members([
            "version": .number("1"),
            "summary": .members(["pages": .number(String(pages)), "errors": .number(String(errors)), "warnings": .number(String(warnings))]),
            "findings": .array(items),
            "silenced": .array(silenced.map { .members(["rule": .string($0.rule.rawValue), "reason": .string($0.reason), "count": .number(String($0.count))]) }),
            "external_links": .array(externalLinks.map { .string($0) }),
        ]).serialized(indent: true) + "\n"
    }

    // GitHub's escaping for workflow command data and properties.
    private static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
