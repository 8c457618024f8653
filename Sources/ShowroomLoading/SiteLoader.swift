import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Reads `site.json` into `StoreSettings`.
struct SiteLoader {
    let sink: DiagnosticSink
    let media: MediaIndex

    static let defaultProductsPerPage = 24

    func load(_ node: JSONNode, file: String) -> StoreSettings? {
        guard let site = JSONObjectReader(node, file: file, subject: "site.json", sink: sink) else { return nil }
        site.checkKeys(allowed: ["name", "url", "language", "currency", "description", "theme", "seller", "policies", "social", "products_per_page", "logo", "checks", "checkout", "search"])

        let name = site.string("name", required: true, hint: "the store's name as shoppers see it, e.g. \"name\": \"Alder & Ash\"")
        var url = site.string("url", required: true, hint: "the address the site is deployed at, e.g. \"url\": \"https://shop.example.com\"")
        if let value = url {
            if let problem = Self.problemWithBaseURL(value) {
                sink.error("\"url\" of site.json \(problem): \"\(value)\"", at: site.location(of: site["url"]!),
                           hint: "use the absolute address the site is deployed at, e.g. \"https://shop.example.com\"")
                url = nil
            } else {
                url = Self.normalizeBaseURL(value)
            }
        }
        var currency = site.string("currency", required: true, hint: "an ISO 4217 code, e.g. \"currency\": \"USD\"")
        if let code = currency, !Currency.isValidCode(code) {
            sink.error("\"currency\" of site.json must be a three-letter ISO 4217 code in capitals, found \"\(code)\"",
                       at: site.location(of: site["currency"]!), hint: "e.g. \"USD\", \"EUR\", \"GBP\"")
            currency = nil
        }
        let language = site.string("language") ?? "en"
        var theme = site.string("theme") ?? "default"
        if theme.isEmpty || theme.hasPrefix(".") || theme.contains("/") {
            sink.error("\"theme\" of site.json must be the name of a folder in Themes/, found \"\(theme)\"", at: site.location(of: site["theme"]!),
                       hint: "e.g. \"theme\": \"default\"")
            theme = "default"
        }
        let productsPerPage = site.integer("products_per_page", in: 1...1000) ?? Self.defaultProductsPerPage

        let logo = site.string("logo").flatMap { media.reference($0, at: site.location(of: site["logo"]!), owner: "site.json", sink: sink) }
        let description = site.string("description")
        let seller = loadSeller(site)
        let (returns, shipping) = loadPolicies(site, currency: currency ?? "USD")
        var social: [SocialLink] = []
        if let links = site.object("social", subject: "\"social\" of site.json") {
            links.checkDuplicateKeys()
            for member in links.members where !member.key.hasPrefix("x-") {
                guard case .string(let link) = member.value.value, link.hasPrefix("https://") || link.hasPrefix("http://") else {
                    sink.error("social link \"\(member.key)\" must be an absolute URL string", at: links.location(of: member.value),
                               hint: "e.g. \"instagram\": \"https://instagram.com/yourbrand\"")
                    continue
                }
                social.append(SocialLink(network: member.key, url: link))
            }
        }

        guard let name, let url, let currency else { return nil }
        var settings = StoreSettings(
            name: name, url: url, language: language, currency: currency, description: description,
            theme: theme, logo: logo, seller: seller, returns: returns, shipping: shipping, social: social, productsPerPage: productsPerPage)
        settings.languageLocation = site["language"].map { site.location(of: $0) }
        settings.ignoredChecks = ignoredChecks(site, file: file)
        if let checks = site["checks"], case .object(let members) = checks.value,
           let budget = members.first(where: { $0.key == "first_screen_image_kb" }) {
            guard case .number(let text) = budget.value.value, let kilobytes = Int(text), (50...100_000).contains(kilobytes) else {
                sink.error("\"first_screen_image_kb\" of \"checks\" must be a whole number of kilobytes from 50 to 100000",
                           at: SourceLocation(file: file, line: budget.value.line, column: budget.value.column), hint: "e.g. \"first_screen_image_kb\": 1500")
                return settings
            }
            settings.firstScreenImageBudget = kilobytes * 1000
        }
        settings.checkout = checkout(site, seller: seller)
        // "search": false, or {"write_up_words": N}.
        if let node = site["search"], case .object = node.value, let search = site.object("search", subject: "\"search\" of site.json") {
            search.checkKeys(allowed: ["write_up_words"])
            if let words = search.integer("write_up_words", in: 0...1_000_000) { settings.searchWriteUpWords = words }
        } else if let search = site.bool("search") {
            settings.search = search
        }
        return settings
    }

