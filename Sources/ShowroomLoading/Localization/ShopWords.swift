import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// The strings Swift puts into pages itself (computed values, page titles, descriptions), by their key in
/// the theme's translation files. Each names the placeholders Showroom fills in, so a theme load can check them.
package enum ShopWord: String, CaseIterable, Sendable {
    case availabilityInStock = "availability_in_stock", availabilityOutOfStock = "availability_out_of_stock"
    case availabilityPreorder = "availability_preorder", availabilityBackorder = "availability_backorder"
    case availabilityInStockInline = "availability_in_stock_inline", availabilityOutOfStockInline = "availability_out_of_stock_inline"
    case availabilityPreorderInline = "availability_preorder_inline", availabilityBackorderInline = "availability_backorder_inline"
    case conditionNew = "condition_new", conditionRefurbished = "condition_refurbished", conditionUsed = "condition_used"
    case badgeSoldOut = "badge_sold_out", badgePreorder = "badge_preorder", badgeSale = "badge_sale"
    case priceFromAmount = "price_from_amount", priceWas = "price_was"
    case shippingPriceFree = "shipping_price_free", shippingRateSummary = "shipping_rate_summary"
    case shippingFreeIn = "shipping_free_in", shippingFrom = "shipping_from"
    case returnMethodByMail = "return_method_by_mail", returnMethodInStore = "return_method_in_store", returnMethodAtKiosk = "return_method_at_kiosk"
    case returnsFinal = "returns_final", returnsFree = "returns_free", returnsBuyerPays = "returns_buyer_pays"
    case returnsRestockingFee = "returns_restocking_fee", returnsWithin = "returns_within"
    case productsCount = "products_count"
    case breadcrumbHome = "breadcrumb_home"
    case videoBreadcrumb = "video_breadcrumb", videoPageTitle = "video_page_title", videoDescription = "video_description"
    case imageAltPicture = "image_alt_picture"
    case chooseOption = "choose_option", chooseOptionVowel = "choose_option_vowel", chooseAnyOption = "choose_any_option"
    case identifierBrand = "identifier_brand", identifierMPN = "identifier_mpn", identifierGTIN = "identifier_gtin"
    case identifierSKU = "identifier_sku", identifierCondition = "identifier_condition"
    case productDescription = "product_description", productDescriptionBrand = "product_description_brand"
    case collectionDescription = "collection_description"
    case allProductsTitle = "all_products_title", allProductsDescription = "all_products_description"
    case listingBreadcrumbPage = "listing_breadcrumb_page", listingTitlePage = "listing_title_page"
    case contactTitle = "contact_title", contactDescription = "contact_description"
    case cartTitle = "cart_title", cartDescription = "cart_description"
    case notFoundTitle = "not_found_title"
    case feedTitle = "feed_title", merchantFeedDescription = "merchant_feed_description", shopNow = "shop_now"
    case searchTitle = "search_title", searchDescription = "search_description"
    case filterAvailability = "filter_availability", filterInStock = "filter_in_stock", filterSale = "filter_sale", filterOnSale = "filter_on_sale"
    case filterPrice = "filter_price", filterBrand = "filter_brand", filterCollection = "filter_collection"
    case priceBandUnder = "price_band_under", priceBandBetween = "price_band_between", priceBandOver = "price_band_over"

    var placeholders: Set<String> {
        switch self {
        case .priceFromAmount, .priceWas, .shippingFrom: ["price"]
        case .shippingRateSummary: ["price", "days"]
        case .shippingFreeIn: ["country"]
        case .returnsFree, .returnsBuyerPays, .returnsWithin: ["days"]
        case .returnsRestockingFee: ["days", "fee"]
        case .productsCount: ["count"]
        case .videoPageTitle: ["product"]
        case .videoDescription: ["product", "store", "caption"]
        case .imageAltPicture: ["product", "number"]
        case .chooseOption, .chooseOptionVowel: ["option"]
        case .productDescription: ["product", "store", "price", "availability"]
        case .productDescriptionBrand: ["product", "brand", "store", "price", "availability"]
        case .collectionDescription: ["collection", "count", "store"]
        case .allProductsDescription, .cartDescription, .feedTitle, .merchantFeedDescription: ["store"]
        case .listingBreadcrumbPage: ["number"]
        case .listingTitlePage: ["title", "number", "total"]
        case .contactDescription: ["seller"]
        case .searchDescription: ["store"]
        case .priceBandUnder, .priceBandOver: ["price"]
        case .priceBandBetween: ["low", "high"]
        default: []
        }
    }

    var isPlural: Bool {
        switch self {
        case .returnsFree, .returnsBuyerPays, .returnsWithin, .returnsRestockingFee, .productsCount, .collectionDescription: true
        default: false
        }
    }

    /// For the hint when a theme lacks the key.
    var example: String {
        if isPlural { return "{\"one\": \"…\", \"other\": \"…\"}" + (placeholders.isEmpty ? "" : " with " + placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")) }
        return placeholders.isEmpty ? "\"…\"" : "\"…\" with " + placeholders.sorted().map { "{\($0)}" }.joined(separator: ", ")
    }
}

/// The chosen translation file and the language's rules, as renderers use them: made once per build.
package struct ShopWords: Sendable {
    package let translation: Translation
    /// site.json's tag with the rules of the file's language.
    package let locale: StoreLocale

    init(translation: Translation, siteTag: String) {
        self.translation = translation
        locale = StoreLocale(language: translation.locale.language, tag: siteTag)
    }

    /// The words of site.json's language; the reference file (or none) when the theme lacks it, which
    /// loading reports as an error first.
    package init(theme: Theme, settings: StoreSettings) {
        let chosen = theme.translations.select(settings.language) ?? theme.translations.select(ThemeTranslations.reference)
            ?? Translation(tag: ThemeTranslations.reference, file: "", entries: [:], locale: StoreLocale(language: .en))
        self.init(translation: chosen, siteTag: settings.language)
    }

    /// No translation: every string renders as its key (for code paths that render no shopper-facing page).
    package static func untranslated(_ settings: StoreSettings) -> ShopWords {
        ShopWords(translation: Translation(tag: ThemeTranslations.reference, file: "", entries: [:], locale: StoreLocale(language: .en)),
                  siteTag: settings.language)
    }

    package subscript(_ word: ShopWord, _ values: [String: String] = [:]) -> String { translation.text(word.rawValue, values) }

    package func plural(_ word: ShopWord, count: Int, _ values: [String: String] = [:]) -> String {
        translation.plural(word.rawValue, count: count, values)
    }

    package func money(_ money: Money) -> String { locale.format(money) }
    package func date(_ date: CalendarDate) -> String { locale.longDate(date) }
    package func country(_ code: String) -> String { locale.countryName(code) }

    package func label(_ availability: Availability) -> String {
        switch availability {
        case .inStock: self[.availabilityInStock]
        case .outOfStock: self[.availabilityOutOfStock]
        case .preorder: self[.availabilityPreorder]
        case .backorder: self[.availabilityBackorder]
        }
    }

    /// The availability inside a sentence ("…, in stock.").
    package func inlineLabel(_ availability: Availability) -> String {
        switch availability {
        case .inStock: self[.availabilityInStockInline]
        case .outOfStock: self[.availabilityOutOfStockInline]
        case .preorder: self[.availabilityPreorderInline]
        case .backorder: self[.availabilityBackorderInline]
        }
    }

    package func label(_ condition: Condition) -> String {
        switch condition {
        case .new: self[.conditionNew]
        case .refurbished: self[.conditionRefurbished]
        case .used: self[.conditionUsed]
        }
    }

    /// "From $24.00" when the price is the lowest of several.
    package func price(_ money: Money, from: Bool) -> String {
        from ? self[.priceFromAmount, ["price": self.money(money)]] : self.money(money)
    }

    /// Placeholders every page's `t` strings may use, filled with the store's values.
    static let storePlaceholders: Set<String> = ["store", "seller", "city", "domain"]

    private static func storeValues(_ settings: StoreSettings) -> [String: String] {
        var values = ["store": settings.name, "seller": settings.seller.legalName ?? settings.name, "domain": SiteLinks.domain(of: settings.url)]
        if let city = settings.seller.address?.city { values["city"] = city }
        return values
    }
    /// Keys starting with this reach the page as written: the theme's scripts fill their placeholders.
    static let scriptPrefix = "script_"

    /// The `t` object: every plain string as HTML text, with `{store}`, `{seller}` (the legal name, else the
    /// store's name) and `{city}` filled in (escaped), except in `script_` keys.
    package func templateStrings(settings: StoreSettings) -> TemplateFields {
        var fields: TemplateFields = [:]
        for (key, html) in templateStringValues(settings: settings) { fields[key] = html }
        return fields
    }

    /// The `t` strings in key order (so a theme that lists them, `{{#enumerated(t)}}`, sees the same order in every build).
    package func templateStringValues(settings: StoreSettings) -> [(key: String, html: String)] {
        let store = Self.storeValues(settings).mapValues(HTML.escape)
        return translation.entries.sorted(by: { $0.key < $1.key }).compactMap { key, entry in
            guard case .text(let html) = entry.value else { return nil }
            let fill = !key.hasPrefix(Self.scriptPrefix) && !entry.placeholders.isDisjoint(with: Self.storePlaceholders)
            return (key, fill ? Translation.fill(html, store) : html)
        }
    }

    /// The same strings as plain text (references decoded, store values filled in), for plain-text
    /// templates such as the storyboard's overlays.
    package func plainStrings(settings: StoreSettings, extra: [String: String] = [:]) -> TemplateFields {
        let store = Self.storeValues(settings).merging(extra) { _, new in new }
        var fields: TemplateFields = [:]
        for (key, entry) in translation.entries.sorted(by: { $0.key < $1.key }) {
            guard case .text = entry.value else { continue }
            fields[key] = key.hasPrefix(Self.scriptPrefix) ? translation.text(key) : translation.text(key, store)
        }
        return fields
    }
}
