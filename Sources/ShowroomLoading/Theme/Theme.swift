import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// A theme loaded once per build: parsed templates (shared read-only by every rendering worker) and its
/// assets with content-hashed output names.
public struct Theme: Sendable {
    public static let requiredTemplates = ["layout", "index", "product", "collection", "page", "contact", "404"]

    public var name: String
    /// The templates, compiled; `withWords` makes them again with the language's strings written in.
    package var templates: CompiledTemplates
    /// Source file (absolute), its path inside `assets/`, and its output path relative to the site root
    /// (`assets/style.3f2a9c1b0d.css`).
    public var assets: [(source: String, relativePath: String, outputPath: String)]
    /// The store's changes to feed and JSON-LD fields (`feeds.json`).
    public var feedShapes: FeedShapes
    /// How products become video listings (`storyboard.json`); nil when the theme makes none.
    public var storyboard: Storyboard?
    /// How pictures are resized and encoded (`images.json`).
    public var imageSettings = ImageSettings()
    /// The shop's words in each language the theme has (`i18n/<language>.json`).
    public var translations = ThemeTranslations()
    /// Each template's text as written (by template name), to inline a language's strings (`withWords`).
    var templateSources: [String: String] = [:]

    /// Whether the theme has the page that plays a listing (`video.mustache`).
    package var hasListingPlayer: Bool { hasTemplate("video") }
    /// Whether each product gets a page that plays its video listing: the theme plans listings (a
    /// storyboard) and has a player template.
    package var playsListings: Bool { storyboard != nil && hasListingPlayer }

    package func hasTemplate(_ name: String) -> Bool { templates.contains(name) }

    /// Loads `themesDirectory/name`, reporting every template problem (syntax errors with line and
    /// column, partials that do not exist, missing required templates) together.
    package static func load(themesDirectory: URL, name: String, displayRoot: String, sink: DiagnosticSink) -> Theme? {
        let root = themesDirectory.appendingPathComponent(name)
        let themeDisplay = displayRoot.isEmpty ? name : displayRoot + "/" + name
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let available = (try? FileManager.default.contentsOfDirectory(atPath: themesDirectory.path))?.filter { !$0.hasPrefix(".") }.sorted() ?? []
            sink.error("theme \"\(name)\" not found: \(themeDisplay) does not exist", at: nil,
                       hint: available.isEmpty ? "pass --themes DIR pointing at the folder that holds your themes"
                                               : "available themes: \(available.joined(separator: ", ")); set \"theme\" in site.json or pass --theme")
            return nil
        }
        let templatesRoot = root.appendingPathComponent("templates")
        var templates: [String: ParsedTemplate] = [:]
        var sources: [String: (text: String, display: String)] = [:]
        var present: Set<String> = []
        for relative in regularFiles(under: templatesRoot) where relative.hasSuffix(".mustache") {
            let display = "\(themeDisplay)/templates/\(relative)"
            guard let data = FileManager.default.contents(atPath: templatesRoot.appendingPathComponent(relative).path),
                  let text = String(validating: data, as: UTF8.self) else {
                sink.error("cannot read template \(relative) as UTF-8 text", at: SourceLocation(file: display))
                continue
            }
            var templateName = String(relative.dropLast(".mustache".count))
            if templateName.hasPrefix("partials/") { templateName = String(templateName.dropFirst("partials/".count)) }
            present.insert(templateName)
            do throws(MustacheSyntaxError) {
                templates[templateName] = try Self.parseTemplate(text)
                sources[templateName] = (text, display)
            } catch {
                sink.error("template syntax error: \(error.reason)", at: SourceLocation(file: display, line: error.line, column: error.column),
                           hint: "line \(error.line): \(error.lineText.trimmingCharacters(in: .whitespaces))")
            }
        }
        for required in requiredTemplates where !present.contains(required) {
            sink.error("theme \"\(name)\" has no \(required).mustache", at: SourceLocation(file: "\(themeDisplay)/templates/\(required).mustache"),
                       hint: "every theme needs: \(requiredTemplates.map { $0 + ".mustache" }.joined(separator: ", "))")
        }
        // Mustache renders a missing partial as nothing; a theme author wants to hear about the typo instead.
        for (templateName, source) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in PartialReferences.find(in: source.text) where templates[reference.name] == nil {
                var hint = "create \(themeDisplay)/templates/partials/\(reference.name).mustache"
                if let similar = closestMatch(to: reference.name, in: Array(templates.keys)) { hint = "did you mean {{> \(similar)}}? or " + hint }
                sink.error("template \(templateName) includes the partial \"\(reference.name)\", which does not exist",
                           at: SourceLocation(file: source.display, line: reference.line, column: reference.column), hint: hint)
            }
        }

        // A partial that includes itself (directly or through others) would recurse forever when rendered.
        var graph: [String: [PartialReferences.Reference]] = [:]
        for (templateName, source) in sources { graph[templateName] = PartialReferences.find(in: source.text).filter { templates[$0.name] != nil } }
        var reported: Set<String> = []
        for start in graph.keys.sorted() {
            var stack: [(name: String, path: [String])] = [(start, [start])]
            var visited: Set<String> = []
            while let (name, path) = stack.popLast() {
                for reference in graph[name] ?? [] {
                    if reference.name == start, !reported.contains(start) {
                        reported.formUnion(path)
                        let cycle = (path + [start]).joined(separator: " → ")
                        sink.error("templates include each other in a loop: \(cycle)",
                                   at: SourceLocation(file: sources[name]!.display, line: reference.line, column: reference.column),
                                   hint: "a partial must not include itself, directly or through other partials")
                    } else if visited.insert(reference.name).inserted {
                        stack.append((reference.name, path + [reference.name]))
                    }
                }
            }
        }

        let assetsRoot = root.appendingPathComponent("assets")
        var assets: [(source: String, relativePath: String, outputPath: String)] = []
        for relative in regularFiles(under: assetsRoot) {
            let source = assetsRoot.appendingPathComponent(relative).path
            var output = "assets/" + relative
            let ext = (relative as NSString).pathExtension
            if ext == "css" || ext == "js", let data = FileManager.default.contents(atPath: source) {
                output = "assets/" + (relative as NSString).deletingPathExtension + "." + ContentHash.hex(data) + "." + ext
            }
            assets.append((source, relative, output))
        }
        let feedShapes = FeedShapes.load(themeRoot: root, display: themeDisplay, sink: sink)
        let storyboard = Storyboard.load(themeRoot: root, display: themeDisplay, sink: sink)
        let imageSettings = ImageSettings.load(themeRoot: root, display: themeDisplay, sink: sink)
        let translations = ThemeTranslations.load(themeRoot: root, display: themeDisplay, sink: sink)
        // A template asking for a string the reference file lacks would print nothing: say which, and where.
        if let reference = translations.select(ThemeTranslations.reference) {
            for (_, source) in sources.sorted(by: { $0.key < $1.key }) {
                for found in TranslationReferences.find(in: source.text) where reference.entries[found.key] == nil {
                    var hint = "add \"\(found.key)\" to \(reference.file) and to every other language's file"
                    if let similar = closestMatch(to: found.key, in: Array(reference.entries.keys)) { hint = "did you mean t.\(similar)? or " + hint }
                    sink.error("the template asks for t.\(found.key), which \(reference.file) (language \"\(reference.tag)\") does not have",
                               at: SourceLocation(file: source.display, line: found.line, column: found.column), hint: hint)
                }
            }
        }
        if let logo = storyboard?.look.logoAsset, !assets.contains(where: { $0.relativePath == logo }) {
            sink.error("the storyboard's logo \"\(logo)\" is not a file in \(themeDisplay)/assets/", at: SourceLocation(file: "\(themeDisplay)/\(Storyboard.fileName)"),
                       hint: "put the logo in the theme's assets folder, or remove \"logo\" to use the site's logo")
        }
        if storyboard != nil, templates["video"] == nil {
            sink.warning("the theme has a storyboard but no video.mustache, so listings have no player page", at: SourceLocation(file: "\(themeDisplay)/templates/video.mustache"),
                         hint: "copy Themes/default/templates/video.mustache into the theme")
        }
        return Theme(name: name, templates: CompiledTemplates(templates), assets: assets, feedShapes: feedShapes, storyboard: storyboard,
                     imageSettings: imageSettings, translations: translations, templateSources: sources.mapValues(\.text))
    }

    /// Key under which templates find an asset's URL: `style.css` → `style_css`.
    package static func assetKey(_ relativePath: String) -> String {
        String(relativePath.map { $0 == "/" || $0 == "." || $0 == "-" ? "_" : $0 })
    }

    /// Renders a page: its own values first, then the shared ones. The body template's output becomes
    /// `content` for the layout.
    package func renderPage(_ template: String, layout: String, values: TemplateFields, shared: SharedContext) -> [UInt8] {
        let root = TemplateObject(fields: values, fallback: shared.object)
        let body = templates.render(template, root: .object(root))
        // The layout sees the body as `content`, in front of the page's values.
        let layoutRoot = TemplateObject(fields: ["content": TemplateValue.utf8(body)], fallback: root)
        return templates.render(layout, root: .object(layoutRoot))
    }
}

