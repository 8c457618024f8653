import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// A product page's JSON-LD: `Product` with one `Offer`, or for a product with variants a
/// `ProductGroup` whose `hasVariant` lists each variant `Product` with its own page, offer and identifiers
/// (Google's multi-page variant setup). The product page carries the whole group; each variant page the
/// same group with its own variant in full and the others by URL.
extension StructuredData {
    /// Option names schema.org has variesBy properties for.
    static let variesBy: [String: String] = [
        "color": "https://schema.org/color", "colour": "https://schema.org/color", "size": "https://schema.org/size",
        "material": "https://schema.org/material", "pattern": "https://schema.org/pattern",
        "age group": "https://schema.org/suggestedAge", "age_group": "https://schema.org/suggestedAge",
        "gender": "https://schema.org/suggestedGender",
    ]

    /// Google's age groups as the ages they stand for (its merchant listing docs), for `suggestedAge`.
    static let ageGroups: [String: (min: Int, max: Int?, unit: String)] = [
        "newborn": (0, 3, "MON"), "infant": (3, 12, "MON"), "toddler": (1, 5, "ANN"), "kids": (5, 13, "ANN"), "adult": (13, nil, "ANN"),
    ]

    /// Age and gender describe who the variant is for: schema.org puts them on a `PeopleAudience`, not on
    /// the product itself.
    static func audience(_ options: [VariantOption]) -> JSONValue? {
        var members: [(String, JSONValue)] = []
        for option in options {
            switch variesBy[option.name.lowercased()] {
            case "https://schema.org/suggestedGender":
                let value = option.value.lowercased()
                let gender = ["women": "female", "woman": "female", "men": "male", "man": "male"][value] ?? value
                members.append(("suggestedGender", .string(gender)))
            case "https://schema.org/suggestedAge":
                guard let age = ageGroups[option.value.lowercased()] else { continue }
                var range: [(String, JSONValue)] = [("@type", .string("QuantitativeValue")), ("minValue", .number(String(age.min)))]
                if let max = age.max { range.append(("maxValue", .number(String(max)))) }
                range.append(("unitCode", .string(age.unit)))
                members.append(("suggestedAge", .object(range)))
            default: continue
            }
        }
        return members.isEmpty ? nil : .object([("@type", .string("PeopleAudience"))] + members)
    }

