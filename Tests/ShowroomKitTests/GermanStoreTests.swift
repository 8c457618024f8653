import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomTemplates

/// A store in German with the default theme: every word a shopper reads comes from the theme's
/// `i18n/de.json` and every price and date is written the German way.
@Suite("A store in German")
struct GermanStoreTests {
    /// A small German store: variants, a sale, a sold-out variant, a pre-order with a date, a price over
    /// a thousand, free shipping and returns, a page, a collection, contact and cart pages, email checkout.
    static func store(language: String = "de") throws -> FixtureStore {
        let files: [String: String] = [
            "Content/site.json": """
                {
                  "name": "Rotkehlchen Werkstatt",
                  "url": "https://rotkehlchen.example.de",
                  "language": "\(language)",
                  "currency": "EUR",
                  "description": "Handgemachtes für Küche und Garten aus einer kleinen Werkstatt in Leipzig.",
                  "products_per_page": 2,
                  "seller": {
                    "legal_name": "Rotkehlchen Werkstatt GmbH",
                    "email": "hallo@rotkehlchen.example.de",
                    "phone": "+49 341 5550100",
                    "address": { "street": "Karl-Heine-Straße 12", "city": "Leipzig", "postal_code": "04229", "country": "DE" }
                  },
                  "policies": {
                    "returns": { "days": 14, "fees": "free", "method": "by_mail" },
                    "shipping": [
                      { "country": "DE", "service": "Paketdienst", "price": "0.00", "min_days": 1, "max_days": 3 },
                      { "country": "AT", "service": "Paketdienst", "price": "9.90", "min_days": 2, "max_days": 5 }
                    ]
                  },
                  "checkout": { "provider": "email", "to": "bestellung@rotkehlchen.example.de" },
                  "social": { "instagram": "https://instagram.com/rotkehlchenwerkstatt" }
                }
                """,
            "Content/catalog.json": """
                {
                  "products": [
                    {
                      "handle": "emaillebecher",
                      "title": "Emaillebecher",
                      "brand": "Rotkehlchen",
                      "price": "18.00",
                      "sale_price": "14.50",
                      "published": "2026-11-20",
                      "collections": ["kueche"],
                      "tags": ["Emaille"],
                      "images": ["media/becher-rot.jpg", "media/becher-blau.jpg"],
                      "variants": [
                        { "sku": "EB-ROT", "options": { "Farbe": "Rot" }, "image": "media/becher-rot.jpg", "gtin": "4006381333931" },
                        { "sku": "EB-BLAU", "options": { "Farbe": "Blau" }, "image": "media/becher-blau.jpg" },
                        { "sku": "EB-WEISS", "options": { "Farbe": "Weiß" }, "availability": "out_of_stock", "image": "media/becher-weiss.jpg" }
                      ]
                    },
                    {
                      "handle": "gartenbank",
                      "title": "Gartenbank aus Eiche",
                      "brand": "Rotkehlchen",
                      "mpn": "GB-180",
                      "price": "1234.50",
                      "availability": "preorder",
                      "availability_date": "2026-12-03",
                      "published": "2026-11-10",
                      "collections": ["garten"],
                      "images": ["media/bank.jpg"]
                    },
                    {
                      "handle": "leinenschuerze",
                      "title": "Leinenschürze",
                      "price": "39.00",
                      "published": "2026-10-01",
                      "collections": ["kueche"],
                      "images": ["media/schuerze.jpg"],
                      "variants": [
                        { "sku": "LS-S", "options": { "Größe": "S" } },
                        { "sku": "LS-M", "options": { "Größe": "M" }, "availability": "backorder", "availability_date": "2027-01-15" },
                        { "sku": "LS-L", "options": { "Größe": "L" }, "price": "42.00" }
                      ]
                    },
                    {
                      "handle": "kerzenhalter",
                      "title": "Kerzenhalter aus Messing",
                      "price": "27.00",
                      "availability": "out_of_stock",
                      "condition": "refurbished",
                      "published": "2026-09-01",
                      "collections": ["kueche"],
                      "images": ["media/kerzenhalter.jpg"]
                    }
                  ]
                }
                """,
            "Content/products/emaillebecher.md": """
                ---
                summary: Ein robuster Becher für Kaffee am Lagerfeuer und Tee am Küchentisch.
                highlights: [Von Hand emailliert, Spülmaschinenfest, Hält jahrzehntelang]
                ---
                ## Für jeden Tag

                Jeder Becher wird in unserer Werkstatt zweimal emailliert und einzeln gebrannt.
                """,
            "Content/products/gartenbank.md": """
                ---
                highlights: [Massive Eiche, Geölt statt lackiert]
                ---
                Eine Bank für zwei, gebaut aus Eiche aus dem Leipziger Auwald.
                """,
            "Content/collections/kueche.md": "---\ntitle: Küche\n---\nAlles für Kaffee, Tee und gutes Essen.\n",
            "Content/collections/garten.md": "---\ntitle: Garten\n---\nMöbel für draußen.\n",
            "Content/pages/ueber-uns.md": "---\ntitle: Über uns\ndescription: Wer wir sind\n---\nWir sind eine kleine Werkstatt in **Leipzig**.\n",
        ]
        let store = try FixtureStore(files, copyingDefaultTheme: true)
        // Real pictures, so the page and its screenshots look like a store.
        let pictures = ["becher-rot.jpg": "enamel-camp-mug-ember-red.jpg", "becher-blau.jpg": "enamel-camp-mug-lake-blue.jpg",
                        "becher-weiss.jpg": "enamel-camp-mug-loon-white.jpg", "bank.jpg": "cast-iron-skillet-10-1.jpg",
                        "schuerze.jpg": "folding-camp-knife-1.jpg", "kerzenhalter.jpg": "brass-candle-lantern-1.jpg"]
        for (name, source) in pictures {
            try store.write("Content/media/" + name, try Data(contentsOf: FixtureStore.repositoryRoot.appendingPathComponent("Content/media/" + source)))
        }
        return store
    }

