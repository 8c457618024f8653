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
        let loaded = load(reusing: nil)
        return (loaded.site, loaded.diagnostics)
    }

    /// `load()`, taking from `memo` (an earlier load) what it parsed of files that have not changed since;
    /// also returns the memo for the next load. The result is the same as `load()`'s.
    public func load(reusing memo: ContentMemo?) -> (site: Site?, diagnostics: Diagnostics, memo: ContentMemo) {
        let sink = DiagnosticSink()
        let usable = memo.flatMap { $0.contentDirectory == contentDirectory.path && $0.displayRoot == displayRoot ? $0 : nil }
        var next = ContentMemo(contentDirectory: contentDirectory.path, displayRoot: displayRoot)
        let site = load(sink: sink, reusing: usable, into: &next)
        return (sink.diagnostics.hasErrors ? nil : site, sink.diagnostics, next)
    }

    private func display(_ relative: String) -> String {
        displayRoot.isEmpty ? relative : displayRoot + "/" + relative
    }

    private func load(sink: DiagnosticSink, reusing memo: ContentMemo?, into next: inout ContentMemo) -> Site? {
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
        let kept = memo?.writeUps ?? [:]
        // Once: URL.path is not free, and the loops below run once per write-up.
        let contentPath = contentDirectory.path
        let parsing = BackgroundWork { [self] in
            concurrentMap(writeUps) { [self] relative -> ContentMemo.WriteUp? in
                // A write-up in a subfolder is an error below; one without a product is parsed for nothing.
                guard Self.isDirectlyInFolder(relative) else { return nil }
                return writeUp(relative, in: contentPath, reusing: kept[relative])
            }
        }

        // Catalog
        let catalog = loadCatalog(settings: settings, media: media, mediaFiles: mediaFiles, reusing: memo?.catalog, sink: sink)
        next.catalog = catalog
        var loaded = catalog.loaded
        var indexByHandle: [String: Int] = [:]
        for (index, item) in loaded.enumerated() { indexByHandle[item.product.handle] = index }

        let parsedWriteUps = parsing.wait()
        for (relative, parsed) in zip(writeUps, parsedWriteUps) { next.writeUps[relative] = parsed }
        for (position, relative) in writeUps.enumerated() {
            let handle = Self.fileStem(relative)
            let displayPath = display(relative)
            guard Self.isDirectlyInFolder(relative) else {
                sink.error("products/ may not have subfolders (\(relative))", at: SourceLocation(file: displayPath, line: 1, column: 1),
                           hint: "move the file to products/\(handle).md")
                continue
            }
            guard let index = indexByHandle[handle] else {
                // With an unreadable catalog every write-up would look orphaned; its own error says enough.
                guard catalog.readable, !catalog.seenHandles.contains(handle) else { continue }
                var hint = "add a product with \"handle\": \"\(handle)\" to the catalog, or rename/remove this file"
                if let similar = closestMatch(to: handle, in: Array(indexByHandle.keys)) {
                    hint = "did you mean products/\(similar).md? " + hint
                }
                sink.error("products/\(handle).md has no product with the handle \"\(handle)\" in the catalog",
                           at: SourceLocation(file: displayPath, line: 1, column: 1), hint: hint)
                continue
            }
            guard let parsed = parsedWriteUps[position] else { continue }
            sink.diagnostics.append(contentsOf: parsed.problems)
            guard let fields = parsed.fields else { continue }
            sink.diagnostics.append(contentsOf: parsed.fieldProblems)
            if let title = fields.title { loaded[index].product.title = title }
            loaded[index].product.summary = fields.summary
            loaded[index].product.highlights = fields.highlights
            loaded[index].product.description = MarkdownFileReference(
                absolutePath: contentPath + "/" + relative, displayPath: displayPath, bodyOffset: fields.bodyOffset)
        }

        // Positions sorted, then each product copied once: sorting the products themselves moves large values.
        let products = loaded.indices.filter { !loaded[$0].draft }.sorted { loaded[$0].product.handle < loaded[$1].product.handle }.map { loaded[$0].product }
        CheckoutCoverage.report(settings.checkout, products: products, siteCurrency: settings.currency, sink: sink)
        let collections = loadCollections(products: products, media: media, sink: sink)
        let pages = loadPages(sink: sink)
        return Site(settings: settings, products: products, collections: collections, pages: pages, mediaFiles: mediaFiles,
                    contentDirectory: contentDirectory.path)
    }

    // MARK: Catalog files

    /// Reads and loads the catalog files, taking from `kept` (an earlier load's catalog) what still holds:
    /// all of it when the files' bytes, the settings and the media are the same, otherwise the products
    /// whose JSON is unchanged.
    private func loadCatalog(settings: StoreSettings, media: MediaIndex, mediaFiles: [String], reusing kept: ContentMemo.Catalog?,
                             sink: DiagnosticSink) -> ContentMemo.Catalog {
        let local = DiagnosticSink()
        let files = catalogFiles(sink: local)
        var bytes: [[UInt8]] = []
        for file in files {
            guard let content = DescriptorReading.file(atPath: contentDirectory.path + "/" + file) else {
                local.error("\(file) is missing", at: SourceLocation(file: display(file)))
                continue
            }
            bytes.append(content)
        }
        let sameContext = kept.map { $0.settings == settings && $0.mediaFiles == mediaFiles } ?? false
        if let kept, sameContext, kept.files == files, kept.bytes == bytes, local.diagnostics.all.isEmpty {
            sink.diagnostics.append(contentsOf: kept.problems)
            return kept
        }
        var (roots, ranges, changed): ([JSONNode?], [[Range<Int>]], ContentMemo.ProductKey?) = ([], [], nil)
        if let kept, sameContext, local.diagnostics.all.isEmpty, let patched = Self.patched(kept, files: files, bytes: bytes, display: display) {
            (roots, ranges, changed) = (patched.roots, patched.ranges, patched.changed)
        } else if bytes.count == files.count {
            for (file, content) in zip(files, bytes) {
                let parsed = parseJSON(content, relative: file, sink: local)
                roots.append(parsed?.node)
                ranges.append(parsed?.ranges ?? [])
            }
        }
        if let kept, let changed, let file = files.firstIndex(where: { display($0) == changed.file }),
           let quick = Self.reloaded(changed, node: roots[file], in: kept, loader: CatalogLoader(sink: local, settings: settings, media: media)) {
            var catalog = quick
            (catalog.bytes, catalog.roots, catalog.ranges) = (bytes, roots, ranges)
            sink.diagnostics.append(contentsOf: catalog.problems)
            return catalog
        }
        let documents = zip(files, roots).compactMap { file, root in root.map { ($0, display(file)) } }
        let readable = local.errorCount == 0
        var loader = CatalogLoader(sink: local, settings: settings, media: media)
        let loaded = loader.load(documents: documents, reusing: sameContext ? kept?.products ?? [:] : [:], onlyChanged: changed)
        sink.diagnostics.append(contentsOf: local.diagnostics)
        return ContentMemo.Catalog(files: files, bytes: bytes, roots: roots, ranges: ranges, settings: settings, mediaFiles: mediaFiles,
                                   products: loader.memo, loaded: loaded, seenHandles: loader.seenHandles, readable: readable, problems: local.diagnostics.all)
    }

    /// `kept` with the product `changed` (in `root`) loaded again, when what the checks across products
    /// read of it (`CatalogLoader.itemKeys`, its handle and place) is as it was: those checks then report
    /// what they reported, and only its own problems change. nil otherwise (it failed to load before or
    /// now, or was a duplicate, or its keys changed): the catalog is loaded whole.
    private static func reloaded(_ changed: ContentMemo.ProductKey, node root: JSONNode?, in kept: ContentMemo.Catalog,
                                 loader: CatalogLoader) -> ContentMemo.Catalog? {
        guard let earlier = kept.products[changed], let was = earlier.loaded?.product, let root, case .object(let members) = root.value,
              case .array(let elements) = members.first?.value.value, changed.position < elements.count else { return nil }
        let entry = loader.loadAlone(elements[changed.position], file: changed.file)
        guard let now = entry.loaded?.product, now.handle == was.handle, now.location == was.location,
              CatalogLoader.itemKeys(of: now) == CatalogLoader.itemKeys(of: was),
              let index = kept.loaded.firstIndex(where: { $0.product.handle == was.handle && $0.product.location == was.location }) else { return nil }
        // Its problems are one run of the kept list (the loader appends each product's as it loads it).
        var problems = kept.problems
        if !earlier.problems.isEmpty {
            guard let start = problems.indices.first(where: { problems[$0...].starts(with: earlier.problems) }) else { return nil }
            problems.removeSubrange(start..<(start + earlier.problems.count))
        }
        var catalog = kept
        catalog.problems = problems + entry.problems
        catalog.products[changed] = entry
        catalog.loaded[index] = entry.loaded!
        return catalog
    }

    /// The catalog after an edit inside one product of one file, read without parsing the rest: that
    /// product's JSON is read again from the new bytes, and every other product keeps its JSON, which is
    /// valid only when nothing moved it. So the edit must stay within the product's own bytes, keep the
    /// number of lines, and leave no other product on the product's last line (whose columns would shift).
    /// nil when the edit is not of that kind, or the product's new JSON does not end where it should: the
    /// files are then parsed whole, which also reports any syntax error where it is.
    private static func patched(_ kept: ContentMemo.Catalog, files: [String], bytes: [[UInt8]],
                                display: (String) -> String) -> (roots: [JSONNode?], ranges: [[Range<Int>]], changed: ContentMemo.ProductKey)? {
        guard kept.files == files, kept.bytes.count == bytes.count else { return nil }
        let differing = bytes.indices.filter { kept.bytes[$0] != bytes[$0] }
        guard differing.count == 1, let file = differing.first, let root = kept.roots[file],
              case .object(let members) = root.value, members.count == 1, members[0].key == "products",
              case .array(var elements) = members[0].value.value, elements.count == kept.ranges[file].count else { return nil }
        let (old, new) = (kept.bytes[file], bytes[file])
        let prefix = commonPrefixCount(old, new)
        let suffix = commonSuffixCount(old, new, afterPrefix: prefix)
        var ranges = kept.ranges[file]
        guard let index = ranges.firstIndex(where: { $0.lowerBound <= prefix && old.count - suffix <= $0.upperBound }) else { return nil }
        let newline = UInt8(ascii: "\n")
        guard old[prefix..<(old.count - suffix)].count(where: { $0 == newline }) == new[prefix..<(new.count - suffix)].count(where: { $0 == newline }),
              index + 1 == ranges.count || old[ranges[index].upperBound..<ranges[index + 1].lowerBound].contains(newline) else { return nil }
        let start = ranges[index].lowerBound
        let lineStart = (old[..<start].lastIndex(of: newline).map { $0 + 1 }) ?? (old.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        let shift = new.count - old.count
        guard let element = try? JSONParser.parseElement(new, at: start, line: elements[index].line, lineStart: lineStart),
              element.end == ranges[index].upperBound + shift, element.node.column == elements[index].column else { return nil }
        elements[index] = element.node
        ranges[index] = start..<element.end
        for later in (index + 1)..<ranges.count { ranges[later] = (ranges[later].lowerBound + shift)..<(ranges[later].upperBound + shift) }
        var roots = kept.roots
        roots[file] = JSONNode(value: .object([JSONMember(key: members[0].key, keyLine: members[0].keyLine, keyColumn: members[0].keyColumn,
                                                         value: JSONNode(value: .array(elements), line: members[0].value.line, column: members[0].value.column))]),
                               line: root.line, column: root.column)
        var allRanges = kept.ranges
        allRanges[file] = ranges
        return (roots, allRanges, ContentMemo.ProductKey(file: display(files[file]), position: index))
    }

    /// The name of the file at `relative` without its 3-letter extension (`products/mug.md` → `mug`), without
    /// bridging to NSString: it runs once per write-up on every load.
    static func fileStem(_ relative: String) -> String {
        let name = relative.utf8.lastIndex(of: UInt8(ascii: "/")).map { relative[relative.index(after: $0)...] } ?? relative[...]
        return String(name.dropLast(3))
    }

    /// Whether `relative` (as `listFiles` gives it) is directly inside its top folder: `products/mug.md`, not `products/a/mug.md`.
    static func isDirectlyInFolder(_ relative: String) -> Bool {
        relative.utf8.count(where: { $0 == UInt8(ascii: "/") }) == 1
    }

    /// `catalog.json`, or the files of `catalog/` in name order (relative to `Content/`).
    private func catalogFiles(sink: DiagnosticSink) -> [String] {
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
        return hasSingle ? ["catalog.json"] : split
    }

    /// A write-up's front matter parsed and read, or `kept` when the file has the same size and
    /// modification time as when `kept` was read, and that time had settled then.
    private func writeUp(_ relative: String, in contentPath: String, reusing kept: ContentMemo.WriteUp?) -> ContentMemo.WriteUp {
        let readAt = ContentMemo.now()
        let stamp = fileSizeAndModification(contentPath + "/" + relative)
        if let kept, let stamp, kept.size == stamp.size, kept.modified == stamp.modified { return kept }
        let (local, fieldSink) = (DiagnosticSink(), DiagnosticSink())
        let text = readText(relative, sink: local)
        // The body is not kept: pages read it again when they render it (100,000 bodies would not fit in memory).
        let document = text.flatMap { FrontMatter.parse($0, displayPath: display(relative), sink: local) }
        let frontMatter = document.map { Array(text!.utf8.prefix($0.bodyOffset)) } ?? []
        let fields = document.map { document -> ContentMemo.WriteUpFields in
            let handle = Self.fileStem(relative)
            let reader = FrontMatterReader(document: document, displayPath: display(relative), subject: "products/\(handle).md", sink: fieldSink)
            reader.checkKeys(allowed: ["title", "summary", "highlights"])
            return ContentMemo.WriteUpFields(title: reader.string("title")?.trimmingWhitespace().nilIfEmpty, summary: reader.string("summary"),
                                             highlights: reader.stringList("highlights"), bodyOffset: document.bodyOffset)
        }
        // A time too recent to trust (see `settledAfterNanoseconds`) is not kept: the next load reads the file again.
        let settled = stamp.map { $0.modified < readAt - ContentMemo.settledAfterNanoseconds } ?? false
        return ContentMemo.WriteUp(size: stamp?.size ?? -1, modified: settled ? stamp!.modified : Int.min, fields: fields,
                                   problems: local.diagnostics, fieldProblems: fieldSink.diagnostics, frontMatter: frontMatter)
    }

    // MARK: Collections

    private func loadCollections(products: [Product], media: MediaIndex, sink: DiagnosticSink) -> [ProductCollection] {
        var members: [String: [Int]] = [:]
        for (index, product) in products.enumerated() {
            for slug in product.collections { members[slug, default: []].append(index) }
        }
        var described: [String: (title: String?, image: MediaReference?, sort: CollectionSort?, body: String, location: SourceLocation)] = [:]
        for relative in listFiles(under: "collections") where relative.hasSuffix(".md") {
            let slug = Self.fileStem(relative)
            let displayPath = display(relative)
            let location = SourceLocation(file: displayPath, line: 1, column: 1)
            guard Self.isDirectlyInFolder(relative) else {
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
        // Each product's sort key read once (not a copy of the product per comparison).
        let keyed = indexes.map { index -> (index: Int, published: CalendarDate?, title: String, price: Money?) in
            let product = products[index]
            switch sort {
            case .newest: return (index, product.published, "", nil)
            case .title: return (index, nil, product.title, nil)
            case .priceAscending, .priceDescending: return (index, nil, "", product.lowestPrice)
            }
        }
        return keyed.sorted { a, b in
            switch sort {
            case .newest:
                switch (a.published, b.published) {
                case let (x?, y?) where x != y: return x > y
                case (_?, nil): return true
                case (nil, _?): return false
                default: break
                }
            case .title:
                // Natural, case-insensitive order that does not depend on the machine's locale.
                let order = a.title.compare(b.title, options: [.caseInsensitive, .numeric], range: nil, locale: nil)
                if order != .orderedSame { return order == .orderedAscending }
            case .priceAscending:
                if a.price! != b.price! { return a.price! < b.price! }
            case .priceDescending:
                if a.price! != b.price! { return a.price! > b.price! }
            }
            return products[a.index].handle < products[b.index].handle
        }.map(\.index)
    }

    /// "new-arrivals" → "New Arrivals".
    static func title(fromSlug slug: String) -> String {
        slug.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    // MARK: Pages

    private func loadPages(sink: DiagnosticSink) -> [Page] {
        var pages: [Page] = []
        for relative in listFiles(under: "pages") where relative.hasSuffix(".md") {
            let slug = Self.fileStem(relative)
            let displayPath = display(relative)
            let location = SourceLocation(file: displayPath, line: 1, column: 1)
            guard CatalogLoader.isSlug(slug), !Self.reservedPageSlugs.contains(slug) else {
                let reserved = Self.reservedPageSlugs.contains(slug)
                sink.error("page file name \"\(slug).md\" \(reserved ? "is reserved (the site uses /\(slug)/ itself)" : "is not a valid slug")", at: location,
                           hint: reserved ? "rename the file" : "use a-z, 0-9 and hyphens, e.g. \(CatalogLoader.slugify(slug)).md")
                continue
            }
            guard Self.isDirectlyInFolder(relative) else {
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
        return parseJSON([UInt8](data), relative: relative, sink: sink)?.node
    }

    /// The document, and the byte ranges of its `products` (`JSONParser.parse(_:elementRangesOf:)`).
    private func parseJSON(_ bytes: [UInt8], relative: String, sink: DiagnosticSink) -> (node: JSONNode, ranges: [Range<Int>])? {
        do {
            return try JSONParser.parse(bytes, elementRangesOf: "products")
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
