import ShowroomLoading
import ShowroomModel
import ShowroomSupport

/// Merges imported products into the catalog the store already has.
///
/// - A product is found again by `x-imported-from` (so renaming its handle does not duplicate it), else by
///   handle. Products of the catalog that this file does not mention are kept as they are.
/// - For a product found again, the **offer** follows the file: price, sale price, availability, draft, and
///   the variants (added, removed, their options, prices and stock). Everything else — title, brand,
///   images, collections, identifiers, `x-` keys — is only filled in where the catalog has nothing, so what
///   a person edited in catalog.json after moving stays. (To take a field from the file again, delete it
///   and re-import.)
/// - The result obeys the catalog rules the build enforces: unique handles, SKUs and GTINs, variant URLs
///   that differ, one option set per product. What would break them is left out and reported.
struct CatalogMerge {
    static let offerKeys: Set<String> = ["price", "sale_price", "availability", "draft", "variants", CatalogEntry.sourceKey]
    static let ownedVariantKeys: Set<String> = ["options", "price", "sale_price", "availability"]

    private(set) var products: [JSONValue]
    private(set) var writeUps: [(handle: String, text: String)] = []
    private(set) var notes: [Diagnostic] = []
    private(set) var summary = ImportSummary()

    init(existing: [JSONValue]) { products = existing }

    mutating func apply(_ reading: inout ImportReading) {
        var indexBySource: [String: Int] = [:]
        var indexByHandle: [String: Int] = [:]
        for (index, product) in products.enumerated() {
            if let source = product[key: CatalogEntry.sourceKey]?.stringValue { indexBySource[source] = index }
            if let handle = product[key: "handle"]?.stringValue { indexByHandle[handle] = index }
        }
        // Each catalog product is matched by one imported product at most (two rows whose titles make the
        // same handle must not take turns owning it).
        var matched = Set<Int>()
        let matches = reading.products.map { imported -> Int? in
            var candidate = indexBySource[imported.sourceID]
            if candidate == nil, let handle = imported.suggestedHandle.flatMap(FieldParser.handle(from:)) ?? FieldParser.handle(from: imported.title),
               let index = indexByHandle[handle], products[index][key: CatalogEntry.sourceKey] == nil {
                candidate = index
            }
            guard let index = candidate, matched.insert(index).inserted else { return nil }
            return index
        }
        // Identifiers of every product already in the catalog are claimed first: the merge keeps them.
        var claimed = IdentifierClaims()
        for (index, product) in products.enumerated() {
            claimed.claimExisting(product)
            if !matched.contains(index), product[key: CatalogEntry.sourceKey]?.stringValue?.hasPrefix(reading.sourcePrefix) == true {
                summary.notInFile.append(product[key: "handle"]?.stringValue ?? "?")
            }
        }
        var usedHandles = Set(indexByHandle.keys)
        var withoutBrand: [String] = []
        for (var imported, match) in zip(reading.products, matches) {
            let handle = match.flatMap { products[$0][key: "handle"]?.stringValue } ?? Self.newHandle(for: imported, taken: usedHandles)
            claimed.admit(&imported, handle: handle, notes: &notes)
            if imported.variants.isEmpty && imported.price == nil {
                notes.append(.warning("\"\(imported.title)\" has no variant left that can be listed, so it was skipped", at: imported.location, hint: nil))
                continue
            }
            usedHandles.insert(handle)
            let entry = JSONValue.object(CatalogEntry.object(for: imported, handle: handle))
            if entry[key: "brand"] == nil, match.flatMap({ products[$0][key: "brand"] }) == nil { withoutBrand.append(handle) }
            if let match {
                let merged = Self.merge(products[match], entry)
                let changes = Self.changes(from: products[match], to: merged)
                if changes.isEmpty { summary.unchanged.append(handle) } else { summary.updated.append(.init(handle: handle, changes: changes)) }
                products[match] = merged
            } else {
                summary.added.append(handle)
                products.append(entry)
            }
            let writeUp = CatalogEntry.writeUp(for: imported)
            if let text = writeUp.text { writeUps.append((handle, text)) }
            if writeUp.tooDeep {
                notes.append(.warning("the description of \"\(imported.title)\" nests HTML elements more than 256 levels deep; what lies deeper could not be read and is not in products/\(handle).md",
                                      at: imported.location, hint: "remove the needless wrapping elements in the source (page builders add them) and import again, or copy the missing text by hand"))
            }
        }
        // Nothing is made up: a brand the file does not have is reported once, not guessed from the store name.
        if !withoutBrand.isEmpty {
            let names = withoutBrand.prefix(3).joined(separator: ", ") + (withoutBrand.count > 3 ? ", …" : "")
            notes.append(.warning("\(withoutBrand.count) product\(withoutBrand.count == 1 ? " has" : "s have") no brand (\(names))", at: nil,
                                  hint: "add \"brand\" to \(withoutBrand.count == 1 ? "it" : "them") in catalog.json (re-imports keep it); shopping feeds need a brand for most products"))
        }
    }

