/// The id of every rule `showroom check` applies: what reports show and what site.json silences.
public enum CheckRuleID: String, Sendable, CaseIterable, Comparable {
    case linksBroken = "links/broken"
    case linksAnchor = "links/anchor"
    case linksExternal = "links/external"
    case htmlMissingAlt = "html/missing-alt"
    case htmlMissingTitle = "html/missing-title"
    case htmlMissingDescription = "html/missing-description"
    case htmlDuplicateId = "html/duplicate-id"
    case htmlParseError = "html/parse-error"
    case catalogGTIN = "catalog/gtin"
    case catalogSalePrice = "catalog/sale-price"
    case catalogMissingBrand = "catalog/missing-brand"
    case catalogMissingIdentifiers = "catalog/missing-identifiers"
    case catalogMissingImage = "catalog/missing-image"
    case catalogLargeImage = "catalog/large-image"
    case catalogTitleTooLong = "catalog/title-too-long"
    case catalogDescriptionTooLong = "catalog/description-too-long"
    case catalogDuplicateTitle = "catalog/duplicate-title"
    case catalogDuplicateDescription = "catalog/duplicate-description"
    case catalogNoCollection = "catalog/no-collection"
    case trustSellerIdentity = "trust/seller-identity"
    case trustPolicies = "trust/policies"
    case trustNotShown = "trust/not-shown"
    case checkoutNone = "checkout/none"
    case checkoutNotSellable = "checkout/not-sellable"
    case checkoutCurrencies = "checkout/currencies"
    case consistencyOffer = "consistency/offer"
    case imagesTooSmall = "images/too-small"
    case imagesCMYK = "images/cmyk"
    case imagesRemote = "images/remote"
    case imagesFirstScreen = "images/first-screen"
    case hostFileCount = "host/file-count"
    case hostFileSize = "host/file-size"
    case hostFilesPerFolder = "host/files-per-folder"
    case hostPathLength = "host/path-length"
    case searchIndex = "search/index"

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

import ShowroomSupport

/// Every rule `showroom check` applies: its id (used in reports and to silence it in site.json), its
/// severity and what it protects.
public struct CheckRule: Sendable {
    public var id: CheckRuleID
    public var severity: Diagnostic.Severity
    public var summary: String
}

public enum CheckRules {
    public static let all: [CheckRule] = [
        CheckRule(id: .linksBroken, severity: .error, summary: "an internal link, image, script or stylesheet points at no file of the site"),
        CheckRule(id: .linksAnchor, severity: .error, summary: "a #fragment names no element id of its page"),
        CheckRule(id: .linksExternal, severity: .error, summary: "an external link failed (only with --external)"),
        CheckRule(id: .htmlMissingAlt, severity: .error, summary: "an image has no alt text"),
        CheckRule(id: .htmlMissingTitle, severity: .error, summary: "a page has no <title>"),
        CheckRule(id: .htmlMissingDescription, severity: .warning, summary: "a page has no meta description"),
        CheckRule(id: .htmlDuplicateId, severity: .error, summary: "two elements of a page share an id"),
        CheckRule(id: .htmlParseError, severity: .warning, summary: "the HTML parser reports broken markup (bad nesting, stray end tags)"),
        CheckRule(id: .catalogGTIN, severity: .error, summary: "a GTIN is malformed or its check digit is wrong"),
        CheckRule(id: .catalogSalePrice, severity: .error, summary: "a sale price is not below the price"),
        CheckRule(id: .catalogMissingBrand, severity: .warning, summary: "a product has no brand (Merchant Center and Meta require one)"),
        CheckRule(id: .catalogMissingIdentifiers, severity: .warning, summary: "an item has neither GTIN nor MPN (the feeds say identifier_exists=no)"),
        CheckRule(id: .catalogMissingImage, severity: .error, summary: "an item has no image (Merchant Center and Meta reject it)"),
        CheckRule(id: .catalogLargeImage, severity: .warning, summary: "an image file is over 2 MB (slow pages; Meta's limit is 8 MB)"),
        CheckRule(id: .catalogTitleTooLong, severity: .warning, summary: "a title is over Merchant Center's 150 characters (the feed cuts it)"),
        CheckRule(id: .catalogDescriptionTooLong, severity: .warning, summary: "a description is over Merchant Center's 5,000 characters (the feed cuts it)"),
        CheckRule(id: .catalogDuplicateTitle, severity: .warning, summary: "two products share a title"),
        CheckRule(id: .catalogDuplicateDescription, severity: .warning, summary: "two products share a description"),
        CheckRule(id: .catalogNoCollection, severity: .warning, summary: "a product is in no collection (only the all-products page lists it)"),
        CheckRule(id: .trustSellerIdentity, severity: .error, summary: "the seller's legal name, address, email or phone is missing from site.json"),
        CheckRule(id: .trustPolicies, severity: .error, summary: "the return or shipping policy is missing from site.json"),
        CheckRule(id: .trustNotShown, severity: .error, summary: "the contact page does not show the seller's identity"),
        CheckRule(id: .checkoutNone, severity: .warning, summary: "site.json has no \"checkout\": shoppers can look but nobody can buy"),
        CheckRule(id: .checkoutNotSellable, severity: .error, summary: "an item that can be ordered lacks what the checkout needs (shopify_variant_id or checkout_url)"),
        CheckRule(id: .checkoutCurrencies, severity: .error, summary: "a product is priced in another currency than the one the checkout takes"),
        CheckRule(id: .imagesTooSmall, severity: .warning, summary: "a product picture is smaller than Merchant Center accepts (100×100 px; 250×250 for apparel)"),
        CheckRule(id: .imagesCMYK, severity: .warning, summary: "a picture is a CMYK file (print colours): it was converted to sRGB and its colours may shift"),
        CheckRule(id: .imagesRemote, severity: .warning, summary: "a picture is an https:// address: it is not resized and its size is unknown (pages may jump as it loads)"),
        CheckRule(id: .imagesFirstScreen, severity: .warning, summary: "a page's pictures on a phone's first screen (390 px wide) weigh more than the budget (1.5 MB)"),
        CheckRule(id: .hostFileCount, severity: .error, summary: "with --host: the site has more files than the host takes (a warning past a Free plan's limit)"),
        CheckRule(id: .hostFileSize, severity: .error, summary: "with --host: a file is larger than the host serves"),
        CheckRule(id: .hostFilesPerFolder, severity: .error, summary: "with --host: a folder holds more files than the host deploys"),
        CheckRule(id: .hostPathLength, severity: .error, summary: "with --host: a file's path is longer than the host takes"),
        CheckRule(id: .searchIndex, severity: .error, summary: "the search index does not hold exactly the published products and pages, with the catalog's filter values"),
        CheckRule(id: .consistencyOffer, severity: .error, summary: "price, currency or availability differ between a page, its JSON-LD and the feeds"),
    ]

    public static let ids = all.map(\.id.rawValue)

    package static func severity(_ id: CheckRuleID) -> Diagnostic.Severity {
        all.first { $0.id == id }?.severity ?? .error
    }

    package static func finding(_ id: CheckRuleID, _ message: String, at location: SourceLocation?, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity(id), message, at: location, hint: hint, rule: id)
    }
}
