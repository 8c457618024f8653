/// A product page's JSON-LD: `Product` with one `Offer`, or for a product with variants a
/// `ProductGroup` whose `hasVariant` lists each variant `Product` with its own page, offer and identifiers
/// (Google's multi-page variant setup). The same group is emitted on the product page and on every
/// variant page, so each page describes the whole group consistently.
extension StructuredData {
    /// Option names schema.org has variesBy properties for.
    static let variesBy: [String: String] = [
        "color": "https://schema.org/color", "colour": "https://schema.org/color", "size": "https://schema.org/size",
        "material": "https://schema.org/material", "pattern": "https://schema.org/pattern",
        "age group": "https://schema.org/suggestedAge", "gender": "https://schema.org/suggestedGender",
    ]

    func product(_ product: Product, description: String) -> JSONValue {
        let items = product.sellableItems
        let brand: JSONValue? = product.brand.map { .members(["@type": .string("Brand"), "name": .string($0)]) }
        let pageURL = links.absolute(SiteLinks.product(product.handle))
        let videos = product.videos.isEmpty ? nil : JSONValue.array(product.videos.map { video(of: product, $0, description: description) })
        let shipping = shippingDetails()
        let returns = returnPolicy(onOffer: true)

        func offer(_ item: SellableItem) -> JSONValue {
            var priceSpecification: JSONValue?
            if item.price.isOnSale {
                // Google's form for a reduced price: the price paid on the Offer, the former one as a strikethrough.
                priceSpecification = .members(["@type": .string("UnitPriceSpecification"),
                                               "priceType": .string("https://schema.org/StrikethroughPrice"),
                                               "price": .number(item.price.regular.decimalString),
                                               "priceCurrency": .string(item.price.regular.currency)])
            }
            let startsLater = item.availability == .preorder || item.availability == .backorder
            return .members([
                "@type": .string("Offer"), "url": .string(links.absolute(item.sitePath)),
                "price": .number(item.price.current.decimalString), "priceCurrency": .string(item.price.current.currency),
                "priceSpecification": priceSpecification,
                "availability": .string(Self.availability(item.availability)),
                "availabilityStarts": startsLater ? item.availabilityDate.map { .string(NewArrivalsFeeds.timestamp($0)) } : nil,
                "itemCondition": .string(Self.condition(product.condition)),
                "seller": .members(["@id": .string(organizationID)]),
                "shippingDetails": shipping, "hasMerchantReturnPolicy": returns,
            ])
        }

        func images(_ item: SellableItem) -> JSONValue? {
            let all = (item.image.map { [$0] } ?? []) + item.additionalImages
            return all.isEmpty ? nil : .array(all.map { .string(links.absolute($0)) })
        }

        let collections = product.collections.compactMap { slug in site.collections.first { $0.slug == slug }?.title }
        func shaped(_ node: JSONValue, _ item: SellableItem) -> JSONValue {
            guard case .object(let members) = node else { return node }
            return .object(shape.apply(to: members, values: {
                FeedItemValues.values(item, of: product, description: description, collections: collections, links: links)
            }, make: JSONValue.string))
        }

        guard product.hasVariants else {
            let item = items[0]
            return shaped(.members([
                "@type": .string("Product"), "@id": .string(pageURL + "#product"),
                "name": .string(product.title), "description": .string(description), "url": .string(pageURL),
                "sku": .string(item.id), "gtin": .optional(item.gtin?.digits), "mpn": .optional(item.mpn),
                "brand": brand, "image": images(item), "subjectOf": videos, "offers": offer(item),
            ]), item)
        }

        let variants = items.map { item -> JSONValue in
            var members: [(String, JSONValue)] = [
                ("@type", .string("Product")), ("@id", .string(links.absolute(item.sitePath) + "#product")),
                ("name", .string(item.title)), ("url", .string(links.absolute(item.sitePath))), ("sku", .string(item.id)),
            ]
            if let gtin = item.gtin { members.append(("gtin", .string(gtin.digits))) }
            if let mpn = item.mpn { members.append(("mpn", .string(mpn))) }
            if let image = images(item) { members.append(("image", image)) }
            for option in item.options {
                guard let property = Self.variesBy[option.name.lowercased()] else { continue }
                members.append((String(property.dropFirst("https://schema.org/".count)), .string(option.value)))
            }
            members.append(("offers", offer(item)))
            return shaped(.object(members), item)
        }
        var varies: [String] = []
        for name in product.optionNames {
            if let property = Self.variesBy[name.lowercased()], !varies.contains(property) { varies.append(property) }
        }
        return .members([
            "@type": .string("ProductGroup"), "@id": .string(pageURL + "#product"),
            // No group `url`: Google reads it only for single-page variants; here each variant has its page.
            "name": .string(product.title), "description": .string(description),
            "productGroupID": .string(product.handle), "brand": brand,
            "image": product.images.isEmpty ? nil : .array(product.images.map { .string(links.absolute($0)) }),
            "variesBy": varies.isEmpty ? nil : .array(varies.map { .string($0) }),
            "subjectOf": videos, "hasVariant": .array(variants),
        ])
    }

    /// A product video as Google's video rich results read it. `uploadDate` is the product's publication
    /// date (never the build's clock); a video without any date or picture still describes the product.
    func video(of product: Product, _ video: ProductVideo, description: String) -> JSONValue {
        let thumbnail = video.thumbnail ?? product.images.first
        return .members([
            "@type": .string("VideoObject"), "name": .string(video.title ?? product.title),
            "description": .string(product.summary ?? GoogleMerchantFeed.truncate(description, to: 300)),
            "thumbnailUrl": thumbnail.map { .string(links.absolute($0)) },
            "uploadDate": product.published.map { .string(NewArrivalsFeeds.timestamp($0)) },
            "contentUrl": .string(links.absolute(video.url)),
            "duration": video.durationSeconds.map { .string(Self.isoDuration(seconds: $0)) },
        ])
    }

    /// ISO 8601 duration: 95 → "PT1M35S".
    static func isoDuration(seconds: Int) -> String {
        let (hours, minutes, secs) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        var text = "PT"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if secs > 0 || (hours == 0 && minutes == 0) { text += "\(secs)S" }
        return text
    }
}
