import ShowroomModel
import ShowroomSupport

/// Something a page can hand to its templates.
package protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

extension TemplateValue: TemplateRepresentable {
    package var templateValue: TemplateValue { self }
}

extension String: TemplateRepresentable {
    package var templateValue: TemplateValue { .string(self) }
}

extension Bool: TemplateRepresentable {
    package var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateRepresentable {
    package var templateValue: TemplateValue { .int(self) }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    package var templateValue: TemplateValue { .list(map { $0.templateValue }) }
}

/// The values of one template object (a page, a product card, a price…), in the order they were set.
/// Pages build these directly, so rendering needs no conversion: building `[String: Any]` and casting
/// every value back out of `Any` was a tenth of a large build.
package struct TemplateFields: ExpressibleByDictionaryLiteral, TemplateRepresentable {
    private(set) var keys: [TemplateKey] = []
    private(set) var values: [TemplateValue] = []

    init() {}

    package init(dictionaryLiteral elements: (String, any TemplateRepresentable)...) {
        keys.reserveCapacity(elements.count)
        values.reserveCapacity(elements.count)
        // A literal's names are distinct (the compiler checks constant keys), so no search is needed.
        for (name, value) in elements {
            keys.append(TemplateKey(name))
            values.append(value.templateValue)
        }
    }

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    /// Setting nil removes the field, as with a dictionary.
    package subscript(name: String) -> (any TemplateRepresentable)? {
        get { self[TemplateKey(name)] }
        set {
            let key = TemplateKey(name)
            if let index = index(of: key) {
                if let newValue {
                    values[index] = newValue.templateValue
                } else {
                    keys.remove(at: index)
                    values.remove(at: index)
                }
            } else if let newValue {
                keys.append(key)
                values.append(newValue.templateValue)
            }
        }
    }

    subscript(key: TemplateKey) -> TemplateValue? {
        index(of: key).map { values[$0] }
    }

    private func index(of key: TemplateKey) -> Int? {
        keys.withUnsafeBufferPointer { keys in
            for index in keys.indices where keys[index].hash == key.hash && keys[index].name == key.name { return index }
            return nil
        }
    }

    package var templateValue: TemplateValue { .object(TemplateObject(fields: self)) }
}

extension TemplateFields {
    /// The fields in order (for `{{#enumerated(object)}}` and friends, which are rare).
    var pairs: [(key: String, value: TemplateValue)] {
        zip(keys, values).map { ($0.name, $1) }
    }
}
