/// Every rule `showroom check` applies: its id (used in reports and to silence it in site.json), its
/// severity and what it protects.
public struct CheckRule: Sendable {
    public var id: String
    public var severity: Diagnostic.Severity
    public var summary: String
}

public enum CheckRules {
    public static let all: [CheckRule] = [
        CheckRule(id: "links/broken", severity: .error, summary: "an internal link, image, script or stylesheet points at no file of the site"),
        CheckRule(id: "links/anchor", severity: .error, summary: "a #fragment names no element id of its page"),
        CheckRule(id: "links/external", severity: .error, summary: "an external link failed (only with --external)"),
        CheckRule(id: "html/missing-alt", severity: .error, summary: "an image has no alt text"),
        CheckRule(id: "html/missing-title", severity: .error, summary: "a page has no <title>"),
        CheckRule(id: "html/missing-description", severity: .warning, summary: "a page has no meta description"),
        CheckRule(id: "html/duplicate-id", severity: .error, summary: "two elements of a page share an id"),
        CheckRule(id: "html/parse-error", severity: .warning, summary: "the HTML parser reports broken markup (bad nesting, stray end tags)"),
        CheckRule(id: "catalog/gtin", severity: .error, summary: "a GTIN is malformed or its check digit is wrong"),
        CheckRule(id: "catalog/sale-price", severity: .error, summary: "a sale price is not below the price"),
        CheckRule(id: "catalog/missing-brand", severity: .warning, summary: "a product has no brand (Merchant Center and Meta require one)"),
        CheckRule(id: "catalog/missing-identifiers", severity: .warning, summary: "an item has neither GTIN nor MPN (the feeds say identifier_exists=no)"),
        CheckRule(id: "catalog/missing-image", severity: .error, summary: "an item has no image (Merchant Center and Meta reject it)"),
        CheckRule(id: "catalog/large-image", severity: .warning, summary: "an image file is over 2 MB (slow pages; Meta's limit is 8 MB)"),
        CheckRule(id: "catalog/title-too-long", severity: .warning, summary: "a title is over Merchant Center's 150 characters (the feed cuts it)"),
        CheckRule(id: "catalog/description-too-long", severity: .warning, summary: "a description is over Merchant Center's 5,000 characters (the feed cuts it)"),
        CheckRule(id: "catalog/duplicate-title", severity: .warning, summary: "two products share a title"),
        CheckRule(id: "catalog/duplicate-description", severity: .warning, summary: "two products share a description"),
        CheckRule(id: "catalog/no-collection", severity: .warning, summary: "a product is in no collection (only the all-products page lists it)"),
        CheckRule(id: "trust/seller-identity", severity: .error, summary: "the seller's legal name, address, email or phone is missing from site.json"),
        CheckRule(id: "trust/policies", severity: .error, summary: "the return or shipping policy is missing from site.json"),
        CheckRule(id: "trust/not-shown", severity: .error, summary: "the contact page does not show the seller's identity"),
        CheckRule(id: "checkout/none", severity: .warning, summary: "site.json has no \"checkout\": shoppers can look but nobody can buy"),
        CheckRule(id: "checkout/not-sellable", severity: .error, summary: "an item that can be ordered lacks what the checkout needs (shopify_variant_id or checkout_url)"),
        CheckRule(id: "checkout/currencies", severity: .error, summary: "a product is priced in another currency than the one the checkout takes"),
        CheckRule(id: "consistency/offer", severity: .error, summary: "price, currency or availability differ between a page, its JSON-LD and the feeds"),
    ]

    public static let ids = all.map(\.id)

    static func severity(_ id: String) -> Diagnostic.Severity {
        all.first { $0.id == id }?.severity ?? .error
    }

    static func finding(_ id: String, _ message: String, at location: SourceLocation?, hint: String? = nil) -> Diagnostic {
        Diagnostic(severity(id), message, at: location, hint: hint, rule: id)
    }
}
