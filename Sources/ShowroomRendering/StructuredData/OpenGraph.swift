import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Open Graph product tags as Meta reads them (link previews, and catalogs filled from the pixel).
/// Prices follow the Meta catalog feed: `price` is the regular price, `sale_price` the reduced one.
enum OpenGraph {
    /// `size`: the picture's pixels when known, so a preview can lay out the card before fetching it.
    static func product(_ item: SellableItem, of product: Product, image: MediaReference?, links: SiteLinks,
                        size: (width: Int, height: Int)? = nil) -> [(property: String, content: String)] {
        var tags: [(String, String)] = [("og:type", "product")]
        if let image { tags.append(("og:image", links.absolute(image))) }
        if let size {
            tags.append(("og:image:width", String(size.width)))
            tags.append(("og:image:height", String(size.height)))
        }
        if let brand = product.brand { tags.append(("product:brand", brand)) }
        tags.append(("product:availability", MetaCatalogFeed.availability(item.availability)))
        tags.append(("product:condition", product.condition.rawValue))
        tags.append(("product:price:amount", item.price.regular.decimalString))
        tags.append(("product:price:currency", item.price.regular.currency))
        if let sale = item.price.sale {
            tags.append(("product:sale_price:amount", sale.decimalString))
            tags.append(("product:sale_price:currency", sale.currency))
        }
        tags.append(("product:retailer_item_id", item.id))
        if let group = item.groupID { tags.append(("product:item_group_id", group)) }
        return tags
    }

    static func html(_ tags: [(property: String, content: String)]) -> String {
        tags.map { "<meta property=\"\(HTML.escape($0.property))\" content=\"\(HTML.escape($0.content))\">\n" }.joined()
    }
}
