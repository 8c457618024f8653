import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Loads and validates a store's `Content/` folder into an immutable `Site`, collecting every problem.
public struct ContentLoader: Sendable {
    public var contentDirectory: URL
    /// How paths are shown in messages: the content folder as the user named it (`Content`).
    public var displayRoot: String
    /// Replaces `url` of site.json (staging and production builds from one source tree).
    public var baseURLOverride: String?

    public init(contentDirectory: URL, displayRoot: String, baseURLOverride: String? = nil) {
        self.contentDirectory = contentDirectory
        self.displayRoot = displayRoot
        self.baseURLOverride = baseURLOverride
    }

    static let reservedPageSlugs: Set<String> = ["products", "collections", "media", "assets", "feeds", "404", "index", "cart", "search", SiteLinks.imagesFolder, SiteLinks.searchFolder]

    /// The site, or nil when there are errors; the diagnostics hold every error and warning found.
    public func load() -> (site: Site?, diagnostics: Diagnostics) {
        let sink = DiagnosticSink()
        let site = load(sink: sink)
        return (sink.diagnostics.hasErrors ? nil : site, sink.diagnostics)
    }

    private func display(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : displayRoot + "/" + relative
    }

    private func load(sink: DiagnosticSink) -> Site? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: contentDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            sink.error("the content folder \(displayRoot) does not exist", at: nil,
                       hint: "run showroom in the folder that holds Content/, or pass --content DIR")
            return nil
        }

        let mediaFiles = listFiles(under: "media")
        let media = MediaIndex(files: Set(mediaFiles))

        // site.json
        var loadedSettings: StoreSettings?
        if let node = readJSON("site.json", sink: sink, missingHint: "create Content/site.json with at least name, url and currency (see README)") {
            loadedSettings = SiteLoader(sink: sink, media: media).load(node, file: display("site.json"))
        }
        if var current = loadedSettings, let override = baseURLOverride {
            if let problem = SiteLoader.problemWithBaseURL(override) {
                sink.error("the base URL \"\(override)\" \(problem)", at: nil, hint: "pass an absolute URL such as https://staging.example.com")
            } else {
                current.url = SiteLoader.normalizeBaseURL(override)
                loadedSettings = current
            }
        }

        // When site.json is broken, the rest is still checked (against stand-in settings) so that one run
        // reports every error; the site itself is not returned because the sink holds errors.
        let settings = loadedSettings ?? StoreSettings(
            name: "", url: "https://example.invalid", language: "en", currency: "USD", description: nil, theme: "default", logo: nil,
            seller: Seller(), returns: nil, shipping: [], social: [], productsPerPage: SiteLoader.defaultProductsPerPage)

        // Product write-ups. Reading them and parsing their front matter is most of loading a large store,
        // so that runs on every core, beside the catalog (read on this thread); problems are then reported
        // in file order as before.
        let writeUps = listFiles(under: "products").filter { $0.hasSuffix(".md") }
        let parsing = BackgroundWork { [self] in
            concurrentMap(writeUps) { [self] relative -> (document: FrontMatterDocument?, problems: Diagnostics) in
                // A write-up in a subfolder is an error below; one without a product is parsed for nothing.
                guard relative.split(separator: "/").count == 2 else { return (nil, Diagnostics()) }
                let local = DiagnosticSink()
                var document = readText(relative, sink: local).flatMap { FrontMatter.parse($0, displayPath: display(relative), sink: local) }
                document?.body = ""  // pages read the body again when they render it: 100,000 bodies would not fit in memory
                return (document, local.diagnostics)
            }
        }

        // Catalog
        let errorsBeforeCatalog = sink.diagnostics.errors.count
        let documents = readCatalogDocuments(sink: sink)
        let documentsReadable = sink.diagnostics.errors.count == errorsBeforeCatalog
        var catalogLoader = CatalogLoader(sink: sink, settings: settings, media: media)
        var loaded = catalogLoader.load(documents: documents)
        var indexByHandle: [String: Int] = [:]
        for (index, item) in loaded.enumerated() { indexByHandle[item.product.handle] = index }

        let parsedWriteUps = parsing.wait()
        for (position, relative) in writeUps.enumerated() {
            let handle = String((relative as NSString).lastPathComponent.dropLast(3))
            let displayPath = display(relative)
            guard relative.split(separator: "/").count == 2 else {
                sink.error("products/ may not have subfolders (\(relative))", at: SourceLocation(file: displayPath, line: 1, column: 1),
                           hint: "move the file to products/\(handle).md")
                continue
            }
            guard let index = indexByHandle[handle] else {
                // With an unreadable catalog every write-up would look orphaned; its own error says enough.
                guard documentsReadable, !catalogLoader.seenHandles.contains(handle) else { continue }
                var hint = "add a product with \"handle\": \"\(handle)\" to the catalog, or rename/remove this file"
                if let similar = closestMatch(to: handle, in: Array(indexByHandle.keys)) {
                    hint = "did you mean products/\(similar).md? " + hint
                }
                sink.error("products/\(handle).md has no product with the handle \"\(handle)\" in the catalog",
                           at: SourceLocation(file: displayPath, line: 1, column: 1), hint: hint)
                continue
            }
            sink.diagnostics.append(contentsOf: parsedWriteUps[position].problems)
            guard let document = parsedWriteUps[position].document else { continue }
            let reader = FrontMatterReader(document: document, displayPath: displayPath, subject: "products/\(handle).md", sink: sink)
            reader.checkKeys(allowed: ["title", "summary", "highlights"])
            if let title = reader.string("title")?.trimmingWhitespace(), !title.isEmpty {
                loaded[index].product.title = title
            }
            loaded[index].product.summary = reader.string("summary")
            loaded[index].product.highlights = reader.stringList("highlights")
            loaded[index].product.description = MarkdownFileReference(
                absolutePath: contentDirectory.path + "/" + relative, displayPath: displayPath, bodyOffset: document.bodyOffset)
        }

        let products = loaded.filter { !$0.draft }.map(\.product).sorted { $0.handle < $1.handle }
        CheckoutCoverage.report(settings.checkout, products: products, siteCurrency: settings.currency, sink: sink)
        let collections = loadCollections(products: products, media: media, sink: sink)
        let pages = loadPages(sink: sink)
        return Site(settings: settings, products: products, collections: collections, pages: pages, mediaFiles: mediaFiles,
                    contentDirectory: contentDirectory.path)
    }

    // MARK: Catalog files

    private func readCatalogDocuments(sink: DiagnosticSink) -> [(node: JSONNode, file: String)] {
        let single = contentDirectory.appendingPathComponent("catalog.json")
        let split = listFiles(under: "catalog").filter { $0.hasSuffix(".json") }
        let hasSingle = FileManager.default.fileExists(atPath: single.path)
        if hasSingle && !split.isEmpty {
            sink.error("both catalog.json and catalog/*.json exist", at: SourceLocation(file: display("catalog.json")),
                       hint: "keep one: a single catalog.json, or a catalog/ folder whose files are merged in name order")
            return []
        }
        if !hasSingle && split.isEmpty {
            sink.error("there is no catalog", at: SourceLocation(file: display("catalog.json")),
                       hint: "create Content/catalog.json with {\"products\": [ … ]} (see README)")
            return []
        }
        let files = hasSingle ? ["catalog.json"] : split
        return files.compactMap { file in readJSON(file, sink: sink).map { ($0, display(file)) } }
    }

    // MARK: Collections

    private func loadCollections(products: [Product], media: MediaIndex, sink: DiagnosticSink) -> [ProductCollection] {
        var members: [String: [Int]] = [:]
        for (index, product) in products.enumerated() {
            for slug in product.collections { members[slug, default: []].append(index) }
        }
        var described: [String: (title: String?, image: MediaReference?, sort: CollectionSort?, body: String, location: SourceLocation)] = [:]
        for relative in listFiles(under: "collections") where relative.hasSuffix(".md") {
            let slug = String((relative as NSString).lastPathComponent.dropLast(3))
            let displayPath = display(relative)
            let location = SourceLocation(file: displayPath, line: 1, column: 1)
            guard relative.split(separator: "/").count == 2 else {
                sink.error("collections/ may not have subfolders (\(relative))", at: location, hint: "move the file to collections/\(slug).md")
                continue
            }
            guard CatalogLoader.isSlug(slug), slug != "all" else {
                sink.error("collection file name \"\(slug).md\" is not a valid slug", at: location,
                           hint: slug == "all" ? "\"all\" is reserved for the all-products page" : "use a-z, 0-9 and hyphens, e.g. \(CatalogLoader.slugify(slug)).md")
                continue
            }
            guard let text = readText(relative, sink: sink), let document = FrontMatter.parse(text, displayPath: displayPath, sink: sink) else { continue }
            let reader = FrontMatterReader(document: document, displayPath: displayPath, subject: "collections/\(slug).md", sink: sink)
            reader.checkKeys(allowed: ["title", "image", "sort"])
            var sort: CollectionSort?
            if let text = reader.string("sort") {
                sort = CollectionSort(rawValue: text)
                if sort == nil, let (_, at) = document.value("sort") {
                    sink.error("sort \"\(text)\" of collections/\(slug).md is not one of newest, title, price-asc, price-desc", at: at,
                               hint: closestMatch(to: text, in: CollectionSort.allCases.map(\.rawValue)).map { "did you mean \"\($0)\"?" })
                }
            }
            var image: MediaReference?
            if let path = reader.string("image"), let (_, at) = document.value("image") {
                image = media.reference(path, at: at, owner: "collections/\(slug).md", sink: sink)
            }
            described[slug] = (reader.string("title")?.trimmingCharacters(in: .whitespaces).nilIfEmpty, image, sort, document.body, location)
            if members[slug] == nil {
                sink.warning("collection \"\(slug)\" has no products; its page shows an empty state", at: location,
                             hint: "add \"\(slug)\" to the \"collections\" of some products, or remove the file")
            }
        }
        let slugs = Set(members.keys).union(described.keys)
        var collections: [ProductCollection] = []
        for slug in slugs {
            let info = described[slug]
            let sort = info?.sort ?? .newest
            let indexes = Self.sorted(members[slug] ?? [], by: sort, in: products)
            let image = info?.image ?? indexes.lazy.compactMap { products[$0].images.first }.first
            let body = info?.body.trimmingWhitespace()
            collections.append(ProductCollection(
                slug: slug, title: info?.title ?? Self.title(fromSlug: slug), image: image, sort: sort,
                descriptionMarkdown: body?.isEmpty == false ? body : nil, productIndexes: indexes, location: info?.location))
        }
        return collections.sorted { ($0.title, $0.slug) < ($1.title, $1.slug) }
    }

    static func sorted(_ indexes: [Int], by sort: CollectionSort, in products: [Product]) -> [Int] {
        indexes.sorted { a, b in
            let (pa, pb) = (products[a], products[b])
            switch sort {
            case .newest:
                switch (pa.published, pb.published) {
                case let (x?, y?) where x != y: return x > y
                case (_?, nil): return true
                case (nil, _?): return false
                default: break
                }
            case .title:
                // Natural, case-insensitive order that does not depend on the machine's locale.
                let order = pa.title.compare(pb.title, options: [.caseInsensitive, .numeric], range: nil, locale: nil)
                if order != .orderedSame { return order == .orderedAscending }
            case .priceAscending:
                if pa.lowestPrice != pb.lowestPrice { return pa.lowestPrice < pb.lowestPrice }
            case .priceDescending:
                if pa.lowestPrice != pb.lowestPrice { return pa.lowestPrice > pb.lowestPrice }
            }
            return pa.handle < pb.handle
        }
    }

    /// "new-arrivals" → "New Arrivals".
    static func title(fromSlug slug: String) -> String {
        slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    // MARK: Pages

    private func loadPages(sink: DiagnosticSink) -> [Page] {
        var pages: [Page] = []
        for relative in listFiles(under: "pages") where relative.hasSuffix(".md") {
            let slug = String((relative as NSString).lastPathComponent.dropLast(3))
            let displayPath = display(relative)
            let location = SourceLocation(file: displayPath, line: 1, column: 1)
            guard CatalogLoader.isSlug(slug), !Self.reservedPageSlugs.contains(slug) else {
                let reserved = Self.reservedPageSlugs.contains(slug)
                sink.error("page file name \"\(slug).md\" \(reserved ? "is reserved (the site uses /\(slug)/ itself)" : "is not a valid slug")", at: location,
                           hint: reserved ? "rename the file" : "use a-z, 0-9 and hyphens, e.g. \(CatalogLoader.slugify(slug)).md")
                continue
            }
            guard relative.split(separator: "/").count == 2 else {
                sink.error("pages/ may not have subfolders (\(relative))", at: location, hint: "move the file to pages/\(slug).md")
                continue
            }
            guard let text = readText(relative, sink: sink), let document = FrontMatter.parse(text, displayPath: displayPath, sink: sink) else { continue }
            let reader = FrontMatterReader(document: document, displayPath: displayPath, subject: "pages/\(slug).md", sink: sink)
            reader.checkKeys(allowed: ["title", "description"])
            guard let title = reader.string("title")?.trimmingCharacters(in: .whitespaces).nilIfEmpty else {
                sink.error("pages/\(slug).md has no title", at: location, hint: "add front matter:\n    ---\n    title: \(Self.title(fromSlug: slug))\n    ---")
                continue
            }
            pages.append(Page(slug: slug, title: title, description: reader.string("description"), markdown: document.body, location: location))
        }
        return pages.sorted { $0.slug < $1.slug }
    }

    // MARK: Files

    /// Regular files below `Content/<folder>`, as paths relative to `Content/`, sorted; hidden files skipped.
    private func listFiles(under folder: String) -> [String] {
        regularFiles(under: contentDirectory.appendingPathComponent(folder)).map { folder + "/" + $0 }
    }

    private func readText(_ relative: String, sink: DiagnosticSink) -> String? {
        // Joined as a string: URL's appendingPathComponent stats the file, once per write-up.
        guard let data = FileManager.default.contents(atPath: contentDirectory.path + "/" + relative) else {
            sink.error("cannot read \(relative)", at: SourceLocation(file: display(relative)))
            return nil
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            sink.error("\(relative) is not valid UTF-8 text", at: SourceLocation(file: display(relative)), hint: "save the file as UTF-8")
            return nil
        }
        return text
    }

    private func readJSON(_ relative: String, sink: DiagnosticSink, missingHint: String? = nil) -> JSONNode? {
        let url = contentDirectory.appendingPathComponent(relative)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            sink.error("\(relative) is missing", at: SourceLocation(file: display(relative)), hint: missingHint)
            return nil
        }
        do {
            return try JSONParser.parse([UInt8](data))
        } catch {
            sink.error("\(relative) is not valid JSON: \(error.message)", at: SourceLocation(file: display(relative), line: error.line, column: error.column),
                       hint: error.hint)
            return nil
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
