import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// How the store's language writes numbers, money, dates, country names and plurals: made once from
/// site.json's `language` and handed to everything that renders. The words themselves are in the
/// theme's translation files; these are the rules no translation file can express as a string.
public struct StoreLocale: Sendable, Equatable {
    /// The languages Showroom has rules for. A theme's `i18n/<language>.json` must name one of them.
    public enum Language: String, Sendable, CaseIterable {
        case en, de
    }

    /// A CLDR plural category (https://cldr.unicode.org/index/cldr-spec/plural-rules).
    public enum PluralCategory: String, Sendable, CaseIterable {
        case zero, one, two, few, many, other
    }

    public let language: Language
    /// The BCP 47 tag as site.json gives it (`de-AT`), for `lang` attributes.
    public let tag: String

    public init(language: Language, tag: String? = nil) {
        self.language = language
        self.tag = tag ?? language.rawValue
    }

    /// `de-AT` → `de`; nil when Showroom has no rules for the primary language.
    public init?(tag: String) {
        guard let language = Self.language(of: tag) else { return nil }
        self.init(language: language, tag: tag)
    }

    static func language(of tag: String) -> Language? {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        return Language(rawValue: primary)
    }

    // MARK: Plurals

    /// The categories a plural string must give in this language.
    public var pluralCategories: [PluralCategory] {
        switch language {
        case .en, .de: [.one, .other]
        }
    }

    /// The category of a whole number (CLDR: en and de are "one" for exactly 1, "other" otherwise).
    public func pluralCategory(_ count: Int) -> PluralCategory {
        switch language {
        case .en, .de: count == 1 ? .one : .other
        }
    }

    // MARK: Numbers and money

    private var separators: (group: String, decimal: String) {
        switch language {
        case .en: (",", ".")
        case .de: (".", ",")
        }
    }

    /// What shoppers read: `$19.00` in English (exactly `Money.displayString`), `1.234,50 €` in German.
    public func format(_ money: Money) -> String {
        switch language {
        case .en:
            return money.displayString
        case .de:
            // German writes the amount first and the symbol (or code) after it, with a space.
            let unit = Currency.symbol(money.currency) ?? money.currency
            return grouped(money.decimalString) + " " + unit
        }
    }

    /// `1234.50` → `1.234,50` (German), `1,234.50` (English).
    func grouped(_ decimal: String) -> String {
        let (group, point) = separators
        let parts = decimal.split(separator: ".", maxSplits: 1)
        let whole = Array(parts[0])
        var result = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { result += group }
            result.append(character)
        }
        return parts.count > 1 ? result + point + parts[1] : result
    }

    /// How the cart script writes totals: the same shape as `format(_:)`.
    public func moneyFormat(_ currency: String) -> (prefix: String, suffix: String, decimals: Int, group: String, decimal: String) {
        let base = Currency.displayFormat(currency)
        switch language {
        case .en: return (base.prefix, base.suffix, base.decimals, ",", ".")
        case .de: return ("", " " + (Currency.symbol(currency) ?? currency), base.decimals, ".", ",")
        }
    }

    /// `20` → `20%` in English, `20 %` in German.
    public func percent(_ value: Int) -> String {
        switch language {
        case .en: "\(value)%"
        case .de: "\(value) %"
        }
    }

    // MARK: Dates

    private static let englishMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    private static let germanMonths = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]

    /// "2026-12-03" → "December 3, 2026" / "3. Dezember 2026". Independent of the machine's locale and clock.
    public func longDate(_ date: CalendarDate) -> String {
        let year = date.iso.prefix(4)
        switch language {
        case .en: return "\(Self.englishMonths[date.month - 1]) \(date.day), \(year)"
        case .de: return "\(date.day). \(Self.germanMonths[date.month - 1]) \(year)"
        }
    }

    // MARK: Addresses

    /// The line of an address with the city: "Duluth, MN 55802" in English, "04229 Leipzig" in German.
    public func cityLine(city: String, region: String?, postalCode: String) -> String {
        switch language {
        case .en:
            return [city, [region, postalCode].compactMap { $0 }.joined(separator: " ")].filter { !$0.isEmpty }.joined(separator: ", ")
        case .de:
            let place = [postalCode, city].filter { !$0.isEmpty }.joined(separator: " ")
            return [place, region].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        }
    }

    // MARK: Countries

    /// English names as the store has always written them (kept exactly, so English pages do not change).
    private static let englishCountries: [String: String] = [
        "US": "United States", "CA": "Canada", "GB": "United Kingdom", "IE": "Ireland", "AU": "Australia", "NZ": "New Zealand",
        "DE": "Germany", "FR": "France", "ES": "Spain", "IT": "Italy", "NL": "Netherlands", "BE": "Belgium", "AT": "Austria",
        "CH": "Switzerland", "SE": "Sweden", "NO": "Norway", "DK": "Denmark", "FI": "Finland", "PT": "Portugal", "PL": "Poland",
        "JP": "Japan", "KR": "South Korea", "CN": "China", "IN": "India", "MX": "Mexico", "BR": "Brazil", "SG": "Singapore",
    ]

    /// "DE" → "Germany" / "Deutschland"; the code itself when no name is known.
    public func countryName(_ code: String) -> String {
        switch language {
        case .en: return Self.englishCountries[code] ?? code
        default:
            // Foundation's CLDR data names every region in every language, the same on Linux and macOS.
            return Locale(identifier: language.rawValue).localizedString(forRegionCode: code) ?? code
        }
    }
}