    /// `"checkout": {"provider": …}`: one provider per store, each with its own keys.
    private func checkout(_ site: JSONObjectReader, seller: Seller) -> CheckoutProvider? {
        guard let reader = site.object("checkout", subject: "\"checkout\" of site.json") else { return nil }
        let keys: [CheckoutProvider.Kind: [String]] = [.shopify: ["store"], .snipcart: ["public_api_key"], .links: [], .email: ["to"]]
        guard reader["provider"] != nil else {
            reader.checkKeys(allowed: ["provider"] + keys.values.flatMap { $0 })
            reader.reportMissing("provider", hint: "one of \"shopify\", \"snipcart\", \"links\", \"email\" (see README: Selling)")
            return nil
        }
        guard let kind = reader.enumeration("provider", as: CheckoutProvider.Kind.self) else { return nil }
        reader.checkKeys(allowed: ["provider"] + keys[kind]!)
        switch kind {
        case .shopify:
            guard let store = reader.string("store", required: true, hint: "your Shopify store's address, e.g. \"store\": \"brand.myshopify.com\"") else { return nil }
            let host = store.trimmingWhitespace()
            guard Self.isHostName(host) else {
                sink.error("\"store\" of checkout must be a host name such as \"brand.myshopify.com\", found \"\(store)\"", at: reader.location(of: reader["store"]!),
                           hint: "write the store's domain alone: no https://, no path")
                return nil
            }
            return .shopify(store: host.lowercased())
        case .snipcart:
            guard let key = reader.string("public_api_key", required: true, hint: "Snipcart dashboard → Account → API keys → the public test or live key") else { return nil }
            guard !key.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" }) else {
                sink.error("\"public_api_key\" of checkout holds spaces or markup", at: reader.location(of: reader["public_api_key"]!),
                           hint: "paste the public API key exactly as Snipcart shows it")
                return nil
            }
            return .snipcart(publicAPIKey: key)
        case .links:
            return .links
        case .email:
            if let to = reader.string("to") {
                guard Self.isEmailAddress(to) else {
                    sink.error("\"to\" of checkout is not an email address: \"\(to)\"", at: reader.location(of: reader["to"]!),
                               hint: "e.g. \"to\": \"orders@example.com\"")
                    return nil
                }
                return .email(to: to)
            }
            guard let email = seller.email else {
                sink.error("checkout by email needs an address: \"checkout\" has no \"to\" and the seller has no \"email\"", at: reader.location,
                           hint: "add \"to\": \"orders@example.com\" to \"checkout\", or \"email\" to \"seller\"")
                return nil
            }
            guard Self.isEmailAddress(email) else {
                sink.error("checkout by email sends orders to the seller's \"email\", which cannot be used in a mailto: link: \"\(email)\"", at: reader.location,
                           hint: "add \"to\": \"orders@example.com\" to \"checkout\" with a plain address")
                return nil
            }
            return .email(to: email)
        }
    }

    /// `name@domain.tld`, and nothing that would change a mailto: link's meaning (`?`, `#`, `%`, `&`, `,`…).
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains { $0.isWhitespace || "<>\"?&,;:/\\#%".contains($0) }
    }

    /// A DNS host name: labels of letters, digits and hyphens, at least two of them.
    static func isHostName(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
    }

    /// `"checks": {"ignore": {"<rule>": "<why>"}, "first_screen_image_kb": 1500}`: a rule may be silenced only with a reason.
    private func ignoredChecks(_ site: JSONObjectReader, file: String) -> [IgnoredCheck] {
        guard let node = site["checks"], let checks = JSONObjectReader(node, file: file, subject: "\"checks\" of site.json", sink: sink) else { return [] }
        checks.checkKeys(allowed: ["ignore", "first_screen_image_kb"])
        guard let ignoreNode = checks["ignore"],
              let ignore = JSONObjectReader(ignoreNode, file: file, subject: "\"checks.ignore\" of site.json", sink: sink) else { return [] }
        ignore.checkDuplicateKeys()
        var result: [IgnoredCheck] = []
        for member in ignore.members {
            let location = SourceLocation(file: file, line: member.keyLine, column: member.keyColumn)
            guard let rule = CheckRuleID(rawValue: member.key) else {
                var hint = "rules: \(CheckRules.ids.joined(separator: ", "))"
                if let similar = closestMatch(to: member.key, in: CheckRules.ids) { hint = "did you mean \"\(similar)\"? " + hint }
                sink.error("\"\(member.key)\" is not a check rule", at: location, hint: hint)
                continue
            }
            guard case .string(let reason) = member.value.value, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                sink.error("silencing \"\(member.key)\" needs a reason", at: location,
                           hint: "e.g. \"\(member.key)\": \"our goods are hand-made and have no barcodes\"")
                continue
            }
            result.append(IgnoredCheck(rule: rule, reason: reason, location: location))
        }
        return result
    }

    /// nil when the URL can serve as the site's base URL, otherwise what is wrong with it.
    static func problemWithBaseURL(_ value: String) -> String? {
        guard let components = URLComponents(string: value), let scheme = components.scheme,
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty else {
            return "is not an absolute http(s) URL"
        }
        if components.query != nil || components.fragment != nil { return "must not have a query or fragment" }
        return nil
    }

    /// Without the trailing slash, so paths can be appended as `url + "/products/x/"`.
    static func normalizeBaseURL(_ value: String) -> String {
        var url = value
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    private func loadSeller(_ site: JSONObjectReader) -> Seller {
        guard let seller = site.object("seller", subject: "\"seller\" of site.json") else {
            sink.warning("site.json has no \"seller\" block", at: site.location,
                         hint: "add the legal name, address, email and phone buyers expect from a seller (see README: site.json)", rule: .trustSellerIdentity)
            return Seller()
        }
        seller.checkKeys(allowed: ["legal_name", "email", "phone", "address"])
        var address: PostalAddress?
        if let reader = seller.object("address", subject: "\"seller.address\" of site.json") {
            reader.checkKeys(allowed: ["street", "city", "region", "postal_code", "country"])
            let street = reader.string("street", required: true)
            let city = reader.string("city", required: true)
            let postalCode = reader.string("postal_code", required: true)
            let country = reader.string("country", required: true, hint: "a two-letter ISO 3166 code, e.g. \"US\"")
            if let country, !Self.isCountryCode(country) {
                sink.error("\"country\" of seller.address must be a two-letter ISO 3166 code in capitals, found \"\(country)\"",
                           at: reader.location(of: reader["country"]!))
            }
            if let street, let city, let postalCode, let country {
                address = PostalAddress(street: street, city: city, region: reader.string("region"), postalCode: postalCode, country: country)
            }
        }
        let email = seller.string("email")
        if let email, !email.contains("@") {
            sink.error("\"email\" of seller is not an email address: \"\(email)\"", at: seller.location(of: seller["email"]!))
        }
        let legalName = seller.string("legal_name")
        for (key, value) in [("legal_name", legalName), ("email", email), ("phone", seller.string("phone"))] where value == nil {
            sink.warning("the seller block has no \"\(key)\"", at: seller.location,
                         hint: "buyers (and laws such as the US INFORM Consumers Act) expect a seller's legal name, address, email and phone", rule: .trustSellerIdentity)
        }
        if seller["address"] == nil {
            sink.warning("the seller block has no \"address\"", at: seller.location,
                         hint: "add \"address\": {\"street\", \"city\", \"postal_code\", \"country\"}", rule: .trustSellerIdentity)
        }
        return Seller(legalName: legalName, email: email, phone: seller.string("phone"), address: address)
    }

    private func loadPolicies(_ site: JSONObjectReader, currency: String) -> (ReturnPolicy?, [ShippingRate]) {
        guard let policies = site.object("policies", subject: "\"policies\" of site.json") else { return (nil, []) }
        policies.checkKeys(allowed: ["returns", "shipping"])
        var returns: ReturnPolicy?
        if let reader = policies.object("returns", subject: "\"policies.returns\" of site.json") {
            reader.checkKeys(allowed: ["days", "fees", "method", "restocking_fee"])
            let days = reader.integer("days", in: 0...3650, required: true)
            let fees = reader.enumeration("fees", as: ReturnPolicy.Fees.self) ?? .free
            let method = reader.enumeration("method", as: ReturnPolicy.Method.self) ?? .byMail
            let fee = reader.money("restocking_fee", currency: currency)
            if fees == .restockingFee && fee == nil {
                sink.error("\"policies.returns\" has \"fees\": \"restocking_fee\" but no \"restocking_fee\" amount", at: reader.location,
                           hint: "add e.g. \"restocking_fee\": \"5.00\"")
            }
            if let days { returns = ReturnPolicy(days: days, fees: fees, method: method, restockingFee: fee) }
        }
        var shipping: [ShippingRate] = []
        for (index, node) in policies.array("shipping").enumerated() {
            guard let reader = JSONObjectReader(node, file: policies.file, subject: "shipping rate #\(index + 1)", sink: sink) else { continue }
            reader.checkKeys(allowed: ["country", "service", "price", "min_days", "max_days"])
            let country = reader.string("country", required: true)
            if let country, !Self.isCountryCode(country) {
                sink.error("\"country\" of shipping rate #\(index + 1) must be a two-letter ISO 3166 code, found \"\(country)\"",
                           at: reader.location(of: reader["country"]!))
            }
            let service = reader.string("service") ?? "Standard"
            let price = reader.money("price", currency: currency, required: true)
            let minDays = reader.integer("min_days", in: 0...365, required: true)
            let maxDays = reader.integer("max_days", in: 0...365, required: true)
            if let minDays, let maxDays, minDays > maxDays {
                sink.error("shipping rate #\(index + 1) has \"min_days\" (\(minDays)) above \"max_days\" (\(maxDays))", at: reader.location)
            }
            if let country, let price, let minDays, let maxDays {
                shipping.append(ShippingRate(country: country, service: service, price: price, minDays: minDays, maxDays: maxDays))
            }
        }
        return (returns, shipping)
    }

    static func isCountryCode(_ text: String) -> Bool {
        text.utf8.count == 2 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
