import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport

public struct ImportOptions: Sendable {
    public var format: ImportFormat
    public var file: String
    public var contentDirectory: String
    /// Report what would change and write nothing.
    public var dryRun = false
    /// Today (`YYYY-MM-DD`, UTC unless set): decides whether a scheduled sale in the file applies yet.
    public var today = Importer.todayInUTC()

    public init(format: ImportFormat, file: String, contentDirectory: String = "Content") {
        self.format = format
        self.file = file
        self.contentDirectory = contentDirectory
    }
}

/// `showroom import`: reads an export file, merges it into `catalog.json` and writes the products'
/// write-ups. Everything is worked out in memory first; files are written only when the export could be
/// read as the named format, each one atomically.
public enum Importer {
    public static func run(_ options: ImportOptions) throws(Diagnostic) -> ImportSummary {
        let content = URL(fileURLWithPath: options.contentDirectory)
        let sourceName = options.file
        guard let bytes = FileManager.default.contents(atPath: options.file).map(Array.init) else {
            throw Diagnostic.error("cannot read \(options.file)", at: nil, hint: "check the path; the file is the export from \(options.format.displayName)")
        }
        let currency = siteCurrency(content)
        // Amazon's reports are tab separated; one saved from a spreadsheet as CSV is read as CSV.
        let separator = options.format == .amazon && firstLine(bytes).contains(UInt8(ascii: "\t")) ? UInt8(ascii: "\t") : UInt8(ascii: ",")
        // Amazon writes its reports without quoting, so a title starting with a quote is just text there.
        let text = try DelimitedText.parse(bytes, separator: separator, file: sourceName, lenientQuotes: options.format == .amazon)
        var reading = switch options.format {
        case .amazon: try AmazonListings.read(text, file: sourceName, currency: currency, today: options.today)
        case .shopify: try ShopifyProducts.read(text, file: sourceName, currency: currency)
        case .woocommerce: try WooCommerceProducts.read(text, file: sourceName, currency: currency, today: options.today)
        }
        reading.sourcePrefix = options.format.rawValue + ":"
        let catalogURL = content.appendingPathComponent("catalog.json")
        let (existing, otherMembers) = try existingCatalog(catalogURL, content: content)

        var merge = CatalogMerge(existing: existing)
        merge.apply(&reading)
        var summary = merge.summary
        summary.format = options.format
        summary.rowsRead = reading.rowsRead
        summary.decodedAsWindows1252 = text.decodedAsWindows1252
        // In file order, so the list reads alongside the file; notes without a place come last.
        summary.notes = (reading.notes + merge.notes).enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (x?, y?): (x, a.offset) < (y, b.offset)
            case (nil, nil): a.offset < b.offset
            case (nil, _): false
            case (_, nil): true
            }
        }.map(\.element)

        var files: [(URL, String)] = [(catalogURL, JSONValue.object([("products", .array(merge.products))] + otherMembers).serialized(indent: true) + "\n")]
        let productsFolder = content.appendingPathComponent("products")
        for (handle, writeUp) in merge.writeUps {
            let url = productsFolder.appendingPathComponent(handle + ".md")
            if let old = try? String(contentsOf: url, encoding: .utf8) {
                guard CatalogEntry.isUntouched(old) else { summary.writeUpsKept.append(handle); continue }
                if old == writeUp { continue }
            }
            summary.writeUpsWritten.append(handle)
            files.append((url, writeUp))
        }
        if let old = try? String(contentsOf: catalogURL, encoding: .utf8), old == files[0].1 { files.removeFirst() }
        summary.filesWritten = files.map { $0.0.path }
        guard !options.dryRun else { return summary }
        do {
            try FileManager.default.createDirectory(at: productsFolder, withIntermediateDirectories: true)
            for (url, text) in files { try Data(text.utf8).write(to: url, options: .atomic) }
        } catch {
            throw Diagnostic.error("could not write the import: \(error.localizedDescription)", at: SourceLocation(file: options.contentDirectory), hint: nil)
        }
        return summary
    }

    private static func firstLine(_ bytes: [UInt8]) -> ArraySlice<UInt8> { bytes.prefix { $0 != 0x0A } }

    /// The store's currency decides how many decimals prices have; a new store without site.json gets USD.
    private static func siteCurrency(_ content: URL) -> String {
        guard let bytes = FileManager.default.contents(atPath: content.appendingPathComponent("site.json").path),
              let node = try? JSONParser.parse(Array(bytes)), case .object(let members) = node.value,
              let currency = members.first(where: { $0.key == "currency" }), case .string(let code) = currency.value.value else { return "USD" }
        return code
    }

    public static func todayInUTC() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The catalog's products, and its other top-level members (`x-…` keys) to write back unchanged.
    private static func existingCatalog(_ url: URL, content: URL) throws(Diagnostic) -> ([JSONValue], [(String, JSONValue)]) {
        let split = content.appendingPathComponent("catalog")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: split.path, isDirectory: &isFolder), isFolder.boolValue {
            throw Diagnostic.error("this store splits its catalog into catalog/*.json; import writes catalog.json",
                                   at: SourceLocation(file: split.path), hint: "import into a new content folder (--content) and move the products over")
        }
        guard let bytes = FileManager.default.contents(atPath: url.path) else { return ([], []) }
        let node: JSONNode
        do { node = try JSONParser.parse(Array(bytes)) } catch {
            throw Diagnostic.error("catalog.json is not valid JSON (\(error.message)), so nothing was imported",
                                   at: SourceLocation(file: url.path, line: error.line, column: error.column), hint: error.hint ?? "fix it first; the import merges into it")
        }
        guard case .object(let members) = node.value, let products = members.first(where: { $0.key == "products" }),
              case .array(let items) = products.value.value else {
            throw Diagnostic.error("catalog.json has no \"products\" array, so nothing was imported", at: SourceLocation(file: url.path, line: 1, column: 1), hint: nil)
        }
        return (items.map(JSONValue.init), members.filter { $0.key != "products" }.map { ($0.key, JSONValue($0.value)) })
    }
}

extension JSONValue {
    /// The parsed file as a value, key order and number text kept.
    init(_ node: JSONNode) {
        switch node.value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let text): self = .number(text)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .object(let members): self = .object(members.map { ($0.key, JSONValue($0.value)) })
        }
    }

    subscript(key key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var stringValue: String? {
        switch self {
        case .string(let text), .number(let text): text
        default: nil
        }
    }
}
