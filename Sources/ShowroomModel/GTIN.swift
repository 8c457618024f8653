import ShowroomSupport

/// A Global Trade Item Number (GTIN-8, -12, -13 or -14) with a valid check digit.
public struct GTIN: Hashable, Sendable, CustomStringConvertible {
    /// The digits as written.
    public let digits: String

    public enum Problem: Error, Equatable {
        case notDigits
        case wrongLength(Int)
        case wrongCheckDigit(expected: Character)
    }

    public init(_ text: String) throws(Problem) {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { throw .notDigits }
        guard [8, 12, 13, 14].contains(text.utf8.count) else { throw .wrongLength(text.utf8.count) }
        let expected = Self.checkDigit(forPayload: text.dropLast())
        guard text.last == expected else { throw .wrongCheckDigit(expected: expected) }
        digits = text
    }

    /// GTIN-12, -13 and -14 name the same item when equal after zero-padding to 14 digits.
    public var normalized: String { String(repeating: "0", count: 14 - digits.count) + digits }

    public var description: String { digits }

    /// GS1 mod-10: from the right, weights 3, 1, 3, 1…
    public static func checkDigit(forPayload payload: Substring) -> Character {
        var sum = 0
        for (index, byte) in payload.utf8.reversed().enumerated() {
            let digit = Int(byte - UInt8(ascii: "0"))
            sum += index % 2 == 0 ? digit * 3 : digit
        }
        return Character(String((10 - sum % 10) % 10))
    }
}
