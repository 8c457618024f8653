import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

extension Theme {
    /// The theme with every `{{{t.key}}}` of its templates replaced by that string: a build's words are
    /// the same on every page, and literal text costs a template nothing where looking `t.key` up through
    /// the open sections costs every page. The output is the same bytes: the strings are HTML text,
    /// inserted unescaped either way.
    package func withWords(_ strings: [String: String]) -> Theme {
        guard !templateSources.isEmpty, !strings.isEmpty else { return self }
        var parsed: [String: ParsedTemplate] = [:]
        for (name, source) in templateSources {
            guard let template = try? Self.parseTemplate(TranslationReferences.inline(strings, into: source)) else { return self }
            parsed[name] = template
        }
        var theme = self
        theme.templates = CompiledTemplates(parsed)
        return theme
    }
}

extension TranslationReferences {
    /// `source` with each `{{{t.key}}}` whose key `strings` has replaced by the string. A string holding
    /// `{{` or `}}` stays a tag (written into the template, it would be read as one).
    static func inline(_ strings: [String: String], into source: String) -> String {
        guard source.contains("{{{t.") else { return source }
        var result = ""
        var rest = Substring(source)
        while let open = rest.range(of: "{{{t.") {
            result += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            let key = afterOpen.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let afterKey = afterOpen[key.endIndex...]
            if afterKey.hasPrefix("}}}"), let value = strings[String(key)], !value.contains("{{"), !value.contains("}}") {
                result += value
                rest = afterKey.dropFirst(3)
            } else {
                result += rest[open]
                rest = afterOpen
            }
        }
        return result + rest
    }
}
