import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// One string of a translation file: plain, or one form per CLDR plural category.
enum TranslationValue: Sendable, Equatable {
    case text(String)
    case plural([StoreLocale.PluralCategory: String])
}

/// A key of a translation file with where it was written and the `{placeholders}` it uses.
struct TranslationEntry: Sendable {
    var value: TranslationValue
    var placeholders: Set<String>
    var location: SourceLocation
}

/// One `i18n/<language>.json` of a theme.
///
/// Values are HTML text: no tags, and `&` only to start a character reference (`&rsquo;`, `&#8217;`),
/// so templates can print them as they are (`{{{t.key}}}`) in text and in attributes alike; Swift decodes
/// the references when it fills a string in, and the template escapes the result as any other value.
public struct Translation: Sendable {
    /// The file's language tag (`de`, `de-AT`).
    public let tag: String
    /// Where the file is, for messages: `Themes/default/i18n/de.json`.
    public let file: String
    let entries: [String: TranslationEntry]
    /// The rules for the file's language.
    public let locale: StoreLocale

    /// The value as written (HTML text), nil when the file lacks the key or it has plural forms.
    package func html(_ key: String) -> String? {
        guard case .text(let text)? = entries[key]?.value else { return nil }
        return text
    }

    /// The string as text, with its `{placeholders}` filled (references decoded, values put in as they are).
    /// A key the file lacks renders as the key, which a theme load has already reported.
    package func text(_ key: String, _ values: [String: String] = [:]) -> String {
        switch entries[key]?.value {
        case .text(let text)?: Self.fill(CharacterReferences.decode(text), values)
        case .plural(let forms)?: Self.fill(CharacterReferences.decode(forms[.other] ?? ""), values)
        case nil: key
        }
    }

    /// The form for `count` (`{count}` is filled with it too).
    func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        guard case .plural(let forms)? = entries[key]?.value else { return text(key, values) }
        var values = values
        values["count"] = values["count"] ?? String(count)
        let form = forms[locale.pluralCategory(count)] ?? forms[.other] ?? ""
        return Self.fill(CharacterReferences.decode(form), values)
    }

    /// Replaces `{name}` with `values[name]`; placeholders without a value stay as written.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.utf8.contains(UInt8(ascii: "{")) else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    /// The `{name}` placeholders of a string.
    static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == "_") }) else { break }
            let name = rest[afterOpen..<close]
            if rest[close] == "}", let first = name.first, first.isLetter || first == "_" { names.insert(String(name)) }
            rest = rest[close...]
        }
        return names
    }
}

/// Every translation file of a theme, checked against `en.json` when the theme loads.
public struct ThemeTranslations: Sendable {
    public static let folder = "i18n"
    /// The file every other file is checked against.
    public static let reference = "en"

    /// By tag as the file is named (`en`, `de`, `de-AT`).
    var files: [String: Translation] = [:]

    public init() {}

    /// The languages the theme has files for, sorted.
    public var available: [String] { files.keys.sorted() }

    /// site.json's `language`: the exact tag first (case-insensitively), then its primary subtag (`de-AT` → `de`).
    public func select(_ tag: String) -> Translation? {
        if let exact = files.first(where: { $0.key.lowercased() == tag.lowercased() })?.value { return exact }
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        return files.first { $0.key.lowercased() == primary }?.value
    }

