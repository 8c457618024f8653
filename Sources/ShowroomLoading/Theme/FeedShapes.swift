import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// How a store reshapes its catalog feeds and product JSON-LD: `Themes/<name>/feeds.json`.
///
/// ```json
/// { "google-merchant": { "fields": { "g:custom_label_0": "{{#on_sale}}sale{{/on_sale}}" }, "remove": ["g:product_type"] },
///   "meta-catalog":    { "fields": { "custom_label_0": "{{collection}}" } },
///   "product-json-ld": { "fields": { "category": "{{collection}}" } } }
/// ```
///
/// Each field's value is a Mustache template over the item's values (see `FeedItemValues`), rendered as
/// plain text: the feed's own writer (libxml2, the CSV quoting, the JSON serializer) escapes it, so a
/// store can change what the feeds say but never produce a malformed file. A field that renders empty is
/// left out for that item. Required fields can be rewritten but not removed.
public struct FeedShapes: Sendable {
    public struct Field: Sendable {
        public var name: String
        let template: TextTemplate
        public var location: SourceLocation
    }

    public struct Shape: Sendable {
        public var fields: [Field] = []
        public var removed: Set<String> = []

        /// Fields that can be rewritten but not removed (a template that renders empty keeps the default).
        var required: Set<String> = []
        /// The longest text the feed takes in a field: a template's output is cut there, as the defaults are.
        var limits: [String: Int] = [:]

        package init(fields: [Field] = [], removed: Set<String> = [], required: Set<String> = [], limits: [String: Int] = [:]) {
            self.fields = fields
            self.removed = removed
            self.required = required
            self.limits = limits
        }

        /// The item's fields after the store's changes: rewritten in place (a repeated field becomes one),
        /// added at the end, removed.
        package func apply<Value>(to defaults: [(String, Value)], values: () -> TemplateFields, make: (String) -> Value) -> [(String, Value)] {
            guard !fields.isEmpty || !removed.isEmpty else { return defaults }
            var result = defaults.filter { !removed.contains($0.0) }
            guard !fields.isEmpty else { return result }
            let context = values()
            let root = context.templateValue
            for field in fields {
                var text = field.template.render(context, root: root).trimmingWhitespace()
                if let limit = limits[field.name] { text = TextTruncation.truncate(text, to: limit) }
                guard let position = result.firstIndex(where: { $0.0 == field.name }) else {
                    if !text.isEmpty { result.append((field.name, make(text))) }
                    continue
                }
                if text.isEmpty {
                    if !required.contains(field.name) { result.removeAll { $0.0 == field.name } }
                    continue
                }
                result[position] = (field.name, make(text))
                result = result.enumerated().filter { $0.offset <= position || $0.element.0 != field.name }.map(\.element)
            }
            return result
        }
    }

    public var googleMerchant = Shape()
    public var metaCatalog = Shape()
    public var productJSONLD = Shape()

    public init() {}

    static let fileName = "feeds.json"

    /// Fields each feed needs; they can be rewritten, never removed.
    static let required: [String: Set<String>] = [
        "google-merchant": ["g:id", "title", "description", "link", "g:image_link", "g:availability", "g:price", "g:condition"],
        "meta-catalog": ["id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand"],
        "product-json-ld": ["@type", "@id", "name", "offers", "sku", "url", "image"],
    ]

    /// Per-field length limits of each feed's spec (Merchant Center's product data specification, Meta's
    /// catalog fields): templated text is cut to them.
    static let limits: [String: [String: Int]] = [
        "google-merchant": ["title": FeedLimits.googleMerchantTitle, "description": FeedLimits.googleMerchantDescription,
                            "g:brand": 70, "g:mpn": 70, "g:color": 100, "g:size": 100, "g:material": 200, "g:pattern": 100,
                            "g:product_type": 750, "g:custom_label_0": 100, "g:custom_label_1": 100, "g:custom_label_2": 100,
                            "g:custom_label_3": 100, "g:custom_label_4": 100],
        "meta-catalog": ["title": FeedLimits.metaTitle, "description": FeedLimits.metaDescription, "brand": 100,
                         "custom_label_0": 100, "custom_label_1": 100, "custom_label_2": 100, "custom_label_3": 100, "custom_label_4": 100],
    ]

