import ShowroomModel
import ShowroomSupport

/// The theme's templates as one flat program this renderer walks with typed values and one output buffer.
/// `MustacheParser` reads each template; `init(_:)` puts them together, resolving partials to templates.
package struct CompiledTemplates: Sendable {
    /// One step of a template. Payloads are plain integers, so walking the program copies no reference:
    /// a tree of nodes holding arrays and strings made every step a retain and a release (a third of
    /// rendering time).
    enum Instruction: Sendable {
        /// `text[start..<end]`.
        case text(start: Int32, end: Int32)
        case variable(name: Int32, escaped: Bool)
        /// The section's body is the instructions after this one, up to `end`.
        case section(name: Int32, end: Int32, inverted: Bool)
        /// `template` indexes `entries` (-1: a partial that does not exist, which renders nothing);
        /// `indentation` indexes `indentations` (-1: none).
        case partial(template: Int32, indentation: Int32)
        /// `{{% CONTENT_TYPE: … }}`: whether variables after it in the same template or section are HTML-escaped.
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

    private var program: [Instruction] = []
    /// Every template's literal text, end to end.
    private var text: [UInt8] = []
    private var names: [TemplateName] = []
    private var indentations: [[UInt8]] = []
    /// Each template's instructions in `program`, by template index.
    private var entries: [Range<Int>] = []
    private var indexes: [String: Int] = [:]

    /// Puts the templates (by name) into one program, each partial resolved to its template (one that
    /// names no template renders nothing).
    package init(_ templates: [String: ParsedTemplate]) {
        let sorted = templates.sorted { $0.key < $1.key }
        // Indexes first, so partials can point at templates that come after them.
        for (index, entry) in sorted.enumerated() { indexes[entry.key] = index }
        for (_, template) in sorted {
            let start = Int32(program.count), textStart = Int32(text.count), namesStart = Int32(names.count)
            let indentationsStart = Int32(indentations.count)
            let partials = template.partials.map { indexes[$0].map(Int32.init) ?? -1 }
            for instruction in template.program {
                switch instruction {
                case .text(let from, let to):
                    program.append(.text(start: from + textStart, end: to + textStart))
                case .variable(let name, let escaped):
                    program.append(.variable(name: name + namesStart, escaped: escaped))
                case .section(let name, let end, let inverted):
                    program.append(.section(name: name + namesStart, end: end + start, inverted: inverted))
                case .partial(let partial, let indentation):
                    program.append(.partial(template: partials[Int(partial)], indentation: indentation < 0 ? -1 : indentation + indentationsStart))
                case .escaping:
                    program.append(instruction)
                }
            }
            text.append(contentsOf: template.text)
            names.append(contentsOf: template.names)
            indentations.append(contentsOf: template.indentations)
            entries.append(Int(start)..<program.count)
        }
    }

    /// Reads and puts together `sources` (name → Mustache text); the first syntax error stops it.
    package init(sources: [String: String]) throws(MustacheSyntaxError) {
        var parsed: [String: ParsedTemplate] = [:]
        for (name, source) in sources { parsed[name] = try MustacheParser.parse(source) }
        self.init(parsed)
    }

    package func contains(_ template: String) -> Bool { indexes[template] != nil }

    /// Renders `template` against `root` with swift-mustache 2.1.1's semantics, quirks included, so pages
    /// stay as they were: an empty string or a zero is a true section, a partial's indentation only starts
    /// lines that the partial's own output starts, a partial starts out escaping HTML.
    package func render(_ template: String, root: TemplateValue) -> [UInt8] {
        guard let index = indexes[template] else { return [] }
        return program.withUnsafeBufferPointer { program in
            text.withUnsafeBufferPointer { text in
                names.withUnsafeBufferPointer { names in
                    var renderer = Renderer(program: program, text: text, names: names, indentations: indentations, entries: entries, stack: [root])
                    renderer.output.reserveCapacity(32 * 1024)
                    let entry = entries[index]
                    renderer.render(entry.lowerBound..<entry.upperBound, sequence: nil, indentation: nil, escaping: true)
                    return renderer.output
                }
            }
        }
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
        let program: UnsafeBufferPointer<Instruction>
        let text: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<TemplateName>
        let indentations: [[UInt8]]
        let entries: [Range<Int>]
        var stack: [TemplateValue]
        var output: [UInt8] = []
        static let maximumPartialDepth = 64
        var partialDepth = 0

        /// Renders the instructions in `range` (one template, or one section's body).
        mutating func render(_ range: Range<Int>, sequence: SequenceContext?, indentation: [UInt8]?, escaping: Bool) {
            let start = output.count
            var escaping = escaping
            var index = range.lowerBound
            guard let indentation, !indentation.isEmpty else {
                while index < range.upperBound { index = step(index, sequence: sequence, indentation: indentation, escaping: &escaping) }
                return
            }
            // An instruction's output is indented when this template's output so far ends a line.
            while index < range.upperBound {
                let atLineStart = output.count > start && output.last == 0x0A && (output.count - start < 2 || output[output.count - 2] != 0x0D)
                if atLineStart { output.append(contentsOf: indentation) }
                let before = output.count
                index = step(index, sequence: sequence, indentation: indentation, escaping: &escaping)
                if atLineStart, output.count == before { output.removeLast(indentation.count) }
            }
        }

        /// Renders the instruction at `index` (a section with its body); returns the index of the next one.
        private mutating func step(_ index: Int, sequence: SequenceContext?, indentation: [UInt8]?, escaping: inout Bool) -> Int {
            switch program[index] {
            case .text(let start, let end):
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)]))
            case .variable(let name, let escaped):
                guard let value = lookUp(names[Int(name)], sequence: sequence) else { break }
                if case .utf8(let bytes) = value {
                    bytes.withUnsafeBufferPointer { append($0, escaped: escaped && escaping) }
                } else {
                    append(value.text, escaped: escaped && escaping)
                }
            case .section(let name, let end, let inverted):
                let value = lookUp(names[Int(name)], sequence: sequence)
                let body = index + 1..<Int(end)
                if inverted {
                    renderInverted(body, value: value, sequence: sequence, indentation: indentation, escaping: escaping)
                } else {
                    renderSection(body, value: value, sequence: sequence, indentation: indentation, escaping: escaping)
                }
                return Int(end)
            case .partial(let template, let indented):
                // A partial that includes itself (directly or through others) would recurse until the stack
                // runs out; past this depth it renders nothing, as a missing partial does.
                guard template >= 0, partialDepth < Self.maximumPartialDepth else { break }
                let combined = indented >= 0 ? (indentation ?? []) + indentations[Int(indented)] : indentation
                partialDepth += 1
                render(entries[Int(template)], sequence: nil, indentation: combined, escaping: true)
                partialDepth -= 1
            case .escaping(let escapes):
                escaping = escapes
            }
            return index + 1
        }

        /// A true boolean (and an inverted false or missing value) renders in the same context, so a
        /// sequence's `first()`/`index()` still answer inside it; anything pushed starts a new context.
        private mutating func renderSection(_ body: Range<Int>, value: TemplateValue?, sequence: SequenceContext?, indentation: [UInt8]?, escaping: Bool) {
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

        private mutating func renderInverted(_ body: Range<Int>, value: TemplateValue?, sequence: SequenceContext?, indentation: [UInt8]?, escaping: Bool) {
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
                guard !name.path.isEmpty else {
                    value = stack.last
                    break
                }
                value = stack.withUnsafeBufferPointer { stack in
                    var level = stack.count - 1
                    while level >= 0 {
                        if let child = Self.child(of: stack[level], named: name.path[0]) { return child }
                        level -= 1
                    }
                    return nil
                }
                if name.path.count > 1 {
                    for component in name.path.dropFirst() {
                        guard let parent = value, let child = Self.child(of: parent, named: component) else { return nil }
                        value = child
                    }
                }
            }
            if !name.transforms.isEmpty {
                for transform in name.transforms {
                    guard let next = value?.transformed(transform) else { return nil }
                    value = next
                }
            }
            return value
        }

        @inline(__always)
        private static func child(of value: TemplateValue, named key: TemplateKey) -> TemplateValue? {
            if case .object(let object) = value { return object.child(key) }
            return opaqueChild(of: value, named: key)
        }

        /// Apart from `child(of:named:)`: the reflection here made every lookup instantiate Mirror's type
        /// metadata on entry, though nearly all values are objects.
        @inline(never)
        private static func opaqueChild(of value: TemplateValue, named key: TemplateKey) -> TemplateValue? {
            switch value {
            case .opaque(let box):
                // Other values show their stored properties, as swift-mustache showed them.
                guard let match = Mirror(reflecting: box.value).children.first(where: { $0.label == key.name })?.value else { return nil }
                let mirror = Mirror(reflecting: match)
                if mirror.displayStyle == .optional, mirror.children.isEmpty { return nil }
                return TemplateValue(match)
            default:
                return nil
            }
        }

        private mutating func append(_ string: String, escaped: Bool) {
            var string = string
            string.withUTF8 { append($0, escaped: escaped) }
        }

        private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
            if escaped { appendEscaped(bytes) } else { output.append(contentsOf: bytes) }
        }

        private mutating func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>) {
            var run = 0  // start of the bytes not yet copied
            for index in bytes.indices {
                let entity: StaticString
                switch bytes[index] {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                output.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
                run = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
    }
}

/// One template as `MustacheParser` read it: its instructions index its own text, names and indentations,
/// and a partial names the template it includes (`partials`) until `CompiledTemplates` puts templates together.
package struct ParsedTemplate: Sendable {
    var program: [CompiledTemplates.Instruction] = []
    var text: [UInt8] = []
    var names: [CompiledTemplates.TemplateName] = []
    var indentations: [[UInt8]] = []
    var partials: [String] = []
}
