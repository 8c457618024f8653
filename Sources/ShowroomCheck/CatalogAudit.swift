import Foundation
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// Catalog rules, on the loaded `Site`: what Merchant Center and Meta would reject or penalise.
struct CatalogAudit {
    let site: Site
    /// Plain-text descriptions as the feeds carry them, one per product.
    let descriptions: [String]

    static let largeImageBytes = 2_000_000

    func run() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        var titles: [String: Product] = [:]
        var texts: [String: Product] = [:]
        for (index, product) in site.products.enumerated() {
            let location = product.location
            if product.brand == nil {
                findings.append(CheckRules.finding(.catalogMissingBrand, "product \"\(product.handle)\" has no brand", at: location,
                                                   hint: "add \"brand\" (your own brand name for goods you make)"))
            }
            for item in product.sellableItems {
                if item.gtin == nil && item.mpn == nil {
                    findings.append(CheckRules.finding(.catalogMissingIdentifiers, "\(item.id) of \"\(product.handle)\" has neither GTIN nor MPN",
                                                       at: location, hint: "add the barcode number as \"gtin\", or your part number as \"mpn\""))
                }
                if item.title.unicodeScalars.count > FeedLimits.googleMerchantTitle {
                    findings.append(CheckRules.finding(.catalogTitleTooLong,
                                                       "the title of \(item.id) has \(item.title.unicodeScalars.count) characters; Merchant Center shows 150",
                                                       at: location, hint: "shorten the product title or the option values"))
                }
            }
            if descriptions[index].unicodeScalars.count > FeedLimits.googleMerchantDescription {
                findings.append(CheckRules.finding(.catalogDescriptionTooLong,
                                                   "the description of \"\(product.handle)\" has \(descriptions[index].unicodeScalars.count) characters; the feeds cut it at 5,000",
                                                   at: product.description.map { SourceLocation(file: $0.displayPath) } ?? location,
                                                   hint: "put the essentials first, or shorten the write-up"))
            }
            if let first = titles[product.title] {
                findings.append(CheckRules.finding(.catalogDuplicateTitle, "\"\(product.handle)\" has the same title as \"\(first.handle)\": \(product.title)",
                                                   at: location, hint: "make each title say what sets the product apart"))
            } else {
                titles[product.title] = product
            }
            if descriptions[index] != product.title {
                if let first = texts[descriptions[index]] {
                    findings.append(CheckRules.finding(.catalogDuplicateDescription, "\"\(product.handle)\" has the same description as \"\(first.handle)\"",
                                                       at: location, hint: "write a description of its own; search engines and shoppers skip copies"))
                } else {
                    texts[descriptions[index]] = product
                }
            }
            if product.collections.isEmpty {
                findings.append(CheckRules.finding(.catalogNoCollection, "\"\(product.handle)\" is in no collection", at: location,
                                                   hint: "add it to \"collections\" so shoppers browsing find it"))
            }
            for image in Set(product.images + product.variants.compactMap(\.image)).sorted(by: { $0.path < $1.path }) where !image.isRemote {
                let path = URL(fileURLWithPath: site.contentDirectory).appendingPathComponent(image.path).path
                if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > Self.largeImageBytes {
                    findings.append(CheckRules.finding(.catalogLargeImage, "\(image.path) of \"\(product.handle)\" is \(size / 1_000_000) MB", at: location,
                                                       hint: "export it at about 2000 px on the long side, JPEG quality 80–85"))
                }
            }
        }
        return findings
    }
}

/// What buyers (and consumer-protection laws) expect to know about a seller, present and shown.
struct TrustAudit {
    let site: Site
    let contactPage: PageScan?

    func run() -> [Diagnostic] {
        var findings: [Diagnostic] = []
        let settings = site.settings
        let file = SourceLocation(file: "site.json")
        // A missing seller identity is reported when site.json is read (rule trust/seller-identity).
        let seller = settings.seller
        if settings.returns == nil {
            findings.append(CheckRules.finding(.trustPolicies, "no return policy", at: file, hint: "add \"policies\": {\"returns\": …} to site.json"))
        }
        if settings.shipping.isEmpty {
            findings.append(CheckRules.finding(.trustPolicies, "no shipping rates", at: file, hint: "add \"policies\": {\"shipping\": […]} to site.json"))
        }
        if let page = contactPage {
            var shown: [(String, String?)] = [("legal name", seller.legalName), ("email", seller.email), ("phone", seller.phone),
                                              ("street address", seller.address?.street)]
            shown = shown.filter { $0.1 != nil }
            for (field, value) in shown where !page.visibleText.contains(value!.collapsingWhitespace) {
                findings.append(CheckRules.finding(.trustNotShown, "the contact page does not show the seller's \(field)",
                                                   at: SourceLocation(file: "contact/index.html"), hint: "the theme's contact.mustache should show the seller block"))
            }
        } else {
            findings.append(CheckRules.finding(.trustNotShown, "the site has no contact page", at: SourceLocation(file: "contact/index.html")))
        }
        return findings
    }
}
