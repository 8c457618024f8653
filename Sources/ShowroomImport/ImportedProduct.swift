import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// One product as read from an export file, before it is merged into the catalog. Values are already in
/// the content format's terms (decimal money, `in_stock`, valid GTINs); what could not be mapped was reported.
struct ImportedProduct {
    /// Identifies the product in the source system across imports (`shopify:<handle>`, `amazon:<sku>`…).
    var sourceID: String
    /// The handle the source suggests (Shopify has one); otherwise one is made from the title.
    var suggestedHandle: String?
    var title: String
    var brand: String?
    var mpn: String?
    var gtin: String?
    /// The SKU of a product sold as one item (kept as `x-sku`: the content format has SKUs on variants only).
    var sku: String?
    var price: ImportedPrice?
    var availability: String?
    var condition: String?
    var published: CalendarDate?
    var draft = false
    var collections: [String] = []
    var tags: [String] = []
    var googleProductCategory: String?
    var images: [String] = []
    var variants: [ImportedVariant] = []
    /// Extra facts the source has and the content format does not (`x-amazon-asin`…).
    var extras: [(String, JSONValue)] = []

    /// The write-up: body HTML from the source, and front matter.
    var descriptionHTML: String?
    var summary: String?
    var highlights: [String] = []

    var location: SourceLocation
}

struct ImportedVariant {
    var sku: String
    var options: [(name: String, value: String)]
    var price: ImportedPrice?
    var availability: String?
    var gtin: String?
    var mpn: String?
    var image: String?
    var location: SourceLocation
}

/// A price pair as decimal text in the store's currency: `regular` always, `sale` only below it.
struct ImportedPrice: Equatable {
    var regular: String
    var sale: String?
}

/// What one reader makes of a file: the products, and every row it skipped or changed, with reasons.
struct ImportReading {
    var products: [ImportedProduct] = []
    var notes: [Diagnostic] = []
    var rowsRead = 0
    /// `shopify:`…: the start of the `x-imported-from` values this format writes.
    var sourcePrefix = ""
}
