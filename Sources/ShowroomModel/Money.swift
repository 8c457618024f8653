import ShowroomSupport

/// An amount of money held exactly, in the currency's minor units (cents for USD, yen for JPY).
public struct Money: Hashable, Sendable, Comparable {
    public var minorUnits: Int64
    public var currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    public enum ParseError: Error, Equatable {
        case notADecimal
        case negative
        case tooManyDecimals(allowed: Int)
        case tooLarge
    }

    /// Parses a decimal string such as `"24.00"`, `"24"` or `"24.5"`; no thousands separators, no symbols.
    public static func parse(_ text: String, currency: String) throws(ParseError) -> Money {
        let digits = Currency.minorDigits(currency)
        var units: Int64 = 0
        var fraction = 0
        var seenPoint = false
        var seenDigit = false
        var fractionDigits = 0
        let scalars = Array(text.utf8)
        if scalars.first == UInt8(ascii: "-") { throw .negative }
        for byte in scalars {
            if byte == UInt8(ascii: ".") {
                if seenPoint || !seenDigit { throw .notADecimal }
                seenPoint = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw .notADecimal }
            seenDigit = true
            let digit = Int64(byte - UInt8(ascii: "0"))
            if seenPoint {
                fractionDigits += 1
                if fractionDigits > digits {
                    // Trailing zeros beyond the currency's precision are harmless ("24.000").
                    if digit != 0 { throw .tooManyDecimals(allowed: digits) }
                    continue
                }
                fraction = fraction * 10 + Int(digit)
            } else {
                let (multiplied, overflow1) = units.multipliedReportingOverflow(by: 10)
                let (added, overflow2) = multiplied.addingReportingOverflow(digit)
                if overflow1 || overflow2 || added > 1_000_000_000_000 { throw .tooLarge }
                units = added
            }
        }
        guard seenDigit, !(seenPoint && fractionDigits == 0) else { throw .notADecimal }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        var fractionUnits = Int64(fraction)
        for _ in 0..<(digits - min(fractionDigits, digits)) { fractionUnits *= 10 }
        return Money(minorUnits: units * scale + fractionUnits, currency: currency)
    }

    /// The plain decimal form feeds and structured data want: `"19.00"`.
    public var decimalString: String {
        let digits = Currency.minorDigits(currency)
        guard digits > 0 else { return String(minorUnits) }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let whole = minorUnits / scale
        let fraction = String(minorUnits % scale)
        return "\(whole).\(String(repeating: "0", count: digits - fraction.count))\(fraction)"
    }

    /// What shoppers read: `"$19.00"`, `"€19.00"`, `"19.00 CHF"`. Independent of the machine's locale.
    public var displayString: String {
        let format = Currency.displayFormat(currency)
        return format.prefix + Self.groupThousands(decimalString) + format.suffix
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }

    private static func groupThousands(_ decimal: String) -> String {
        let parts = decimal.split(separator: ".", maxSplits: 1)
        let whole = Array(parts[0])
        var grouped = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return parts.count > 1 ? grouped + "." + parts[1] : grouped
    }
}

/// ISO 4217 facts the store needs: how many minor digits, and a display symbol for common currencies.
public enum Currency {
    private static let zeroDigit: Set<String> = ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"]
    private static let threeDigit: Set<String> = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]
    private static let symbols: [String: String] = [
        "USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CAD": "CA$", "AUD": "A$", "NZD": "NZ$",
        "INR": "₹", "KRW": "₩", "BRL": "R$", "MXN": "MX$", "CNY": "CN¥", "ILS": "₪",
    ]

    public static func minorDigits(_ code: String) -> Int {
        if zeroDigit.contains(code) { return 0 }
        if threeDigit.contains(code) { return 3 }
        return 2
    }

    public static func symbol(_ code: String) -> String? { symbols[code] }

    /// How `Money.displayString` writes an amount: a symbol before it, or the code after it; grouped
    /// with commas. The cart script formats totals the same way from this.
    public static func displayFormat(_ code: String) -> (prefix: String, suffix: String, decimals: Int) {
        if let symbol = symbols[code] { return (symbol, "", minorDigits(code)) }
        return ("", " " + code, minorDigits(code))
    }

    /// Three upper-case ASCII letters.
    public static func isValidCode(_ code: String) -> Bool {
        code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
