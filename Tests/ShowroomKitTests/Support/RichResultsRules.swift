import Foundation

/// Google's rules for the structured data a storefront emits (merchant listings, product variants,
/// breadcrumbs, videos), as its Search Central docs state them. Each function returns the problems found.
enum RichResultsRules {
    static let availabilities: Set<String> = ["BackOrder", "Discontinued", "InStock", "InStoreOnly", "LimitedAvailability", "OnlineOnly",
                                              "OutOfStock", "PreOrder", "PreSale", "SoldOut"].reduce(into: []) { $0.insert("https://schema.org/" + $1) }
    static let conditions: Set<String> = ["https://schema.org/NewCondition", "https://schema.org/RefurbishedCondition", "https://schema.org/UsedCondition"]
    static let variesBy: Set<String> = ["color", "size", "suggestedAge", "suggestedGender", "material", "pattern"].reduce(into: []) { $0.insert("https://schema.org/" + $1) }
    static let returnCategories: Set<String> = ["MerchantReturnFiniteReturnWindow", "MerchantReturnNotPermitted", "MerchantReturnUnlimitedWindow"]
        .reduce(into: []) { $0.insert("https://schema.org/" + $1) }
    static let returnFees: Set<String> = ["FreeReturn", "ReturnFeesCustomerResponsibility", "ReturnShippingFees"].reduce(into: []) { $0.insert("https://schema.org/" + $1) }

    /// A merchant listing `Product` (also each variant of a group): name, image, an `Offer`.
    static func product(_ node: [String: Any], name: String = "Product") -> [String] {
        var problems: [String] = []
        if (node["name"] as? String ?? "").isEmpty { problems.append("\(name): no name") }
        let images = node["image"] as? [String] ?? (node["image"] as? String).map { [$0] } ?? []
        if images.isEmpty || !images.allSatisfy(isAbsoluteURL) { problems.append("\(name): image missing or not absolute") }
        if let sku = node["sku"] as? String, sku.contains(where: \.isWhitespace) { problems.append("\(name): sku has whitespace") }
        if let gtin = node["gtin"] as? String, ![8, 12, 13, 14].contains(gtin.count) || !gtin.allSatisfy(\.isNumber) { problems.append("\(name): bad gtin") }
        guard let offer = node["offers"] as? [String: Any], offer["@type"] as? String == "Offer" else {
            return problems + ["\(name): merchant listings need one Offer"]
        }
        problems += self.offer(offer, name: name)
        return problems
    }

    static func offer(_ offer: [String: Any], name: String) -> [String] {
        var problems: [String] = []
        guard let price = offer["price"] as? NSNumber, price.doubleValue > 0 else { return ["\(name): offer price must be a number above zero"] }
        let currency = offer["priceCurrency"] as? String ?? ""
        if currency.count != 3 { problems.append("\(name): priceCurrency must be ISO 4217") }
        if !availabilities.contains(offer["availability"] as? String ?? "") { problems.append("\(name): unknown availability") }
        if !conditions.contains(offer["itemCondition"] as? String ?? "") { problems.append("\(name): unknown itemCondition") }
        if !isAbsoluteURL(offer["url"] as? String ?? "") { problems.append("\(name): offer url") }
        if let specification = offer["priceSpecification"] as? [String: Any] {
            if specification["priceType"] as? String != "https://schema.org/StrikethroughPrice" { problems.append("\(name): priceType") }
            if let regular = specification["price"] as? NSNumber, regular.doubleValue <= price.doubleValue { problems.append("\(name): strikethrough not above price") }
        }
        for details in offer["shippingDetails"] as? [[String: Any]] ?? [] {
            let rate = details["shippingRate"] as? [String: Any]
            if rate?["value"] as? NSNumber == nil || rate?["currency"] as? String != currency { problems.append("\(name): shippingRate") }
            if ((details["shippingDestination"] as? [String: Any])?["addressCountry"] as? String)?.count != 2 { problems.append("\(name): shippingDestination") }
            guard let delivery = details["deliveryTime"] as? [String: Any] else { problems.append("\(name): deliveryTime is required"); continue }
            for key in ["handlingTime", "transitTime"] {
                guard let value = delivery[key] as? [String: Any] else { continue }
                if value["minValue"] as? Int == nil || value["maxValue"] as? Int == nil || value["unitCode"] as? String != "DAY" { problems.append("\(name): \(key)") }
            }
        }
        if let policy = offer["hasMerchantReturnPolicy"] as? [String: Any] { problems += returnPolicy(policy, name: name) }
        return problems
    }