    /// Loads `i18n/*.json`, reporting every problem of every file together.
    static func load(themeRoot: URL, display: String, sink: DiagnosticSink) -> ThemeTranslations {
        var translations = ThemeTranslations()
        let folder = themeRoot.appendingPathComponent(folder)
        let names = regularFiles(under: folder).filter { $0.hasSuffix(".json") && !$0.contains("/") }.sorted()
        for name in names {
            let tag = String(name.dropLast(".json".count))
            let file = "\(display)/\(Self.folder)/\(name)"
            guard let language = StoreLocale.language(of: tag) else {
                sink.error("Showroom has no number, date and plural rules for the language \"\(tag)\" of \(Self.folder)/\(name)", at: SourceLocation(file: file),
                           hint: "languages Showroom can format: \(StoreLocale.Language.allCases.map(\.rawValue).joined(separator: ", ")); add the rules to StoreLocale.swift")
                continue
            }
            let locale = StoreLocale(language: language, tag: tag)
            guard let reader = JSONObjectReader.themeFile("\(Self.folder)/\(name)", in: themeRoot, display: display, sink: sink) else { continue }
            reader.checkDuplicateKeys()
            var entries: [String: TranslationEntry] = [:]
            for member in reader.members where entries[member.key] == nil {
                let location = SourceLocation(file: file, line: member.value.line, column: member.value.column)
                guard member.key.first?.isLetter == true, member.key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                    sink.error("translation key \"\(member.key)\" is not a name of letters, digits and underscores",
                               at: SourceLocation(file: file, line: member.keyLine, column: member.keyColumn), hint: "templates read keys as {{{t.key}}}, e.g. \"sold_out\"")
                    continue
                }
                if let entry = Self.entry(member, location: location, locale: locale, sink: sink) { entries[member.key] = entry }
            }
            translations.files[tag] = Translation(tag: tag, file: file, entries: entries, locale: locale)
        }
        guard !translations.files.isEmpty else { return translations }
        guard let reference = translations.files[reference] else {
            sink.error("the theme's \(Self.folder)/ folder has no \(reference).json, the file every other language is checked against",
                       at: SourceLocation(file: "\(display)/\(Self.folder)/\(reference).json"), hint: "add \(Self.folder)/\(reference).json with every key")
            return translations
        }
        for required in ShopWord.allCases {
            guard let entry = reference.entries[required.rawValue] else {
                sink.error("\(reference.file) has no \"\(required.rawValue)\", which Showroom needs for the language \"\(reference.tag)\"",
                           at: SourceLocation(file: reference.file), hint: "add \"\(required.rawValue)\": \(required.example)")
                continue
            }
            let extra = entry.placeholders.subtracting(required.placeholders)
            if !extra.isEmpty {
                sink.error("\"\(required.rawValue)\" of \(reference.file) uses \(extra.sorted().map { "{\($0)}" }.joined(separator: ", ")), which Showroom does not fill in",
                           at: entry.location, hint: "placeholders of this key: \(required.placeholders.isEmpty ? "none" : required.placeholders.sorted().map { "{\($0)}" }.joined(separator: ", "))")
            }
            if required.isPlural, case .text = entry.value {
                sink.error("\"\(required.rawValue)\" of \(reference.file) needs plural forms", at: entry.location, hint: "e.g. \"\(required.rawValue)\": \(required.example)")
            }
        }
        for translation in translations.files.values.sorted(by: { $0.tag < $1.tag }) where translation.tag != reference.tag {
            check(translation, against: reference, sink: sink)
        }
        return translations
    }

    /// Every key of en.json must be in `translation`, with the same placeholders; keys en.json lacks are typos.
    private static func check(_ translation: Translation, against reference: Translation, sink: DiagnosticSink) {
        for (key, entry) in reference.entries.sorted(by: { $0.key < $1.key }) {
            guard let other = translation.entries[key] else {
                sink.error("\(translation.file) has no \"\(key)\": the language \"\(translation.tag)\" lacks a string \(reference.file) has",
                           at: SourceLocation(file: translation.file, line: 1, column: 1), hint: "translate \(reference.file)'s \"\(key)\" (line \(entry.location.line ?? 0))")
                continue
            }
            if other.placeholders != entry.placeholders {
                let names = { (set: Set<String>) in set.isEmpty ? "none" : set.sorted().map { "{\($0)}" }.joined(separator: ", ") }
                sink.error("\"\(key)\" of \(translation.file) has the placeholders \(names(other.placeholders)), \(reference.file) has \(names(entry.placeholders))",
                           at: other.location, hint: "use the same placeholders in every language")
            }
            switch (entry.value, other.value) {
            case (.text, .plural), (.plural, .text):
                sink.error("\"\(key)\" of \(translation.file) must be \(entry.value.isPlural ? "an object of plural forms" : "a string"), as in \(reference.file)", at: other.location)
            default: break
            }
        }
        for (key, entry) in translation.entries.sorted(by: { $0.key < $1.key }) where reference.entries[key] == nil {
            var hint = "every key must be in \(reference.file) too"
            if let similar = closestMatch(to: key, in: Array(reference.entries.keys)) { hint = "did you mean \"\(similar)\"? " + hint }
            sink.error("\"\(key)\" of \(translation.file) is not a key of \(reference.file)", at: entry.location, hint: hint)
        }
    }

    private static func entry(_ member: JSONMember, location: SourceLocation, locale: StoreLocale, sink: DiagnosticSink) -> TranslationEntry? {
        let key = member.key
        func checked(_ text: String, at location: SourceLocation) -> Bool {
            if let problem = CharacterReferences.problem(in: text) {
                sink.error("\"\(key)\" \(problem)", at: location,
                           hint: "values are HTML text: write & as &amp;, use typographic quotes (“ ” „) or &quot;, and no tags")
                return false
            }
            return true
        }
        switch member.value.value {
        case .string(let text):
            // Kept even when reported, so the other files are not also told they lack the key.
            _ = checked(text, at: location)
            return TranslationEntry(value: .text(text), placeholders: Translation.placeholders(in: text), location: location)
        case .object(let forms):
            var result: [StoreLocale.PluralCategory: String] = [:]
            var ok = true
            for form in forms {
                let formLocation = SourceLocation(file: location.file, line: form.value.line, column: form.value.column)
                guard let category = StoreLocale.PluralCategory(rawValue: form.key) else {
                    sink.error("\"\(key)\" has the plural form \"\(form.key)\", which is not a CLDR plural category",
                               at: SourceLocation(file: location.file, line: form.keyLine, column: form.keyColumn),
                               hint: "the forms for \"\(locale.language.rawValue)\" are \(locale.pluralCategories.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
                    ok = false
                    continue
                }
                guard case .string(let text) = form.value.value else {
                    sink.error("plural form \"\(form.key)\" of \"\(key)\" must be a string, found \(form.value.typeName)", at: formLocation)
                    ok = false
                    continue
                }
                guard checked(text, at: formLocation) else { ok = false; continue }
                result[category] = text
            }
            let missing = locale.pluralCategories.filter { result[$0] == nil }
            if ok, !missing.isEmpty {
                sink.error("\"\(key)\" lacks the plural form\(missing.count == 1 ? "" : "s") \(missing.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")) that \"\(locale.language.rawValue)\" needs",
                           at: location, hint: "e.g. {\"one\": \"{count} product\", \"other\": \"{count} products\"}")
                ok = false
            }
            let placeholders = result.values.reduce(into: Set<String>()) { $0.formUnion(Translation.placeholders(in: $1)) }
            return TranslationEntry(value: .plural(result), placeholders: placeholders, location: location)
        default:
            sink.error("\"\(key)\" must be a string, or an object of plural forms, found \(member.value.typeName)", at: location,
                       hint: "e.g. \"\(key)\": \"Sold out\", or {\"one\": \"{count} product\", \"other\": \"{count} products\"}")
            return nil
        }
    }
}