    private static func newHandle(for product: ImportedProduct, taken: Set<String>) -> String {
        let base = product.suggestedHandle.flatMap(FieldParser.handle(from:)) ?? FieldParser.handle(from: product.title)
            ?? "product-" + CatalogLoader.slugify(product.sku ?? product.variants.first?.sku ?? String(product.sourceID.split(separator: ":").last ?? "item"))
        var handle = base
        var number = 2
        while taken.contains(handle) { handle = "\(base)-\(number)"; number += 1 }
        return handle
    }

    // MARK: Merging values

    static func merge(_ existing: JSONValue, _ imported: JSONValue) -> JSONValue {
        guard case .object(let old) = existing, case .object(let new) = imported else { return imported }
        let availabilityChanged = existing[key: "availability"] != imported[key: "availability"]
        var members: [(String, JSONValue)] = []
        for (key, value) in old {
            let replacement = new.first(where: { $0.0 == key })?.1
            if offerKeys.contains(key) {
                guard let replacement else { continue }
                members.append((key, key == "variants" ? mergeVariants(value, replacement) : replacement))
            } else if (key == "availability_date" && availabilityChanged) || (key == "gtin" && imported[key: "variants"] != nil) {
                continue
            } else {
                members.append((key, value))
            }
        }
        for (key, value) in new where !old.contains(where: { $0.0 == key }) { members.append((key, value)) }
        return .object(members)
    }

    private static func mergeVariants(_ existing: JSONValue, _ imported: JSONValue) -> JSONValue {
        guard case .array(let old) = existing, case .array(let new) = imported else { return imported }
        return .array(new.map { variant in
            guard let sku = variant[key: "sku"], let match = old.first(where: { $0[key: "sku"] == sku }),
                  case .object(let oldMembers) = match, case .object(let newMembers) = variant else { return variant }
            var members: [(String, JSONValue)] = []
            let availabilityChanged = match[key: "availability"] != variant[key: "availability"]
            for (key, value) in oldMembers {
                let replacement = newMembers.first(where: { $0.0 == key })?.1
                if key == "availability_date" && availabilityChanged { continue }
                if ownedVariantKeys.contains(key) {
                    if let replacement { members.append((key, replacement)) }
                } else {
                    members.append((key, value))
                }
            }
            for (key, value) in newMembers where !oldMembers.contains(where: { $0.0 == key }) { members.append((key, value)) }
            return .object(members)
        })
    }

    /// Short descriptions of what changed, for the summary: `price 24.00 → 21.00`, `variant NW-1 added`.
    static func changes(from old: JSONValue, to new: JSONValue) -> [String] {
        guard case .object(let oldMembers) = old, case .object(let newMembers) = new else { return old == new ? [] : ["replaced"] }
        var changes: [String] = []
        let keys = CatalogLoader.unique(oldMembers.map(\.0) + newMembers.map(\.0))
        for key in keys {
            let before = old[key: key], after = new[key: key]
            guard before != after else { continue }
            if key == "variants" {
                changes += variantChanges(before, after)
            } else if let a = before?.stringValue, let b = after?.stringValue {
                changes.append("\(key) \(a) → \(b)")
            } else if before == nil {
                changes.append("\(key) added")
            } else if after == nil {
                changes.append("\(key) removed")
            } else {
                changes.append("\(key) changed")
            }
        }
        return changes
    }

    private static func variantChanges(_ old: JSONValue?, _ new: JSONValue?) -> [String] {
        func bySKU(_ value: JSONValue?) -> [(String, JSONValue)] {
            guard case .array(let items)? = value else { return [] }
            return items.compactMap { item in item[key: "sku"]?.stringValue.map { ($0, item) } }
        }
        let before = bySKU(old), after = bySKU(new)
        var changes: [String] = []
        for (sku, variant) in after {
            guard let previous = before.first(where: { $0.0 == sku })?.1 else { changes.append("variant \(sku) added"); continue }
            changes += Self.changes(from: previous, to: variant).map { "variant \(sku) \($0)" }
        }
        for (sku, _) in before where !after.contains(where: { $0.0 == sku }) { changes.append("variant \(sku) removed (not in the file)") }
        return changes
    }
}

/// SKUs, GTINs and variant URLs must be unique; the first product to claim one keeps it. Claims name their
/// owner (a handle, or handle/SKU for a variant's GTIN) so a product found again does not clash with itself.
private struct IdentifierClaims {
    var skus: [String: String] = [:]
    var gtins: [String: (owner: String, name: String)] = [:]

    mutating func claimExisting(_ product: JSONValue) {
        let handle = product[key: "handle"]?.stringValue ?? "?"
        if let gtin = product[key: "gtin"]?.stringValue, let valid = try? GTIN(gtin) { gtins[valid.normalized] = (handle, "product \"\(handle)\"") }
        guard case .array(let variants)? = product[key: "variants"] else { return }
        for variant in variants {
            guard let sku = variant[key: "sku"]?.stringValue else { continue }
            skus[sku] = handle
            if let gtin = variant[key: "gtin"]?.stringValue, let valid = try? GTIN(gtin) { gtins[valid.normalized] = ("\(handle)/\(sku)", "variant \"\(sku)\"") }
        }
    }