    static func returnPolicy(_ policy: [String: Any], name: String) -> [String] {
        var problems: [String] = []
        let countries = policy["applicableCountry"] as? [String] ?? (policy["applicableCountry"] as? String).map { [$0] } ?? []
        if countries.isEmpty || !countries.allSatisfy({ $0.count == 2 }) { problems.append("\(name): applicableCountry") }
        let category = policy["returnPolicyCategory"] as? String ?? ""
        if !returnCategories.contains(category) { problems.append("\(name): returnPolicyCategory") }
        if category.hasSuffix("FiniteReturnWindow"), policy["merchantReturnDays"] as? Int == nil { problems.append("\(name): merchantReturnDays") }
        if let fees = policy["returnFees"] as? String, !returnFees.contains(fees) { problems.append("\(name): returnFees") }
        return problems
    }

    /// A `ProductGroup` with its variants (Google's product variants docs).
    static func productGroup(_ node: [String: Any]) -> [String] {
        var problems: [String] = []
        if (node["name"] as? String ?? "").isEmpty { problems.append("ProductGroup: no name") }
        if (node["productGroupID"] as? String ?? "").isEmpty { problems.append("ProductGroup: no productGroupID") }
        for value in node["variesBy"] as? [String] ?? [] where !variesBy.contains(value) { problems.append("ProductGroup: variesBy \(value)") }
        let variants = node["hasVariant"] as? [[String: Any]] ?? []
        if variants.isEmpty { problems.append("ProductGroup: no hasVariant") }
        var skus: Set<String> = []
        if !variants.isEmpty, !variants.contains(where: { $0["sku"] != nil }) { problems.append("ProductGroup: no variant described in full") }
        for variant in variants {
            // Google's multi-page form: a variant that its own page describes is named by its URL alone.
            if variant.count == 1, let url = variant["url"] as? String {
                if !isAbsoluteURL(url) { problems.append("variant \(url): its url must be absolute") }
                continue
            }
            let sku = variant["sku"] as? String ?? ""
            if sku.isEmpty || !skus.insert(sku).inserted { problems.append("ProductGroup: each variant needs a unique sku") }
            if !isAbsoluteURL(variant["url"] as? String ?? "") { problems.append("variant \(sku): needs its own url") }
            problems += product(variant, name: "variant \(sku)")
        }
        return problems
    }

    static func breadcrumbs(_ node: [String: Any]) -> [String] {
        let items = node["itemListElement"] as? [[String: Any]] ?? []
        if items.count < 2 { return ["BreadcrumbList: at least two items"] }
        var problems: [String] = []
        for (offset, item) in items.enumerated() {
            if item["position"] as? Int != offset + 1 { problems.append("BreadcrumbList: positions count from 1") }
            if (item["name"] as? String ?? "").isEmpty { problems.append("BreadcrumbList: name") }
            if offset < items.count - 1, !isAbsoluteURL(item["item"] as? String ?? "") { problems.append("BreadcrumbList: item URL") }
        }
        return problems
    }

    static func video(_ node: [String: Any]) -> [String] {
        var problems: [String] = []
        if (node["name"] as? String ?? "").isEmpty { problems.append("VideoObject: name") }
        if !isAbsoluteURL(node["thumbnailUrl"] as? String ?? "") { problems.append("VideoObject: thumbnailUrl") }
        if (node["uploadDate"] as? String)?.wholeMatch(of: /\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2}))?/) == nil { problems.append("VideoObject: uploadDate") }
        if let duration = node["duration"] as? String, duration.wholeMatch(of: /PT(\d+H)?(\d+M)?(\d+S)?/) == nil { problems.append("VideoObject: duration") }
        return problems
    }

    static func isAbsoluteURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme else { return false }
        return (scheme == "https" || scheme == "http") && url.host != nil
    }
}
