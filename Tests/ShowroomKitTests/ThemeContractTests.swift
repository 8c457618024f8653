import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomTemplates

/// The theme contract: docs/theme-context.md's key list ("Every key") and the values the renderer
/// actually hands each kind of page are the same set, so a new key cannot ship undocumented and the
/// documentation cannot promise a key that no page gets.
@Suite("Theme contract")
struct ThemeContractTests {
    static let documentation = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../docs/theme-context.md").standardizedFileURL

    /// Every key path each kind of page receives, over the sample store with each checkout provider
    /// (each provider adds its own keys): `page.kind`, `product.images[].url`.
    static func providedKeys() async throws -> (shared: Set<String>, own: [PageKind: Set<String>]) {
        let collected = KeyCollector()
        for provider in ["shopify", "snipcart", "links", "email"] {
            var checkout: [String: Any] = ["provider": provider]
            if provider == "shopify" { checkout["store"] = CheckoutTests.shopifyStore }
            if provider == "snipcart" { checkout["public_api_key"] = "ZmFrZS1wdWJsaWMta2V5" }
            let store = try CheckoutTests.sampleStore(checkout: checkout)
            defer { store.cleanUp() }
            let loaded = Builder.load(store.options)
            let (site, theme) = (try #require(loaded.site, "\(loaded.diagnostics.errors)"), try #require(loaded.theme))
            // With the images step's renditions: an image's full shape (sizes, srcset, sources).
            let pictures = await ImageRenditions.renderOffPool(site: site, settings: theme.imageSettings, cacheDirectory: FixtureStore.sharedImageCache,
                                                       workers: 2, prunes: false)
            let plan = BuildPlan(site: site, theme: theme, images: pictures.images)
            var renderer = plan.pageRenderer()
            renderer.inspect = { collected.add($0) }
            for job in plan.jobs { _ = try renderer.render(job) }
        }
        return (collected.shared, collected.own)
    }

    /// Values of these names have one shape wherever they appear, documented once (`### shape price`):
    /// `product.related[].price.current` is listed as `product.related[].price`.
    static let shapes = ["price", "availability", "image"]

    /// Collapses every value of a shared shape to its own path; returns the leaves seen in each shape.
    static func collapsed(_ paths: Set<String>) -> (keys: Set<String>, shapeLeaves: [String: Set<String>]) {
        var keys: Set<String> = []
        var leaves: [String: Set<String>] = [:]
        for path in paths {
            let segments = path.split(separator: ".").map(String.init)
            if let at = segments.firstIndex(where: { shapes.contains($0) }), at < segments.count - 1 {
                keys.insert(segments[...at].joined(separator: "."))
                leaves[segments[at], default: []].insert(segments[(at + 1)...].joined(separator: "."))
            } else {
                keys.insert(path)
            }
        }
        return (keys, leaves)
    }

    /// The "Every key" list of docs/theme-context.md: `### <kind>` headings (`### every page` for what all
    /// kinds share, `### shape <name>` for a shared shape's own keys), each followed by list items of
    /// backticked key paths.
    static func documentedKeys() throws -> (everyPage: Set<String>, byKind: [String: Set<String>]) {
        let text = try String(contentsOf: documentation, encoding: .utf8)
        guard let section = text.range(of: "\n## Every key\n") else { throw ContractError.noKeyList }
        var everyPage: Set<String> = []
        var byKind: [String: Set<String>] = [:]
        var heading: String?
        for line in text[section.upperBound...].split(separator: "\n") {
            if line.hasPrefix("## ") { break }
            if line.hasPrefix("### ") {
                heading = String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces)
                continue
            }
            guard line.hasPrefix("- `"), let heading else { continue }
            let keys = line.split(separator: "`").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            for key in keys {
                if heading == "every page" { everyPage.insert(key) } else { byKind[heading, default: []].insert(key) }
            }
        }
        return (everyPage, byKind)
    }