extension TranslationValue {
    var isPlural: Bool {
        if case .plural = self { return true }
        return false
    }
}

/// The HTML character references translation values may hold.
enum CharacterReferences {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "shy": "\u{AD}",
        "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "bdquo": "„", "sbquo": "‚", "laquo": "«", "raquo": "»",
        "lsaquo": "‹", "rsaquo": "›", "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·", "times": "×", "minus": "−",
        "larr": "←", "rarr": "→", "copy": "©", "reg": "®", "trade": "™", "euro": "€", "deg": "°", "thinsp": "\u{2009}",
    ]

    /// What is wrong with `text` as a translation value, or nil.
    static func problem(in text: String) -> String? {
        if text.contains("<") || text.contains(">") { return "contains < or >; translation values cannot hold HTML tags" }
        if text.contains("\"") { return "contains a straight double quote, which would end an HTML attribute" }
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            let after = rest[rest.index(after: ampersand)...]
            guard let semicolon = after.firstIndex(of: ";"), decodeReference(after[..<semicolon]) != nil else {
                return "has an & that does not start a character reference such as &amp; or &rsquo;"
            }
            rest = after[after.index(after: semicolon)...]
        }
        return nil
    }

    /// `&rsquo;` → `’`, `&#8217;` → `’`.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            let after = rest[rest.index(after: ampersand)...]
            if let semicolon = after.firstIndex(of: ";"), let decoded = decodeReference(after[..<semicolon]) {
                result += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                result += "&"
                rest = after
            }
        }
        return result + rest
    }

    private static func decodeReference(_ name: Substring) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String($0) }
        }
        return named[String(name)]
    }
}

/// The `{{{t.key}}}` tags of a template, with where each is written (to check the keys when the theme loads).
enum TranslationReferences {
    static func find(in text: String) -> [(key: String, line: Int, column: Int)] {
        var found: [(key: String, line: Int, column: Int)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(line)
            while let open = rest.range(of: "{{") {
                var tag = rest[open.upperBound...]
                while let first = tag.first, "{&#^/ ".contains(first) { tag = tag.dropFirst() }
                if tag.hasPrefix("t.") {
                    let key = tag.dropFirst(2).prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                    found.append((String(key), lineIndex + 1, column))
                }
                rest = rest[open.upperBound...]
            }
        }
        return found
    }
}
