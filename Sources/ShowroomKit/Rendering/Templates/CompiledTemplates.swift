import Mustache

/// The theme's templates as swift-mustache parsed them, turned into a tree this renderer walks with typed
/// values and one output buffer. swift-mustache stays the parser (so syntax, whitespace and standalone-line
/// rules are exactly its own) and the reference: tests render whole stores both ways and compare bytes.
///
/// swift-mustache keeps its parsed tokens internal, so they are read through `Mirror`. Should a template
/// hold something this renderer does not handle (template inheritance, dynamic partials, a content type
/// other than HTML or text) or the token shape change in a new swift-mustache, `compile` returns nil and
/// the theme renders with swift-mustache as before.
struct CompiledTemplates: Sendable {
    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(TemplateName, escaped: Bool)
        case section(TemplateName, body: [Node], inverted: Bool)
        case partial(String, indentation: [UInt8]?)
        /// `{{% CONTENT_TYPE: … }}`: whether variables after it in the same template are HTML-escaped.
        case escaping(Bool)
    }

    /// A tag's name, split once: `{{a.b}}`, `{{.}}`, `{{.a}}`, `{{count(a)}}`, `{{index()}}`.
    struct TemplateName: Sendable {
        enum Root: Sendable {
            case top, stack, sequenceContext
        }

        let root: Root
        let path: [TemplateKey]
        /// In the order they apply (innermost first).
        let transforms: [String]

        init(name: String, transforms: [String]) {
            self.transforms = transforms.reversed()
            if name == "." {
                (root, path) = (.top, [])
            } else if name.isEmpty, !transforms.isEmpty {
                (root, path) = (.sequenceContext, [])
            } else {
                (root, path) = (name.first == "." ? .top : .stack, name.split(separator: ".").map { TemplateKey(String($0)) })
            }
        }
    }

    let templates: [String: [Node]]

    static func compile(_ templates: [String: MustacheTemplate]) -> CompiledTemplates? {
        var compiled: [String: [Node]] = [:]
        for (name, template) in templates {
            guard let nodes = nodes(of: template) else { return nil }
            compiled[name] = nodes
        }
        return CompiledTemplates(templates: compiled)
    }

    private static func nodes(of template: MustacheTemplate) -> [Node]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value else { return nil }
        var nodes: [Node] = []
        for token in Mirror(reflecting: tokens).children {
            guard let node = node(of: token.value) else { return nil }
            nodes.append(node)
        }
        return nodes
    }

    private static func node(of token: Any) -> Node? {
        let mirror = Mirror(reflecting: token)
        guard mirror.displayStyle == .enum, let payload = mirror.children.first, let kind = payload.label else { return nil }
        let fields = Dictionary(Mirror(reflecting: payload.value).children.compactMap { child in child.label.map { ($0, child.value) } },
                                uniquingKeysWith: { first, _ in first })
        func name() -> TemplateName? {
            guard let name = fields["name"] as? String, let transforms = fields["transforms"] as? [String] else { return nil }
            return TemplateName(name: name, transforms: transforms)
        }
        switch kind {
        case "text":
            return (payload.value as? String).map { .text(Array($0.utf8)) }
        case "variable", "unescapedVariable":
            return name().map { .variable($0, escaped: kind == "variable") }
        case "section", "invertedSection":
            guard let name = name(), let template = fields["template"] as? MustacheTemplate, let body = nodes(of: template) else { return nil }
            return .section(name, body: body, inverted: kind == "invertedSection")
        case "partial":
            guard let partial = fields[".0"] as? String, fields["inherits"].flatMap({ $0 as? [String: MustacheTemplate] }) == nil else { return nil }
            let indentation = fields["indentation"].flatMap { $0 as? String }
            return .partial(partial, indentation: indentation.map { Array($0.utf8) })
        case "contentType":
            guard let contentType = payload.value as? MustacheContentType else { return nil }
            let probe = "<&>\"'"
            switch contentType.escapeText(probe) {
            case HTML.escape(probe): return .escaping(true)
            case probe: return .escaping(false)
            default: return nil
            }
        default:
            // blockDefinition, blockExpansion, dynamicNamePartial, or a token this version does not know.
            return nil
        }
    }

    /// Renders `template` against `root` (swift-mustache's semantics, including its quirks: an empty
    /// string or a zero is a true section, a partial's indentation only starts lines that the partial's
    /// own output starts).
    func render(_ template: String, root: TemplateValue) -> [UInt8] {
        guard let nodes = templates[template] else { return [] }
        var renderer = Renderer(templates: templates, stack: [root])
        renderer.output.reserveCapacity(32 * 1024)
        renderer.render(nodes, sequence: nil, indentation: nil, escaping: true)
        return renderer.output
    }

    private struct SequenceContext {
        var first: Bool
        var last: Bool
        var index: Int

        func transformed(_ name: String) -> TemplateValue? {
            switch name {
            case "first": .bool(first)
            case "last": .bool(last)
            case "index": .int(index)
            case "even": .bool(index & 1 == 0)
            case "odd": .bool(index & 1 == 1)
            default: nil
            }
        }
    }

    private struct Renderer {
        let templates: [String: [Node]]
        var stack: [TemplateValue]
        var output: [UInt8] = []

        mutating func render(_ nodes: [Node], sequence: SequenceContext?, indentation: [UInt8]?, escaping: Bool) {
            let start = output.count
            var escaping = escaping
            guard let indentation, !indentation.isEmpty else {
                for node in nodes { render(node, sequence: sequence, indentation: indentation, escaping: &escaping) }
                return
            }
            // swift-mustache indents a token's output when this template's output so far ends a line.
            for node in nodes {
                let atLineStart = output.count > start && output.last == 0x0A && (output.count - start < 2 || output[output.count - 2] != 0x0D)
                if atLineStart { output.append(contentsOf: indentation) }
                let before = output.count
                render(node, sequence: sequence, indentation: indentation, escaping: &escaping)
                if atLineStart, output.count == before { output.removeLast(indentation.count) }
            }
        }

        private mutating func render(_ node: Node, sequence: SequenceContext?, indentation: [UInt8]?, escaping: inout Bool) {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                guard let value = lookUp(name, sequence: sequence) else { return }
                let text = value.text
                if escaped && escaping { appendEscaped(text) } else { output.append(contentsOf: text.utf8) }
            case .section(let name, let body, let inverted):
                let value = lookUp(name, sequence: sequence)
                if inverted {
                    renderInverted(body, value: value, sequence: sequence, indentation: indentation, escaping: escaping)
                } else {
                    renderSection(body, value: value, sequence: sequence, indentation: indentation, escaping: escaping)
                }
            case .partial(let name, let indented):
                guard let partial = templates[name] else { return }
                let combined = indented.map { (indentation ?? []) + $0 } ?? indentation
                render(partial, sequence: nil, indentation: combined, escaping: true)
            case .escaping(let escapes):
                escaping = escapes
            }
        }

        /// A true boolean (and an inverted false or missing value) renders in the same context, so a
        /// sequence's `first()`/`index()` still answer inside it; anything pushed starts a new context.
        private mutating func renderSection(_ body: [Node], value: TemplateValue?, sequence: SequenceContext?, indentation: [UInt8]?, escaping: Bool) {
            switch value {
            case .list(let items):
                for (index, item) in items.enumerated() {
                    stack.append(item)
                    render(body, sequence: SequenceContext(first: index == 0, last: index == items.count - 1, index: index),
                           indentation: indentation, escaping: escaping)
                    stack.removeLast()
                }
            case .bool(let bool):
                if bool { render(body, sequence: sequence, indentation: indentation, escaping: escaping) }
            case .some(let value):
                stack.append(value)
                render(body, sequence: nil, indentation: indentation, escaping: escaping)
                stack.removeLast()
            case nil:
                break
            }
        }

        private mutating func renderInverted(_ body: [Node], value: TemplateValue?, sequence: SequenceContext?, indentation: [UInt8]?, escaping: Bool) {
            switch value {
            case .list(let items):
                guard items.isEmpty else { return }
                stack.append(.list(items))
                render(body, sequence: nil, indentation: indentation, escaping: escaping)
                stack.removeLast()
            case .bool(let bool):
                if !bool { render(body, sequence: sequence, indentation: indentation, escaping: escaping) }
            case .some:
                break
            case nil:
                render(body, sequence: sequence, indentation: indentation, escaping: escaping)
            }
        }

        private func lookUp(_ name: TemplateName, sequence: SequenceContext?) -> TemplateValue? {
            var value: TemplateValue?
            switch name.root {
            case .sequenceContext:
                guard let sequence, let first = name.transforms.first, let result = sequence.transformed(first) else { return nil }
                value = result
                for transform in name.transforms.dropFirst() {
                    guard let next = value?.transformed(transform) else { return nil }
                    value = next
                }
                return value
            case .top:
                value = stack.last
                for component in name.path {
                    guard let parent = value, let child = Self.child(of: parent, named: component) else { return nil }
                    value = child
                }
            case .stack:
                guard let first = name.path.first else {
                    value = stack.last
                    break
                }
                for entry in stack.reversed() {
                    if let child = Self.child(of: entry, named: first) {
                        value = child
                        break
                    }
                }
                for component in name.path.dropFirst() {
                    guard let parent = value, let child = Self.child(of: parent, named: component) else { return nil }
                    value = child
                }
            }
            for transform in name.transforms {
                guard let next = value?.transformed(transform) else { return nil }
                value = next
            }
            return value
        }

        private static func child(of value: TemplateValue, named key: TemplateKey) -> TemplateValue? {
            switch value {
            case .object(let object):
                return object.child(key)
            case .opaque(let any):
                // swift-mustache reads other values' stored properties through Mirror.
                guard let match = Mirror(reflecting: any).children.first(where: { $0.label == key.name })?.value else { return nil }
                let mirror = Mirror(reflecting: match)
                if mirror.displayStyle == .optional, mirror.children.isEmpty { return nil }
                return TemplateValue(match)
            default:
                return nil
            }
        }

        private mutating func appendEscaped(_ text: String) {
            guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                output.append(contentsOf: text.utf8)
                return
            }
            for byte in text.utf8 {
                switch byte {
                case 0x26: output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case 0x3C: output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case 0x3E: output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt;
                case 0x22: output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])  // &quot;
                case 0x27: output.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B])  // &#39;
                default: output.append(byte)
                }
            }
        }
    }
}