    /// Reads `feeds.json` of a theme (absent: the default shapes), reporting every problem with its position.
    static func load(themeRoot: URL, display: String, sink: DiagnosticSink) -> FeedShapes {
        var shapes = FeedShapes()
        guard let reader = JSONObjectReader.themeFile(fileName, in: themeRoot, display: display, sink: sink) else { return shapes }
        let file = reader.file
        reader.checkKeys(allowed: ["google-merchant", "meta-catalog", "product-json-ld"])
        func shape(_ key: String) -> Shape {
            var shape = Shape()
            shape.required = Self.required[key] ?? []
            shape.limits = Self.limits[key] ?? [:]
            guard let node = reader[key], let section = JSONObjectReader(node, file: file, subject: "\"\(key)\" of \(fileName)", sink: sink) else { return shape }
            section.checkKeys(allowed: ["fields", "remove"])
            if let fieldsNode = section["fields"], let fields = JSONObjectReader(fieldsNode, file: file, subject: "\"fields\" of \"\(key)\"", sink: sink) {
                fields.checkDuplicateKeys()
                for member in fields.members {
                    let location = SourceLocation(file: file, line: member.value.line, column: member.value.column)
                    guard case .string(let text) = member.value.value else {
                        sink.error("field \"\(member.key)\" of \"\(key)\" must be a template string, found \(member.value.typeName)", at: location,
                                   hint: "e.g. \"\(member.key)\": \"{{title}}\"")
                        continue
                    }
                    if let problem = problem(withName: member.key, in: key) {
                        sink.error(problem, at: SourceLocation(file: file, line: member.keyLine, column: member.keyColumn))
                        continue
                    }
                    do throws(MustacheSyntaxError) {
                        // Plain text: the feed's writer escapes for its own format.
                        shape.fields.append(Field(name: member.key, template: try TextTemplate(text), location: location))
                    } catch {
                        sink.error("field \"\(member.key)\" of \"\(key)\" is not a valid Mustache template: \(error.reason)",
                                   at: TextTemplate.location(of: error, inStringAt: location, source: text),
                                   hint: "check that every {{#section}} is closed with {{/section}} and every tag with }}")
                    }
                }
            }
            for element in section.stringElements("remove") {
                if Self.required[key]?.contains(element.text) == true {
                    sink.error("\"\(element.text)\" is required in the \(key) feed and cannot be removed", at: element.location,
                               hint: "rewrite it under \"fields\" instead")
                } else if Self.catalogOwned[key]?.contains(element.text) == true {
                    sink.error("\"\(element.text)\" comes from the catalog in the \(key) feed and cannot be removed (so prices, availability and links always match the pages)",
                               at: element.location)
                } else if shape.fields.contains(where: { $0.name == element.text }) {
                    sink.error("\"\(element.text)\" is both rewritten under \"fields\" and removed in the \(key) feed", at: element.location,
                               hint: "keep one: a template that renders empty already leaves the field out for that item")
                } else {
                    shape.removed.insert(element.text)
                }
            }
            return shape
        }
        shapes.googleMerchant = shape("google-merchant")
        shapes.metaCatalog = shape("meta-catalog")
        shapes.productJSONLD = shape("product-json-ld")
        return shapes
    }

    /// Fields that always come from the catalog, so a template can never make a feed disagree with the
    /// pages about what an item is, costs, or whether it can be bought.
    static let catalogOwned: [String: Set<String>] = [
        "google-merchant": ["g:id", "g:item_group_id", "link", "g:price", "g:sale_price", "g:availability", "g:availability_date", "g:shipping"],
        "meta-catalog": ["id", "item_group_id", "link", "price", "sale_price", "availability", "shipping"],
        "product-json-ld": ["@type", "@id", "@context", "sku", "url", "offers", "hasVariant"],
    ]

    private static func problem(withName name: String, in feed: String) -> String? {
        if catalogOwned[feed]?.contains(name) == true {
            return "\"\(name)\" comes from the catalog in the \(feed) feed and cannot be a template (so prices, availability and links always match the pages)"
        }
        switch feed {
        case "google-merchant":
            let plain = ["title", "description"]
            guard plain.contains(name) || (name.hasPrefix("g:") && name.count > 2 && name.dropFirst(2).allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" })
            else { return "\"\(name)\" is not a Merchant feed field: use g:<attribute> (e.g. g:custom_label_0), title or description" }
        case "meta-catalog":
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_[].".contains($0) })
            else { return "\"\(name)\" is not a Meta catalog column name (letters, digits, _ and [n].)" }
        default:
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber })
            else { return "\"\(name)\" is not a schema.org property name (e.g. category, color, material)" }
        }
        return nil
    }
}
