import ShowroomModel
import ShowroomSupport

/// A template value with its type known up front: pages build them directly (`TemplateFields`), so a lookup
/// casts nothing (casting `Any` on every lookup, the Swift runtime's conformance checks were a third of a
/// large build's template time). Values from `Any` (tests) are converted once, by `init(_:)`.
package enum TemplateValue: @unchecked Sendable {
    case string(String)
    /// Text already rendered to UTF-8 by this renderer (a page's body, which becomes the layout's
    /// `content`): copied into the output as it is, without turning it into a `String` and validating it again.
    case utf8([UInt8])
    case bool(Bool)
    case int(Int)
    case double(Double)
    case list([TemplateValue])
    case object(TemplateObject)
    /// Anything else (and a stored `nil`): rendered and tested exactly as swift-mustache would.
    case opaque(OpaqueValue)

    init(_ any: Any) {
        switch any {
        case let string as String: self = .string(string)
        case let object as [String: Any]: self = .object(TemplateObject(object))
        case let bool as Bool: self = .bool(bool)
        case let int as Int: self = .int(int)
        case let list as [Any]: self = .list(list.map(TemplateValue.init))
        case let double as Double: self = .double(double)
        case let substring as Substring: self = .string(String(substring))
        default:
            // Casts look through optionals, as swift-mustache's do: a stored `.some(x)` behaves as `x`.
            if let optional = any as? OptionalBox, let wrapped = optional.wrapped {
                self = TemplateValue(wrapped)
            } else {
                self = .opaque(OpaqueValue(any))
            }
        }
    }

    /// The text `{{name}}` shows, before escaping: `String(describing:)`, as swift-mustache does.
    var text: String {
        switch self {
        case .string(let string): string
        case .utf8(let bytes): String(decoding: bytes, as: UTF8.self)
        case .bool(let bool): bool ? "true" : "false"
        case .int(let int): String(int)
        case .double(let double): String(describing: double)
        case .list(let list): "[" + list.map(\.debugText).joined(separator: ", ") + "]"
        case .object(let object): "[" + object.fields.pairs.map { "\"\($0.key)\": \($0.value.debugText)" }.joined(separator: ", ") + "]"
        case .opaque(let box): String(describing: (box.value as? OptionalBox)?.wrapped ?? box.value)
        }
    }

    private var debugText: String {
        if case .string(let string) = self { return String(reflecting: string) }
        return text
    }

    /// swift-mustache's transforms (`{{#empty(list)}}`, `{{count(list)}}`, `{{uppercased(title)}}`…): nil
    /// when the value has no such transform, which renders as nothing.
    func transformed(_ name: String) -> TemplateValue? {
        switch self {
        case .utf8:
            return TemplateValue.string(text).transformed(name)
        case .string(let string):
            switch name {
            case "empty": return .bool(string.isEmpty)
            case "capitalized": return .string(string.capitalized)
            case "lowercased": return .string(string.lowercased())
            case "uppercased": return .string(string.uppercased())
            case "reversed": return .string(String(string.reversed()))
            default: return nil
            }
        case .int(let int):
            switch name {
            case "equalzero": return .bool(int == 0)
            case "plusone": return .int(int + 1)
            case "minusone": return .int(int - 1)
            case "even": return .bool(int & 1 == 0)
            case "odd": return .bool(int & 1 == 1)
            default: return nil
            }
        case .list(let list):
            switch name {
            case "first": return list.first
            case "last": return list.last
            case "reversed": return .list(list.reversed())
            case "count": return .int(list.count)
            case "empty": return .bool(list.isEmpty)
            case "sorted": return Self.sorted(list).map(TemplateValue.list)
            default: return nil
            }
        case .object(let object) where object.fallback == nil:
            switch name {
            case "count": return .int(object.fields.count)
            case "empty": return .bool(object.fields.isEmpty)
            case "enumerated": return .list(object.fields.pairs.map { Self.pair($0.key, $0.value) })
            case "sorted": return .list(object.fields.pairs.sorted { $0.key < $1.key }.map { Self.pair($0.key, $0.value) })
            default: return nil
            }
        case .bool, .double, .object, .opaque:
            return nil
        }
    }

    /// Only lists of one comparable kind sort, like swift-mustache's `Array where Element: Comparable`.
    private static func sorted(_ list: [TemplateValue]) -> [TemplateValue]? {
        var strings: [String] = [], ints: [Int] = []
        for value in list {
            switch value {
            case .string(let string) where ints.isEmpty: strings.append(string)
            case .int(let int) where strings.isEmpty: ints.append(int)
            default: return nil
            }
        }
        return strings.isEmpty ? ints.sorted().map(TemplateValue.int) : strings.sorted().map(TemplateValue.string)
    }

    private static func pair(_ key: String, _ value: TemplateValue) -> TemplateValue {
        .object(TemplateObject(fields: ["key": key, "value": value]))
    }
}

/// A field name with its hash computed once (for a template's names, when the template is compiled), so
/// looking a name up through the context stack compares integers instead of hashing the name again at
/// every level, as a `Dictionary` would.
struct TemplateKey: Sendable {
    let name: String
    let hash: UInt64

    init(_ name: String) {
        self.name = name
        // FNV-1a: deterministic and cheap for the short names templates use.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        self.hash = hash
    }
}

/// An object's fields and, in `fallback`, where a name not found here is looked up next (a page's values,
/// then the values every page shares). Objects hold tens of fields, so a scan over precomputed hashes
/// beats hashing each looked-up name.
package final class TemplateObject: @unchecked Sendable {
    let fields: TemplateFields
    let fallback: TemplateObject?

    package init(fields: TemplateFields, fallback: TemplateObject? = nil) {
        self.fields = fields
        self.fallback = fallback
    }

    convenience init(_ dictionary: [String: Any], fallback: TemplateObject? = nil) {
        var fields = TemplateFields()
        for (key, value) in dictionary { fields[key] = TemplateValue(value) }
        self.init(fields: fields, fallback: fallback)
    }

    func child(_ key: TemplateKey) -> TemplateValue? {
        if let value = fields[key] { return value }
        var next = fallback
        while let object = next {
            if let value = object.fields[key] { return value }
            next = object.fallback
        }
        return nil
    }

    func child(named name: String) -> TemplateValue? { child(TemplateKey(name)) }
}

/// A value of a type templates do not know, boxed so `TemplateValue` stays a few words with no `Any`
/// inside: with an existential payload every copy of any value went through the enum's generic value
/// witness (a tenth of template time).
package final class OpaqueValue: @unchecked Sendable {
    let value: Any

    init(_ value: Any) { self.value = value }
}

/// Lets a conversion see inside an `Optional` stored in `Any`.
private protocol OptionalBox {
    var wrapped: Any? { get }
}

extension Optional: OptionalBox {
    fileprivate var wrapped: Any? { self.map { $0 as Any } }
}
