import Foundation
import ShowroomModel
import ShowroomSupport

/// Picture rules over the built site: what a phone downloads for each page's first screen, and pictures
/// the build could not size because they live elsewhere.
struct ImageAudit {
    let site: Site
    let output: OutputAudit
    let pictures: [String: [PageScan.Picture]]

    /// The phone the first screen is measured on: 390 CSS px wide at 3 device pixels per CSS pixel (an
    /// iPhone of 2022–2024), which chooses from `srcset` for 1,170 px.
    static let viewport = 390.0
    static let pixelRatio = 3.0
    static let rootFontSize = 16.0
    /// Rules the build's images step reports, which `check` passes on.
    static let stepRules: Set<CheckRuleID> = [.imagesCMYK, .imagesTooSmall]

    func run() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let budget = site.settings.firstScreenImageBudget
        for page in pictures.keys.sorted() {
            let weight = pictures[page]!.filter { !$0.lazy }.reduce(0) { $0 + bytes(of: $1, on: page) }
            guard weight > budget else { continue }
            findings.append(CheckRules.finding(.imagesFirstScreen,
                "the pictures a phone loads first on this page weigh \(Self.megabytes(weight)) (budget \(Self.megabytes(budget)))",
                at: SourceLocation(file: "\(output.display)/\(page)", line: pictures[page]!.first { !$0.lazy }?.line ?? 1, column: 1),
                hint: "mark pictures below the first screen loading=\"lazy\", lower the quality in the theme's images.json, or raise \"first_screen_image_kb\" under \"checks\" in site.json"))
        }
        findings += remotePictures()
        return findings
    }

    /// The bytes a phone downloads for one `<img>`: from the first `<source>` (browsers that read
    /// `<picture>` take the first type they support, and every current phone browser supports AVIF and
    /// WebP), the smallest candidate at least as wide as the slot's device pixels, else the largest.
    func bytes(of picture: PageScan.Picture, on page: String) -> Int {
        let chosen: String?
        if let source = picture.sources.first {
            let slot = Self.slotWidth(source.sizes, viewport: Self.viewport) * Self.pixelRatio
            let candidates = Self.candidates(source.srcset).sorted { $0.width < $1.width }
            chosen = (candidates.first { Double($0.width) >= slot } ?? candidates.last)?.url ?? picture.src
        } else {
            chosen = picture.src
        }
        guard let chosen, case .file(let path, _) = output.resolve(chosen, from: page) else { return 0 }
        return fileSizeAndModification(output.root.appendingPathComponent(path).path)?.size ?? 0
    }

    /// `url 360w` candidates of a `srcset` (density descriptors count as their URL's own width unknown: 0).
    static func candidates(_ srcset: String) -> [(url: String, width: Int)] {
        srcset.split(separator: ",").compactMap { candidate in
            let parts = candidate.split(separator: " ", omittingEmptySubsequences: true)
            guard let url = parts.first else { return nil }
            let width = parts.dropFirst().first.flatMap { $0.hasSuffix("w") ? Int($0.dropLast()) : nil } ?? 0
            return (String(url), width)
        }
    }

    /// The slot width in CSS pixels that a `sizes` attribute gives at `viewport`: the first entry whose
    /// media condition holds (`(min-width: …)`, `(max-width: …)` in px or em), else the last entry;
    /// lengths in px, vw, em or rem. No `sizes`: the whole viewport, as browsers assume.
    static func slotWidth(_ sizes: String?, viewport: Double) -> Double {
        guard let sizes, !sizes.isBlank else { return viewport }
        for entry in sizes.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            guard entry.hasPrefix("("), let close = entry.firstIndex(of: ")") else { return length(entry, viewport: viewport) ?? viewport }
            let condition = entry[entry.index(after: entry.startIndex)..<close].split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            let slot = entry[entry.index(after: close)...].trimmingCharacters(in: .whitespaces)
            guard condition.count == 2, let limit = length(condition[1], viewport: viewport) else { continue }
            let holds = condition[0] == "min-width" ? viewport >= limit : condition[0] == "max-width" ? viewport <= limit : false
            if holds { return length(slot, viewport: viewport) ?? viewport }
        }
        return viewport
    }

    private static func length(_ text: String, viewport: Double) -> Double? {
        for (unit, scale) in [("px", 1.0), ("vw", viewport / 100), ("rem", rootFontSize), ("em", rootFontSize)] where text.hasSuffix(unit) {
            return Double(text.dropLast(unit.count)).map { $0 * scale }
        }
        return nil
    }

    /// One finding for all pictures given as `https://` addresses: the build cannot size or resize them.
    private func remotePictures() -> [Diagnostic] {
        var remote: [MediaReference] = []
        var seen: Set<String> = []
        func add(_ media: MediaReference?) {
            if let media, media.isRemote, seen.insert(media.path).inserted { remote.append(media) }
        }
        add(site.settings.logo)
        for product in site.products {
            product.images.forEach(add)
            product.variants.forEach { add($0.image) }
        }
        site.collections.forEach { add($0.image) }
        guard let first = remote.first else { return [] }
        let count = remote.count == 1 ? "a picture is" : "\(remote.count) pictures are"
        return [CheckRules.finding(.imagesRemote,
            "\(count) given as https:// addresses (first: \(first.path)): they are not resized, their size is unknown, so pages may jump as they load and phones may download more than they show",
            at: first.location, hint: "download them into Content/media/ and name them there (media/…); the build then sizes them for every screen")]
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
}
