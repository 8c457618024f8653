import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// The export files `showroom import` reads.
public enum ImportFormat: String, CaseIterable, Sendable {
    case amazon
    case shopify
    case woocommerce

    public var displayName: String {
        switch self {
        case .amazon: "Amazon listings report or inventory file"
        case .shopify: "Shopify product CSV"
        case .woocommerce: "WooCommerce product CSV"
        }
    }

    /// Which format a header row looks like, to say so when the wrong one was named.
    static func guess(_ columns: [String]) -> ImportFormat? {
        // A tab-separated header read as CSV is one column; look inside it too.
        let names = Set(columns.flatMap { $0.split(separator: "\t") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        if names.contains("seller-sku") || names.contains("item_sku") { return .amazon }
        if (names.contains("handle") || names.contains("url handle")) && (names.contains("variant price") || names.contains("price")) { return .shopify }
        if names.contains("regular price") && names.contains("type") { return .woocommerce }
        return nil
    }

    static func emptyFile(_ file: String) -> Diagnostic {
        .error("the file is empty", at: SourceLocation(file: file), hint: "export the products again")
    }

    static func wrongFormat(_ format: ImportFormat, table: SourceTable, missing: [String]) -> Diagnostic {
        var hint = "export the file again from \(format == .amazon ? "Seller Central" : format == .shopify ? "Shopify (Products → Export)" : "WooCommerce (Products → Export)")"
        if let other = guess(table.columns), other != format {
            hint = "it looks like a \(other.displayName): run `showroom import \(other.rawValue) …`"
        }
        return .error("this is not a \(format.displayName): the header row has no \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) column",
                      at: table.headerLocation, hint: hint)
    }
}