    /// Each English string of en.json a German page must not show, split at its placeholders, with its key.
    /// Strings German writes the same (`"Video"`) are left out: they are not English left behind.
    static func englishFragments() throws -> [(key: String, text: String)] {
        let en = try #require(try JSONSerialization.jsonObject(with: Data(Fixtures.defaultThemeFile("i18n/en.json").utf8)) as? [String: Any])
        let de = try #require(try JSONSerialization.jsonObject(with: Data(Fixtures.defaultThemeFile("i18n/de.json").utf8)) as? [String: Any])
        // Acronyms German shop pages use as well, inside German labels ("Herstellernummer (MPN)", "GTIN/EAN").
        // "in" is a German word too ("…, in {city}" leaves it alone between placeholders).
        let sharedWords: Set<String> = ["MPN", "GTIN", "in"]
        var fragments: [(key: String, text: String)] = []
        for (key, value) in en.sorted(by: { $0.key < $1.key }) {
            guard !NSDictionary(dictionary: ["v": value]).isEqual(to: ["v": de[key] as Any]) else { continue }
            let texts = (value as? String).map { [$0] } ?? ((value as? [String: String]).map { Array($0.values) } ?? [])
            for text in texts {
                let plain = CharacterReferences.decode(text)
                for piece in plain.split(separator: /\{[a-z_]+\}/) {
                    let trimmed = piece.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters).union(.symbols))
                    // Pieces without two letters ("×", " = ") say nothing in either language.
                    guard trimmed.filter(\.isLetter).count >= 2, !sharedWords.contains(trimmed) else { continue }
                    fragments.append((key, trimmed))
                }
            }
        }
        return fragments
    }

    /// What a shopper reads on a page: its text (not scripts or styles), the attributes browsers show or
    /// read aloud, descriptions, and the messages the cart script shows from `data-*` attributes.
    static func shopperText(_ page: HTMLDocument) -> [String] {
        let texts = page.nodes("//text()[not(ancestor::script) and not(ancestor::style)]").map(\.text)
        let attributes = page.nodes("//@alt | //@title | //@aria-label | //@placeholder | //@label"
            + " | //meta[@name='description' or @property='og:description' or @property='og:title']/@content"
            + " | //@*[starts-with(name(), 'data-text-') or starts-with(name(), 'data-mail-')]").map(\.text)
        return (texts + attributes).filter { !$0.isEmpty }
    }

    /// Whether `word` occurs in `text` as a whole word (so "Information" is not found in "Informationen").
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: searchRange) {
            let before = found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
            let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
            if !(before?.isLetter ?? false), !(after?.isLetter ?? false) { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }

    @Test("no English is left on any page of a German store: text, alt and aria texts, descriptions, the cart script's messages")
    func noEnglishLeft() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        try await store.build()
        let fragments = try Self.englishFragments()
        #expect(fragments.count > 150, "the scan checks most of en.json")
        let pages = store.outputFiles().filter { $0.hasSuffix(".html") }
        #expect(pages.contains("cart/index.html") && pages.contains("contact/index.html") && pages.contains("404.html")
                && pages.contains("products/emaillebecher/video/index.html") && pages.contains("collections/all/page/2/index.html"), "\(pages)")
        var found: [String] = []
        for path in pages {
            let page = try store.html(path)
            #expect(page.first("/html")?["lang"] == "de")
            for text in Self.shopperText(page) {
                for fragment in fragments where Self.containsWord(text, fragment.text) {
                    found.append("\(path): \"\(fragment.text)\" (\(fragment.key)) in \"\(text.prefix(120))\"")
                }
            }
        }
        #expect(found.isEmpty, "\(found.count) English strings:\n\(found.prefix(40).joined(separator: "\n"))")
    }

    @Test("German pages write money, dates, counts, countries and plural forms the German way")
    func germanFormats() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        try await store.build()
        let bench = try store.html("products/gartenbank/index.html")
        #expect(bench.text("//p[contains(@class,'price')]//span[@class='price__current']") == "1.234,50 €")
        #expect(bench.text("//p[contains(@class,'availability')]") == "Vorbestellbar · erwartet am 3. Dezember 2026")
        #expect(bench.first("//meta[@name='description']")?["content"] != nil)

        let mug = try store.html("products/emaillebecher/index.html")
        #expect(mug.text("//p[@class='price__savings']") == "Sie sparen 3,50 € (19 %)")
        #expect(mug.text("//p[@class='options__prompt']") == "Bitte Farbe wählen – dann sehen Sie Preis und Verfügbarkeit und können bestellen.")
        let white = try store.html("products/emaillebecher/variants/eb-weiss/index.html")
        #expect(white.text("//p[contains(@class,'buy__status--sold-out')]") == "Ausverkauft")

        let home = try store.html("index.html")
        #expect(home.texts("//p[@class='collection-tile__count']") == ["1 Produkt", "3 Produkte"])
        let facts = try store.html("contact/index.html")
        #expect(facts.text("//h1") == "Kontakt")
        #expect(facts.texts("//ul[@class='shipping-list']/li/strong") == ["Deutschland", "Österreich"])
        #expect(facts.text("//ul[@class='shipping-list']/li[2]//span[@class='shipping-list__detail']") == "9,90 € · 2–5 Werktage")
        #expect(facts.texts("//main//span[@class='seller__line']") == ["Karl-Heine-Straße 12", "04229 Leipzig", "Deutschland"])
        let footer = home.texts("//ul[@class='site-footer__facts']/li")
        #expect(footer.contains("Kostenloser Versand nach Deutschland"))
        #expect(footer.contains("Kostenlose Rückgabe innerhalb von 14 Tagen · Rücksendung per Post"))

        let cart = try store.html("cart/index.html")
        #expect(cart.first("//section[@data-cart]")?["data-mail-subject"] == "Bestellanfrage: {store}", "the script fills its own placeholders")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(store.bytes("cart/items.json"))) as? [String: Any])
        let format = try #require(manifest["format"] as? [String: Any])
        #expect(format["suffix"] as? String == " €" && format["prefix"] as? String == "" && format["group"] as? String == "."
                && format["decimal"] as? String == ",")
    }

    @Test("de-AT uses de.json; the page says de-AT")
    func regionFallsBackToLanguage() async throws {
        let store = try Self.store(language: "de-AT")
        defer { store.cleanUp() }
        try await store.build()
        let home = try store.html("index.html")
        #expect(home.first("/html")?["lang"] == "de-AT")
        #expect(home.text("//a[@class='skip-link']") == "Zum Inhalt springen")
    }

    @Test("a language the theme has no file for is an error at site.json's language, naming the languages there are")
    func unknownLanguage() async throws {
        let store = try Self.store(language: "fr")
        defer { store.cleanUp() }
        let errors = await store.buildErrors().map { $0.description.replacingOccurrences(of: store.root.path + "/", with: "") }
        #expect(errors == ["""
            Content/site.json:4:15: error: the theme "default" has no translation for the language "fr"
                fix: languages the theme has: de, en; set "language" to one of them, or add Themes/default/i18n/fr.json
            """], "\(errors)")
    }

    @Test("a key missing from de.json, a key a template asks for and en.json lacks, and a placeholder that differs are all reported together")
    func translationProblems() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        var german = Fixtures.defaultThemeFile("i18n/de.json")
        german = german.replacingOccurrences(of: "  \"add_to_cart\": \"In den Warenkorb\",\n", with: "")
        german = german.replacingOccurrences(of: "\"Direkt bei {store} kaufen\"", with: "\"Direkt bei {shop} kaufen\"")
        try store.write("Themes/default/i18n/de.json", german)
        let footer = try String(contentsOf: store.root.appendingPathComponent("Themes/default/templates/partials/footer.mustache"), encoding: .utf8)
        try store.write("Themes/default/templates/partials/footer.mustache", footer.replacingOccurrences(of: "{{{t.follow_along}}}", with: "{{{t.follow_alon}}}"))
        let errors = await store.buildErrors().map { $0.description.replacingOccurrences(of: store.root.path + "/", with: "") }
        let placeholderLine = german.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("{shop}") }.map { $0 + 1 } ?? 0
        let templateLine = footer.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("t.follow_along") }.map { $0 + 1 } ?? 0
        #expect(errors.contains("""
            Themes/default/i18n/de.json:1:1: error: Themes/default/i18n/de.json has no "add_to_cart": the language "de" lacks a string Themes/default/i18n/en.json has
                fix: translate Themes/default/i18n/en.json's "add_to_cart" (line \(Self.line(of: "add_to_cart", in: "i18n/en.json")))
            """), "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Themes/default/i18n/de.json:\(placeholderLine):") && $0.contains("\"buy_direct_from\" of Themes/default/i18n/de.json has the placeholders {shop}, Themes/default/i18n/en.json has {store}") },
                "\(errors)")
        #expect(errors.contains { $0.hasPrefix("Themes/default/templates/partials/footer.mustache:\(templateLine):")
                && $0.contains("the template asks for t.follow_alon, which Themes/default/i18n/en.json (language \"en\") does not have")
                && $0.contains("did you mean t.follow_along?") }, "\(errors)")
        #expect(errors.count == 3, "\(errors)")
    }

    @Test("a translation value that is not safe HTML text is an error at its line and column")
    func unsafeValue() async throws {
        let store = try Self.store()
        defer { store.cleanUp() }
        let german = Fixtures.defaultThemeFile("i18n/de.json").replacingOccurrences(of: "\"Zur Kasse\"", with: "\"Zur <b>Kasse</b> & los\"")
        try store.write("Themes/default/i18n/de.json", german)
        let errors = await store.buildErrors().map { $0.description.replacingOccurrences(of: store.root.path + "/", with: "") }
        let line = Self.line(of: "check_out", in: "i18n/de.json")
        #expect(errors.count == 1 && errors[0].hasPrefix("Themes/default/i18n/de.json:\(line):16: error: \"check_out\" contains < or >"), "\(errors)")
    }

    /// The 1-based line of a key in a file of the default theme.
    static func line(of key: String, in file: String) -> Int {
        (Fixtures.defaultThemeFile(file).split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("\"\(key)\":") } ?? -1) + 1
    }
}

@Suite("Store languages")
struct StoreLocaleTests {
    static let english = StoreLocale(language: .en)
    static let german = StoreLocale(language: .de)

    @Test("money: English exactly as before, German with the symbol after the amount")
    func money() {
        let amount = Money(minorUnits: 123_450, currency: "EUR")
        #expect(Self.english.format(amount) == "€1,234.50")
        #expect(Self.english.format(amount) == amount.displayString)
        #expect(Self.german.format(amount) == "1.234,50 €")
        #expect(Self.german.format(Money(minorUnits: 1_234_567_800, currency: "USD")) == "12.345.678,00 $")
        #expect(Self.german.format(Money(minorUnits: 1900, currency: "CHF")) == "19,00 CHF")
        #expect(Self.german.format(Money(minorUnits: 1234, currency: "JPY")) == "1.234 ¥")
        #expect(Self.german.format(Money(minorUnits: 5, currency: "EUR")) == "0,05 €")
        #expect(Self.german.percent(19) == "19 %" && Self.english.percent(19) == "19%")
    }

    @Test("dates: \"December 3, 2026\" and \"3. Dezember 2026\"")
    func dates() throws {
        #expect(Self.english.longDate(try #require(CalendarDate(iso: "2026-12-03"))) == "December 3, 2026")
        #expect(Self.german.longDate(try #require(CalendarDate(iso: "2026-12-03"))) == "3. Dezember 2026")
        #expect(Self.german.longDate(try #require(CalendarDate(iso: "2027-03-15"))) == "15. März 2027")
    }

    @Test("plural categories and forms of both languages")
    func plurals() throws {
        for locale in [Self.english, Self.german] {
            #expect(locale.pluralCategory(1) == .one)
            #expect([0, 2, 11, 21, 100].allSatisfy { locale.pluralCategory($0) == .other })
        }
        let sink = DiagnosticSink()
        let themes = FixtureStore.repositoryRoot.appendingPathComponent("Themes")
        let theme = try #require(Theme.load(themesDirectory: themes, name: "default", displayRoot: "Themes", sink: sink))
        #expect(sink.diagnostics.all.isEmpty, "\(sink.diagnostics.all)")
        let german = try #require(theme.translations.select("de"))
        let english = try #require(theme.translations.select("en-GB"))
        #expect(german.plural("products_count", count: 1) == "1 Produkt")
        #expect(german.plural("products_count", count: 0) == "0 Produkte")
        #expect(german.plural("returns_free", count: 1, ["days": "1"]) == "Kostenlose Rückgabe innerhalb von 1 Tag")
        #expect(english.plural("products_count", count: 1) == "1 product")
        #expect(english.plural("products_count", count: 12) == "12 products")
        #expect(theme.translations.select("fr") == nil)
    }

    @Test("country names: English as before, German from CLDR")
    func countries() {
        #expect(Self.english.countryName("US") == "United States")
        #expect(Self.english.countryName("KR") == "South Korea")
        #expect(Self.german.countryName("US") == "Vereinigte Staaten")
        #expect(Self.german.countryName("DE") == "Deutschland")
        #expect(Self.german.countryName("AT") == "Österreich")
    }

    @Test("the city line of an address: city, region and postal code in English, postal code first in German")
    func addresses() {
        #expect(Self.english.cityLine(city: "Duluth", region: "MN", postalCode: "55802") == "Duluth, MN 55802")
        #expect(Self.german.cityLine(city: "Leipzig", region: nil, postalCode: "04229") == "04229 Leipzig")
    }

    @Test("tags pick their language by the primary subtag")
    func tags() {
        #expect(StoreLocale(tag: "de-AT")?.language == .de)
        #expect(StoreLocale(tag: "en_US")?.language == .en)
        #expect(StoreLocale(tag: "fr") == nil)
    }

    @Test("character references decode; a bare & or a tag is reported")
    func references() {
        #expect(CharacterReferences.decode("We couldn&rsquo;t &amp; &#8212; &#x41;") == "We couldn’t & — A")
        #expect(CharacterReferences.problem(in: "Tom & Jerry") != nil)
        #expect(CharacterReferences.problem(in: "<b>") != nil)
        #expect(CharacterReferences.problem(in: "Say \"hi\"") != nil)
        #expect(CharacterReferences.problem(in: "„Hallo“ &amp; &ndash; 'ok'") == nil)
        #expect(Translation.fill("{name} kostet {price} ({missing})", ["name": "Becher", "price": "5 €"]) == "Becher kostet 5 € ({missing})")
        #expect(Translation.placeholders(in: "{quantity} × {name}{options} {Not a} {}") == ["quantity", "name", "options"])
    }
}

extension HTMLDocument {
    /// The text of every match, whitespace folded.
    fileprivate func texts(_ xpath: String) -> [String] { nodes(xpath).map(\.text) }
}
