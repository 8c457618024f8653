import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// Turns the loosely written cells of export files into the content format's exact values.
struct FieldParser {
    let currency: String
    /// `YYYY-MM-DD`: scheduled sales in the file are compared with it.
    let today: String
    /// Warnings about cells that were left out or adjusted, each at its cell.
    var notes: [Diagnostic] = []

    init(currency: String, today: String = Importer.todayInUTC()) {
        self.currency = currency
        self.today = today
    }

    /// The catalog has no sale dates, so a scheduled sale counts only while it runs today; the summary says
    /// when to import again.
    mutating func saleApplies(starts startText: String?, ends endText: String?, at location: SourceLocation) -> Bool {
        let today = CalendarDate(iso: today)
        if let start = Self.date(startText), let today, start > today {
            notes.append(.warning("the sale starts on \(start), so its price was left out for now", at: location,
                                  hint: "import again on \(start) to put the sale price in"))
            return false
        }
        if let end = Self.date(endText) {
            if let today, end < today {
                notes.append(.warning("the sale ended on \(end), so its price was left out", at: location, hint: nil))
                return false
            }
            notes.append(.warning("the sale runs until \(end); catalog.json has no end date", at: location,
                                  hint: "import again after \(end), or remove \"sale_price\" then"))
        }
        return true
    }

    // MARK: Money

    /// A decimal price in the store's currency, tolerating what exports hold: `$1,299.00`, `24.99 USD`, `24,99`.
    mutating func money(_ text: String?, at location: SourceLocation, what: String) -> String? {
        guard let text else { return nil }
        var cleaned = text.filter { !$0.isWhitespace && !"$€£¥".contains($0) }
        if cleaned.uppercased().hasSuffix(currency) { cleaned.removeLast(currency.count) }
        if cleaned.contains(".") {
            cleaned.removeAll { $0 == "," }
        } else if let comma = cleaned.lastIndex(of: ","), cleaned.distance(from: comma, to: cleaned.endIndex) == 3,
                  cleaned.filter({ $0 == "," }).count == 1 {
            cleaned.replaceSubrange(comma...comma, with: ".")
        } else {
            cleaned.removeAll { $0 == "," }
        }
        do {
            return try Money.parse(cleaned, currency: currency).decimalString
        } catch {
            notes.append(.warning("\(what) \"\(text)\" is not an amount of money", at: location,
                                  hint: "write a plain decimal such as 24.99 in the file, then import again"))
            return nil
        }
    }

    /// A price with an optional sale: a sale price only counts when it is below the regular price.
    mutating func price(regular regularText: String?, sale saleText: String?, at location: SourceLocation, saleAt saleLocation: SourceLocation) -> ImportedPrice? {
        guard let regular = money(regularText, at: location, what: "price") else {
            // A product with only a sale price has that as its price.
            return money(saleText, at: saleLocation, what: "sale price").map { ImportedPrice(regular: $0, sale: nil) }
        }
        guard let sale = money(saleText, at: saleLocation, what: "sale price") else { return ImportedPrice(regular: regular, sale: nil) }
        let regularUnits = (try? Money.parse(regular, currency: currency))?.minorUnits ?? 0
        let saleUnits = (try? Money.parse(sale, currency: currency))?.minorUnits ?? 0
        guard saleUnits < regularUnits else {
            if saleUnits > regularUnits {
                notes.append(.warning("sale price \(sale) is not below the price \(regular), so it was left out", at: saleLocation,
                                      hint: "a sale price must be lower than the regular price"))
            }
            return ImportedPrice(regular: regular, sale: nil)
        }
        return ImportedPrice(regular: regular, sale: sale)
    }