/// Finds `{{> name}}` and `{{< name}}` tags in template text, with their positions.
enum PartialReferences {
    struct Reference: Equatable {
        var name: String
        var line: Int
        var column: Int
    }

    static func find(in text: String) -> [Reference] {
        var references: [Reference] = []
        let characters = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var lineStart = 0
        while index < characters.count {
            if characters[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            guard characters[index] == "{", index + 1 < characters.count, characters[index + 1] == "{" else {
                index += 1
                continue
            }
            let tagStart = index
            var cursor = index + 2
            while cursor < characters.count, characters[cursor] == " " { cursor += 1 }
            guard cursor < characters.count, characters[cursor] == ">" || characters[cursor] == "<" else {
                index += 2
                continue
            }
            cursor += 1
            while cursor < characters.count, characters[cursor] == " " { cursor += 1 }
            var name = ""
            while cursor < characters.count, characters[cursor] != "}", characters[cursor] != " ", characters[cursor] != "\n" {
                name.unicodeScalars.append(characters[cursor])
                cursor += 1
            }
            // Dynamic partials ({{>*name}}) are resolved at render time; nothing to check statically.
            if !name.isEmpty, !name.hasPrefix("*") {
                references.append(Reference(name: name, line: line, column: tagStart - lineStart + 1))
            }
            index = cursor
        }
        return references
    }
}

extension Theme {
    /// A page template as the build renders it: without the indentation of its own lines, which every
    /// page would carry and which means nothing in HTML, between tags or inside text (the line break
    /// before it still separates words). A template holding `<pre>` or `<textarea>`, where it would show,
    /// keeps it. Reading positions, and so error lines and columns, are those of the file as written.
    static func parseTemplate(_ source: String) throws(MustacheSyntaxError) -> ParsedTemplate {
        let lowered = source.lowercased()
        let showsWhitespace = lowered.contains("<pre") || lowered.contains("<textarea")
        return try MustacheParser.parse(source, keepsIndentation: showsWhitespace)
    }
}
