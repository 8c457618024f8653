import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// The values a feed field template sees for one sellable item, built directly as template fields:
/// they are made for every item of every feed, so nothing is converted on the way.
enum FeedItemValues {
    static func values(_ item: SellableItem, of product: Product, description: String, collections: [String], links: SiteLinks, images: RenderedImages) -> TemplateFields {
        var values: TemplateFields = [
            "id": item.id, "handle": product.handle, "title": item.title, "product_title": product.title,
            "description": description, "link": links.absolute(item.sitePath),
            "price": item.price.regular.decimalString, "currency": item.price.regular.currency,
            "current_price": item.price.current.decimalString, "on_sale": item.price.isOnSale,
            "availability": item.availability.rawValue, "condition": product.condition.rawValue,
            "tags": product.tags, "collections": collections, "has_variants": product.hasVariants,
        ]
        if let sale = item.price.sale { values["sale_price"] = sale.decimalString }
        if let group = item.groupID { values["group_id"] = group }
        if let brand = product.brand { values["brand"] = brand }
        if let gtin = item.gtin { values["gtin"] = gtin.digits }
        if let mpn = item.mpn { values["mpn"] = mpn }
        if let image = item.image { values["image_link"] = links.absolute(images.shareable(image)) }
        if let first = collections.first { values["collection"] = first }
        if let category = product.googleProductCategory { values["google_product_category"] = category }
        var options = TemplateFields()
        for option in item.options { options[option.name.lowercased().replacingOccurrences(of: " ", with: "_")] = option.value }
        values["options"] = options
        return values
    }
}