    /// Compare-at pricing (Shopify): the higher compare-at price is the regular price and the price is the sale.
    mutating func price(selling sellingText: String?, compareAt compareText: String?, at location: SourceLocation, compareAt compareLocation: SourceLocation) -> ImportedPrice? {
        guard let selling = money(sellingText, at: location, what: "price") else { return nil }
        guard let compare = money(compareText, at: compareLocation, what: "compare-at price"),
              let compareUnits = try? Money.parse(compare, currency: currency).minorUnits,
              let sellingUnits = try? Money.parse(selling, currency: currency).minorUnits,
              compareUnits > sellingUnits else { return ImportedPrice(regular: selling, sale: nil) }
        return ImportedPrice(regular: compare, sale: selling)
    }

    // MARK: Identifiers

    /// A barcode as a GTIN, only when it is one: 8, 12, 13 or 14 digits with a valid check digit (an ISBN-10
    /// becomes its ISBN-13). Anything else is reported and left out, never guessed.
    mutating func gtin(_ text: String?, at location: SourceLocation) -> String? {
        guard let text else { return nil }
        var digits = text.filter { $0 != " " && $0 != "-" }
        if digits.count == 10, let isbn13 = Self.isbn13(fromISBN10: digits) { digits = isbn13 }
        do {
            return try GTIN(digits).digits
        } catch {
            let reason = switch error {
            case .notDigits: "holds more than digits"
            case .wrongLength(let count): "has \(count) digits, not 8, 12, 13 or 14"
            case .wrongCheckDigit(let expected): "has a wrong check digit (\(expected) expected)"
            }
            notes.append(.warning("barcode \"\(text)\" \(reason), so the product gets no GTIN", at: location,
                                  hint: "fix the barcode in the source and import again; without a GTIN the feeds say identifier_exists=no"))
            return nil
        }
    }

    static func isbn13(fromISBN10 text: String) -> String? {
        let characters = Array(text.uppercased())
        guard characters.count == 10, characters.prefix(9).allSatisfy(\.isASCIIDigit),
              characters[9].isASCIIDigit || characters[9] == "X" else { return nil }
        let sum = characters.enumerated().reduce(0) { sum, pair in
            sum + (10 - pair.offset) * (pair.element == "X" ? 10 : Int(String(pair.element))!)
        }
        guard sum % 11 == 0 else { return nil }
        let payload = "978" + String(characters.prefix(9))
        return payload + String(GTIN.checkDigit(forPayload: Substring(payload)))
    }

    // MARK: Text

    /// `a, b, c` → `["a", "b", "c"]`, empty parts dropped.
    static func list(_ text: String?, separator: Character = ",") -> [String] {
        guard let text else { return [] }
        return text.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Remote media are kept as they are; anything that is not an http(s) URL is reported.
    mutating func imageURL(_ text: String?, at location: SourceLocation) -> String? {
        guard let text else { return nil }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            notes.append(.warning("image \"\(text)\" is not an http(s) URL, so it was left out", at: location,
                                  hint: "copy the image into Content/media/ and add it to the product's \"images\""))
            return nil
        }
        return text
    }

    /// A handle from a title: other scripts transliterated (Ναυτικό → nautiko), accents folded (Crème → creme),
    /// at most about 60 characters, cut at a word boundary. Nil when nothing readable is left.
    static func handle(from title: String) -> String? {
        var latin = title.applyingTransform(.toLatin, reverse: false) ?? title
        latin = latin.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        for (letter, replacement) in [("ß", "ss"), ("ł", "l"), ("ø", "o"), ("æ", "ae"), ("œ", "oe"), ("đ", "d"), ("&", " and ")] {
            latin = latin.replacingOccurrences(of: letter, with: replacement)
        }
        var slug = CatalogLoader.slugify(latin)
        guard slug.contains(where: \.isLetter), slug != "item" || latin.contains("item") else { return nil }
        if slug.count > 60 {
            let cut = slug.prefix(60)
            slug = cut.lastIndex(of: "-").map { String(cut[..<$0]) } ?? String(cut)
        }
        return slug
    }

    /// The first calendar date in a timestamp (`2024-03-15 10:22:31 PST` → `2024-03-15`), if it is one.
    static func date(_ text: String?) -> CalendarDate? {
        guard let text, text.count >= 10 else { return nil }
        return CalendarDate(iso: String(text.prefix(10)))
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