    /// `onPageOf`: the variant whose own page this is. That variant is described in full and the others
    /// only by their `url` (their own pages describe them), as Google's multi-page variant example does:
    /// a page's markup stays the size of one offer, however many variants the product has.
    func product(_ product: Product, description: String, listing: VideoListing? = nil, onPageOf page: Int? = nil) -> JSONValue {
        let items = product.sellableItems
        let brand: JSONValue? = product.brand.map { .members(["@type": .string("Brand"), "name": .string($0)]) }
        let pageURL = links.absolute(SiteLinks.product(product.handle))
        let listingVideo = listing.flatMap { self.listingVideo($0, of: product, description: description) }
        let allVideos = (listingVideo.map { [$0] } ?? []) + product.videos.map { video(of: product, $0, description: description) }
        let videos = allVideos.isEmpty ? nil : JSONValue.array(allVideos)
        // Shipping rates are in the store's currency, and Google wants them in the offer's: none rather than wrong.
        let shipping = product.currency == site.settings.currency ? shippingDetails() : nil
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
                "availabilityStarts": startsLater ? item.availabilityDate.map { .string($0.startUTC) } : nil,
                "itemCondition": .string(Self.condition(product.condition)),
                "seller": .members(["@id": .string(organizationID)]),
                "shippingDetails": shipping, "hasMerchantReturnPolicy": returns,
            ])
        }

        func pictures(_ item: SellableItem) -> JSONValue? {
            let all = (item.image.map { [$0] } ?? []) + item.additionalImages
            return all.isEmpty ? nil : .array(all.map { .string(links.absolute(images.shareable($0))) })
        }

        let collections = product.collections.compactMap { slug in site.collections.first { $0.slug == slug }?.title }
        func shaped(_ node: JSONValue, _ item: SellableItem) -> JSONValue {
            guard case .object(let members) = node else { return node }
            return .object(shape.apply(to: members, values: {
                FeedItemValues.values(item, of: product, description: description, collections: collections, links: links, images: images)
            }, make: JSONValue.string))
        }

        guard product.hasVariants else {
            let item = items[0]
            return shaped(.members([
                "@type": .string("Product"), "@id": .string(pageURL + "#product"),
                "name": .string(product.title), "description": .string(description), "url": .string(pageURL),
                "sku": .string(item.id), "gtin": .optional(item.gtin?.digits), "mpn": .optional(item.mpn),
                "brand": brand, "image": pictures(item), "subjectOf": videos, "offers": offer(item),
            ]), item)
        }

        let variants = items.indices.map { index -> JSONValue in
            let item = items[index]
            if let page, page != index { return .members(["url": .string(links.absolute(item.sitePath))]) }
            var members: [(String, JSONValue)] = [
                ("@type", .string("Product")), ("@id", .string(links.absolute(item.sitePath) + "#product")),
                ("name", .string(item.title)), ("url", .string(links.absolute(item.sitePath))), ("sku", .string(item.id)),
            ]
            if let gtin = item.gtin { members.append(("gtin", .string(gtin.digits))) }
            if let mpn = item.mpn { members.append(("mpn", .string(mpn))) }
            if let image = pictures(item) { members.append(("image", image)) }
            for option in item.options {
                guard let property = Self.variesBy[option.name.lowercased()], !property.hasSuffix("/suggestedAge"),
                      !property.hasSuffix("/suggestedGender") else { continue }
                members.append((String(property.dropFirst("https://schema.org/".count)), .string(option.value)))
            }
            if let audience = Self.audience(item.options) { members.append(("audience", audience)) }
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
            "image": product.images.isEmpty ? nil : .array(product.images.map { .string(links.absolute(images.shareable($0))) }),
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
            "description": .string(product.summary ?? TextTruncation.truncate(description, to: 300)),
            "thumbnailUrl": thumbnail.map { .string(links.absolute(images.shareable($0))) },
            "uploadDate": product.published.map { .string($0.startUTC) },
            "contentUrl": .string(links.absolute(video.url)),
            "duration": video.durationSeconds.map { .string(Self.isoDuration(seconds: $0)) },
        ])
    }

    /// A rendered video listing as a `VideoObject` with a `Clip` per scene (Google's key moments); nil
    /// when the listing was not rendered to a file in this build.
    func listingVideo(_ listing: VideoListing, of product: Product, description: String) -> JSONValue? {
        guard let format = listing.renditions.first else { return nil }
        let player = links.absolute(SiteLinks.listingPlayer(listing.handle))
        let clips = listing.scenes.map { scene -> JSONValue in
            let name = scene.overlays.first { !$0.text.isEmpty }?.text ?? listing.title
            return .object([("@type", .string("Clip")), ("name", .string(name)),
                            ("startOffset", .number(Formatting.seconds(scene.start))), ("endOffset", .number(Formatting.seconds(scene.end))),
                            ("url", .string(player + "?t=" + Formatting.seconds(scene.start)))])
        }
        return .members([
            "@type": .string("VideoObject"), "name": .string(listing.title),
            "description": .string(product.summary ?? TextTruncation.truncate(description, to: 300)),
            "thumbnailUrl": listing.poster.map { .string(links.absolute(images.shareable($0))) },
            "uploadDate": product.published.map { .string($0.startUTC) },
            "contentUrl": .string(links.absolute(SiteLinks.listingVideo(listing.handle, format))),
            "duration": .string(Self.isoDuration(seconds: listing.duration)),
            "hasPart": .array(clips),
        ])
    }

    /// ISO 8601 duration with a fractional second: 22.5 → "PT22.5S".
    static func isoDuration(seconds: Double) -> String {
        let whole = Int(seconds)
        let base = isoDuration(seconds: whole)
        guard seconds != Double(whole) else { return base }
        let fraction = String(Formatting.seconds(seconds - Double(whole)).dropFirst())  // ".5"
        return base.hasSuffix("S") ? String(base.dropLast()) + fraction + "S" : base + "0\(fraction)S"
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