    @Test("docs/theme-context.md lists exactly the keys each kind of page receives")
    func documentedKeysAreProvided() async throws {
        let raw = try await Self.providedKeys()
        let documented = try Self.documentedKeys()
        #expect(Set(raw.own.keys) == Set(PageKind.allCases), "every kind of page was rendered: \(raw.own.keys)")
        var shapeLeaves: [String: Set<String>] = [:]
        func collapse(_ paths: Set<String>) -> Set<String> {
            let result = Self.collapsed(paths)
            shapeLeaves.merge(result.shapeLeaves) { $0.union($1) }
            return result.keys
        }
        let provided = (shared: collapse(raw.shared), own: raw.own.mapValues(collapse))
        for shape in Self.shapes {
            let listed = documented.byKind["shape " + shape] ?? []
            #expect(shapeLeaves[shape] == listed, "the \(shape) shape: given \((shapeLeaves[shape] ?? []).sorted()), documented \(listed.sorted())")
        }
        // On every page: the shared values, and the page's own values that every kind has.
        let shared = provided.shared.union(provided.own.values.reduce(provided.own.values.first ?? []) { $0.intersection($1) })
        let undocumentedShared = shared.subtracting(documented.everyPage)
        let notShared = documented.everyPage.subtracting(shared)
        #expect(undocumentedShared.isEmpty, "given to every page but not under \"### every page\": \(undocumentedShared.sorted())")
        #expect(notShared.isEmpty, "listed under \"### every page\" but missing from some page: \(notShared.sorted())")
        for kind in PageKind.allCases {
            let own = (provided.own[kind] ?? []).subtracting(shared)
            let listed = documented.byKind[kind.rawValue] ?? []
            #expect(own.subtracting(listed).isEmpty, "\(kind.rawValue) pages get keys docs/theme-context.md does not list: \(own.subtracting(listed).sorted())")
            #expect(listed.subtracting(own).isEmpty, "docs/theme-context.md lists keys \(kind.rawValue) pages never get: \(listed.subtracting(own).sorted())")
        }
    }

    @Test("the key walk sees nested objects, lists and the shared values", arguments: [true])
    func keyWalk(_: Bool) {
        var fields: TemplateFields = ["title": "x", "images": [["url": "a"] as TemplateFields, ["url": "b", "alt": "c"] as TemplateFields]]
        fields["price"] = ["current": "$1"] as TemplateFields
        let shared = TemplateObject(fields: ["site": ["name": "S"] as TemplateFields])
        let keys = KeyCollector.paths(of: .object(TemplateObject(fields: fields, fallback: shared)))
        #expect(keys == ["title", "images[].url", "images[].alt", "price.current", "site.name"])
    }
}

enum ContractError: Error { case noKeyList }

/// Collects key paths from the contexts a renderer inspects, from any thread.
final class KeyCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collectedOwn: [PageKind: Set<String>] = [:]
    private var collectedShared: Set<String> = []

    var own: [PageKind: Set<String>] { lock.withLock { collectedOwn } }
    var shared: Set<String> { lock.withLock { collectedShared } }

    func add(_ context: RenderedContext) {
        let own = Self.paths(of: context.own)
        // One key per theme asset file and per string of the theme's language file: documented as patterns.
        let shared = Set(Self.paths(of: context.shared).map { path in
            path.hasPrefix("assets.") ? "assets.<file>" : path.hasPrefix("t.") ? "t.<key>" : path
        })
        lock.withLock {
            collectedOwn[context.kind, default: []].formUnion(own)
            collectedShared.formUnion(shared)
        }
    }

    /// `images[].url` for the `url` of the items of the list `images`, `highlights[]` for a list of
    /// strings; a leaf is a value templates print or test.
    static func paths(of value: TemplateValue, at path: String = "") -> Set<String> {
        switch value {
        case .object(let object):
            var paths: Set<String> = []
            var next: TemplateObject? = object
            while let current = next {
                for (key, child) in zip(current.fields.keys, current.fields.values) {
                    paths.formUnion(Self.paths(of: child, at: path.isEmpty ? key.name : path + "." + key.name))
                }
                next = current.fallback
            }
            return paths
        case .list(let items):
            // An empty list says nothing of its items' keys; the pages where it has items do.
            return items.reduce(into: Set<String>()) { $0.formUnion(Self.paths(of: $1, at: path + "[]")) }
        default:
            return [path]
        }
    }
}
