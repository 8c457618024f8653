import Testing
@testable import ShowroomBuild
@testable import ShowroomCheck
@testable import ShowroomImport
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomServe
@testable import ShowroomSupport
@testable import ShowroomTemplates

@Suite("Money, GTINs and JSON positions")
struct ModelTests {
    @Test("money strings parse exactly into minor units", arguments: [
        ("24.00", "USD", 2400), ("24", "USD", 2400), ("24.5", "USD", 2450), ("0.99", "USD", 99), ("24.000", "USD", 2400),
        ("2400", "JPY", 2400), ("1.234", "KWD", 1234), ("1234567.89", "EUR", 123_456_789),
    ])
    func moneyParses(text: String, currency: String, minorUnits: Int64) throws {
        #expect(try Money.parse(text, currency: currency).minorUnits == minorUnits)
    }

    @Test("bad money strings are rejected with a reason")
    func moneyRejects() {
        #expect(throws: Money.ParseError.notADecimal) { try Money.parse("24,00", currency: "USD") }
        #expect(throws: Money.ParseError.notADecimal) { try Money.parse("$24", currency: "USD") }
        #expect(throws: Money.ParseError.notADecimal) { try Money.parse("24.", currency: "USD") }
        #expect(throws: Money.ParseError.notADecimal) { try Money.parse("", currency: "USD") }
        #expect(throws: Money.ParseError.negative) { try Money.parse("-1.00", currency: "USD") }
        #expect(throws: Money.ParseError.tooManyDecimals(allowed: 2)) { try Money.parse("1.005", currency: "USD") }
        #expect(throws: Money.ParseError.tooManyDecimals(allowed: 0)) { try Money.parse("10.5", currency: "JPY") }
    }

    @Test("money displays independent of the machine's locale")
    func moneyDisplay() throws {
        #expect(try Money.parse("1234.5", currency: "USD").displayString == "$1,234.50")
        #expect(try Money.parse("19", currency: "EUR").decimalString == "19.00")
        #expect(try Money.parse("19", currency: "CHF").displayString == "19.00 CHF")
        #expect(try Money.parse("1500", currency: "JPY").displayString == "¥1,500")
    }

    @Test("GTIN check digits (GS1 mod 10) and zero-padded comparison")
    func gtin() throws {
        #expect(try GTIN("4006381333931").normalized == "04006381333931")
        #expect(try GTIN("012345678905").normalized == (try GTIN("0012345678905")).normalized)
        #expect(try GTIN("96385074").digits == "96385074")
        #expect(throws: GTIN.Problem.wrongCheckDigit(expected: "1")) { try GTIN("4006381333932") }
        #expect(throws: GTIN.Problem.wrongLength(10)) { try GTIN("0123456789") }
        #expect(throws: GTIN.Problem.notDigits) { try GTIN("40063813-3393") }
    }

    @Test("the JSON parser keeps key order and positions, counting columns in characters")
    func jsonPositions() throws {
        let node = try JSONParser.parse(Array("{\n  \"é\": 1,\n  \"b\": [true, null, \"ü\"],\n  \"a\": {\"z\": 1.50}\n}".utf8))
        guard case .object(let members) = node.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["é", "b", "a"])
        #expect(members.map { "\($0.keyLine):\($0.keyColumn)" } == ["2:3", "3:3", "4:3"])
        guard case .array(let elements) = members[1].value.value else { Issue.record("not an array"); return }
        #expect(elements.map(\.column) == [9, 15, 21])
        guard case .object(let inner) = members[2].value.value, case .number(let text) = inner[0].value.value else { Issue.record("bad"); return }
        #expect(text == "1.50", "numbers keep their exact text")
    }

    @Test("JSON escapes and surrogate pairs decode; invalid escapes are errors")
    func jsonStrings() throws {
        let node = try JSONParser.parse(Array(#"["a\"b\\c\/d\n\u00e9\ud83d\ude00"]"#.utf8))
        guard case .array(let elements) = node.value, case .string(let text) = elements[0].value else { Issue.record("bad"); return }
        #expect(text == "a\"b\\c/d\né😀")
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(#"["\x"]"#.utf8)) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(#"{"a": 01}"#.utf8)) }
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array("[1] [2]".utf8)) }
    }

    @Test("slugs, calendar dates and titles from slugs")
    func rules() {
        #expect(CatalogLoader.slugify("NW-TB-750 Slate/Large") == "nw-tb-750-slate-large")
        #expect(CatalogLoader.slugify("Café Crème") == "caf-cr-me")
        #expect(CalendarDate(iso: "2028-02-29")?.iso == "2028-02-29")
        for invalid in ["2026-02-29", "2026-1-05", "2026-13-01", "2026-04-31", "+026-01-01", "2026-01-0x", "2026-01-01T00:00:00Z"] {
            #expect(CalendarDate(iso: invalid) == nil, "\(invalid)")
        }
        #expect(CalendarDate(iso: "2026-12-15")?.startUTC == "2026-12-15T00:00:00Z")
        #expect(CalendarDate(iso: "2026-09-30")! < CalendarDate(iso: "2026-10-01")!)
        #expect(CalendarDate(iso: "0999-01-01")?.iso == "0999-01-01")
        #expect(ContentLoader.title(fromSlug: "new-arrivals") == "New Arrivals")
    }

    @Test("products compare by their data, not by where the catalog writes them")
    func productEquality() throws {
        let price = Price(regular: Money(minorUnits: 1900, currency: "USD"))
        let here = SourceLocation(file: "catalog.json", line: 3, column: 5)
        let product = Product(handle: "mug", title: "Mug", price: price, currency: "USD", availability: .inStock, condition: .new,
                              collections: [], tags: [], images: [], videos: [], variants: [], optionNames: [], highlights: [], location: here)
        var moved = product
        moved.location = SourceLocation(file: "catalog.json", line: 9, column: 5)
        #expect(moved == product)
        var identified = product
        identified.checkoutIdentity.checkoutURL = "https://buy.stripe.com/test_1"
        #expect(identified != product)
        var dated = product
        dated.published = CalendarDate(iso: "2026-10-01")
        #expect(dated != product)
    }

    @Test("partial references are found with their positions")
    func partialReferences() {
        let found = PartialReferences.find(in: "<a>\n  {{> card}}{{>footer}}\n{{< layout}}{{$x}}{{/x}}{{/layout}} {{>*dynamic}}")
        #expect(found == [.init(name: "card", line: 2, column: 3), .init(name: "footer", line: 2, column: 13), .init(name: "layout", line: 3, column: 1)])
    }
}

/// FIPS 180-4 test vectors for the build report's digests.
enum SHA256Vectors {
    static func check() -> Bool {
        SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
            && SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            && SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
            && SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    }
}
