import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// schema.org JSON-LD as Google's rich results docs read it (merchant listings, product variants,
/// breadcrumbs, organization, video). Built from the same `Site` model and `SellableItem`s as the pages
/// and feeds, so the price a crawler reads is the price a shopper sees.
struct StructuredData {
    let site: Site
    let links: SiteLinks
    /// The store's changes to the product nodes (`product-json-ld` in the theme's feeds.json).
    var shape = FeedShapes.Shape()
    /// The images step's renditions: nodes name the large JPEG/PNG of each picture.
    var images = RenderedImages()

    static let context = "https://schema.org"

    /// The script element's body: one `@graph` holding every node of the page, script-safe.
    static func script(_ nodes: [JSONValue]) -> [UInt8] {
        JSONValue.members(["@context": .string(context), "@graph": .array(nodes)]).serializedBytes(scriptSafe: true)
    }

    // MARK: Store

    var organizationID: String { links.absolute(SiteLinks.home) + "#organization" }

    /// The seller: Google shows it in knowledge panels and uses it to judge a merchant's trust.
    func organization() -> JSONValue {
        let settings = site.settings
        let seller = settings.seller
        let address: JSONValue? = seller.address.map { address in
            .members(["@type": .string("PostalAddress"), "streetAddress": .string(address.street), "addressLocality": .string(address.city),
                      "addressRegion": .optional(address.region), "postalCode": .string(address.postalCode),
                      "addressCountry": .string(address.country)])
        }
        return .members([
            "@type": .string("OnlineStore"), "@id": .string(organizationID),
            "name": .string(settings.name), "legalName": .optional(seller.legalName),
            "url": .string(links.absolute(SiteLinks.home)),
            "logo": settings.logo.map { .string(links.absolute(images.shareable($0))) },
            "description": .optional(settings.description),
            "email": .optional(seller.email), "telephone": .optional(seller.phone), "address": address,
            "sameAs": settings.social.isEmpty ? nil : .array(settings.social.map { .string($0.url) }),
            "hasMerchantReturnPolicy": returnPolicy(),
        ])
    }

    func webSite() -> JSONValue {
        .members([
            "@type": .string("WebSite"), "@id": .string(links.absolute(SiteLinks.home) + "#website"),
            "name": .string(site.settings.name), "url": .string(links.absolute(SiteLinks.home)),
            "inLanguage": .string(site.settings.language), "publisher": .members(["@id": .string(organizationID)]),
        ])
    }

    func breadcrumbs(_ trail: [(title: String, sitePath: String)]) -> JSONValue {
        let items = ([("Home", SiteLinks.home)] + trail).enumerated().map { offset, crumb -> JSONValue in
            .members(["@type": .string("ListItem"), "position": .number(String(offset + 1)), "name": .string(crumb.0),
                      "item": .string(links.absolute(crumb.1))])
        }
        return .members(["@type": .string("BreadcrumbList"), "itemListElement": .array(items)])
    }

    // MARK: Policies

    /// Countries the policies apply to: those shipped to, or the seller's own.
    private var policyCountries: [String] {
        var countries: [String] = []
        for rate in site.settings.shipping where !countries.contains(rate.country) { countries.append(rate.country) }
        if countries.isEmpty, let country = site.settings.seller.address?.country { countries.append(country) }
        return countries
    }

    /// The return policy. Google reads a subset on offers (no restocking fee there) and the whole
    /// policy on the organization.
    func returnPolicy(onOffer: Bool = false) -> JSONValue? {
        // Google requires the countries a policy applies to; without shipping rates or an address there are none.
        guard let returns = site.settings.returns, !policyCountries.isEmpty else { return nil }
        let countries = policyCountries
        let country: JSONValue? = countries.isEmpty ? nil : countries.count == 1 ? .string(countries[0]) : .array(countries.map { .string($0) })
        guard returns.days > 0 else {
            return .members(["@type": .string("MerchantReturnPolicy"), "applicableCountry": country,
                             "returnPolicyCategory": .string("https://schema.org/MerchantReturnNotPermitted")])
        }
        let method = switch returns.method {
        case .byMail: "https://schema.org/ReturnByMail"
        case .inStore: "https://schema.org/ReturnInStore"
        case .atKiosk: "https://schema.org/ReturnAtKiosk"
        }
        // A restocking fee is the buyer's cost; schema.org's RestockingFees value is not one Google reads.
        let fees = returns.fees == .free ? "https://schema.org/FreeReturn" : "https://schema.org/ReturnFeesCustomerResponsibility"
        return .members([
            "@type": .string("MerchantReturnPolicy"), "applicableCountry": country,
            "returnPolicyCategory": .string("https://schema.org/MerchantReturnFiniteReturnWindow"),
            "merchantReturnDays": .number(String(returns.days)), "returnMethod": .string(method), "returnFees": .string(fees),
            "restockingFee": onOffer ? nil : returns.restockingFee.map(Self.monetaryAmount),
        ])
    }

    func shippingDetails() -> JSONValue? {
        let rates = site.settings.shipping
        guard !rates.isEmpty else { return nil }
        return .array(rates.map { rate in
            .members([
                "@type": .string("OfferShippingDetails"),
                "shippingLabel": .string(rate.service),
                "shippingRate": Self.monetaryAmount(rate.price),
                "shippingDestination": .members(["@type": .string("DefinedRegion"), "addressCountry": .string(rate.country)]),
                "deliveryTime": .members([
                    "@type": .string("ShippingDeliveryTime"),
                    "transitTime": .members(["@type": .string("QuantitativeValue"), "minValue": .number(String(rate.minDays)),
                                             "maxValue": .number(String(rate.maxDays)), "unitCode": .string("DAY")]),
                ]),
            ])
        })
    }

    static func monetaryAmount(_ money: Money) -> JSONValue {
        .members(["@type": .string("MonetaryAmount"), "value": .number(money.decimalString), "currency": .string(money.currency)])
    }

    static func availability(_ availability: Availability) -> String {
        switch availability {
        case .inStock: "https://schema.org/InStock"
        case .outOfStock: "https://schema.org/OutOfStock"
        case .preorder: "https://schema.org/PreOrder"
        case .backorder: "https://schema.org/BackOrder"
        }
    }

    static func condition(_ condition: Condition) -> String {
        switch condition {
        case .new: "https://schema.org/NewCondition"
        case .refurbished: "https://schema.org/RefurbishedCondition"
        case .used: "https://schema.org/UsedCondition"
        }
    }
}