    mutating func admit(_ product: inout ImportedProduct, handle: String, notes: inout [Diagnostic]) {
        product.gtin = claim(gtin: product.gtin, owner: handle, name: "product \"\(handle)\"", at: product.location, notes: &notes)
        var optionNames: [String]?
        var slugs: Set<String> = []
        var combinations: Set<[String]> = []
        product.variants = product.variants.filter { variant in
            let subject = "variant \"\(variant.sku)\" of \"\(product.title)\""
            if let owner = skus[variant.sku], owner != handle || slugs.contains(CatalogLoader.slugify(variant.sku)) {
                notes.append(.warning("\(subject) has the SKU of a variant of \"\(owner)\", so it was skipped", at: variant.location, hint: "SKUs must be unique in the catalog"))
                return false
            }
            let names = variant.options.map(\.name)
            if let optionNames, Set(optionNames) != Set(names) {
                notes.append(.warning("\(subject) has options \(names.joined(separator: ", ")) but the first variant has \(optionNames.joined(separator: ", ")), so it was skipped",
                                      at: variant.location, hint: "every variant of a product sets the same options"))
                return false
            }
            optionNames = optionNames ?? names
            let values = (optionNames ?? names).map { name in variant.options.first { $0.name == name }?.value ?? "" }
            guard combinations.insert(values).inserted else {
                notes.append(.warning("\(subject) repeats the options \(values.joined(separator: " / ")) of another variant, so it was skipped", at: variant.location, hint: nil))
                return false
            }
            guard slugs.insert(CatalogLoader.slugify(variant.sku)).inserted else {
                notes.append(.warning("\(subject) differs from another SKU only in case or punctuation (one variant URL), so it was skipped", at: variant.location, hint: nil))
                return false
            }
            skus[variant.sku] = handle
            return true
        }
        for index in product.variants.indices {
            let sku = product.variants[index].sku
            product.variants[index].gtin = claim(gtin: product.variants[index].gtin, owner: "\(handle)/\(sku)", name: "variant \"\(sku)\"",
                                                 at: product.variants[index].location, notes: &notes)
        }
    }

    private mutating func claim(gtin: String?, owner: String, name: String, at location: SourceLocation, notes: inout [Diagnostic]) -> String? {
        guard let gtin, let valid = try? GTIN(gtin) else { return gtin }
        if let existing = gtins[valid.normalized], existing.owner != owner {
            notes.append(.warning("\(name) has GTIN \(gtin), which \(existing.name) already has, so it gets none", at: location,
                                  hint: "a GTIN names one item; fix the barcode in the source and import again"))
            return nil
        }
        gtins[valid.normalized] = (owner, name)
        return gtin
    }
}

/// What an import did, for people (`formatted`) and tests.
public struct ImportSummary: Sendable {
    public struct Change: Sendable, Equatable {
        public var handle: String
        public var changes: [String]
    }

    public var format: ImportFormat = .shopify
    public var rowsRead = 0
    public var added: [String] = []
    public var updated: [Change] = []
    public var unchanged: [String] = []
    /// Products an earlier import of this format brought in that this file no longer has (kept).
    public var notInFile: [String] = []
    public var writeUpsWritten: [String] = []
    /// Write-ups a person edited since the last import: left as they are.
    public var writeUpsKept: [String] = []
    /// Rows and cells skipped or adjusted, with reasons.
    public var notes: [Diagnostic] = []
    public var decodedAsWindows1252 = false
    public var filesWritten: [String] = []

    public var skipped: [Diagnostic] { notes.filter { $0.message.hasSuffix("so it was skipped") || $0.message.contains("so they were skipped") } }

    public func formatted(dryRun: Bool = false) -> String {
        func names(_ handles: [String]) -> String {
            handles.isEmpty ? "" : "  (" + handles.prefix(5).joined(separator: ", ") + (handles.count > 5 ? ", …" : "") + ")"
        }
        var lines = ["\(dryRun ? "Would import" : "Imported") \(rowsRead) row\(rowsRead == 1 ? "" : "s") (\(format.displayName))"
                     + (decodedAsWindows1252 ? " (read as Windows-1252: the file is not UTF-8)" : "") + ":"]
        lines.append("  added      \(added.count)" + names(added))
        lines.append("  updated    \(updated.count)")
        for change in updated.prefix(50) { lines.append("    \(change.handle): " + change.changes.joined(separator: "; ")) }
        if updated.count > 50 { lines.append("    … and \(updated.count - 50) more") }
        lines.append("  unchanged  \(unchanged.count)")
        lines.append("  skipped    \(skipped.count)" + (skipped.isEmpty ? "" : "  (reasons below)"))
        lines.append("  write-ups  \(writeUpsWritten.count) written, \(writeUpsKept.count) kept because they were edited since the last import" + names(writeUpsKept))
        if !notInFile.isEmpty { lines.append("  not in this file but in the catalog (kept): \(notInFile.count)" + names(notInFile)) }
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map(\.description)
        }
        return lines.joined(separator: "\n")
    }
}
