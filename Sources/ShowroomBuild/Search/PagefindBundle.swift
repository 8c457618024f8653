import Foundation
import ShowroomModel
import ShowroomSupport

/// Pagefind's output made publishable: only the files the theme's search uses, and the same bytes from
/// build to build. Pagefind 1.5 writes a filter's values, and the list of filters and sorts in its
/// metadata file, in hash-map order, which changes from run to run; this puts them in name order and
/// renames the files after their new content, as Pagefind names them (`<language>_<hash>`).
enum PagefindBundle {
    /// The gzip'd files start with this after decompression (Pagefind's "decoded" marker).
    static let signature = Array("pagefind_dcd".utf8)

    struct Malformed: Error, CustomStringConvertible {
        var file: String
        var description: String { "Pagefind wrote \(file) in a form this Showroom does not know (expected Pagefind \(PagefindService.version))" }
    }

    /// `files`: paths relative to the bundle folder, as Pagefind's `GetFiles` returns them.
    static func publishable(_ files: [(path: String, bytes: [UInt8])]) throws -> [OutputFile] {
        var kept: [String: [UInt8]] = [:]
        for file in files where !isUserInterface(file.path) { kept[file.path] = file.bytes }

        // Filters first: the metadata names them by hash.
        var renamedFilters: [String: String] = [:]
        for (path, bytes) in kept where path.hasPrefix("filter/") && path.hasSuffix(".pf_filter") {
            let oldHash = String(path.dropFirst("filter/".count).dropLast(".pf_filter".count))
            guard case .array(var filter) = try decode(bytes, file: path), filter.count == 2, case .array(let values) = filter[1] else { throw Malformed(file: path) }
            filter[1] = .array(values.sorted { sortKey($0).lexicographicallyPrecedes(sortKey($1)) })
            let (newHash, newBytes) = try encode(.array(filter), language: language(of: oldHash), hashLength: oldHash.count - language(of: oldHash).count - 1,
                                                 taken: Set(renamedFilters.values))
            kept[path] = nil
            kept["filter/\(newHash).pf_filter"] = newBytes
            renamedFilters[oldHash] = newHash
        }
        guard let entryBytes = kept["pagefind-entry.json"] else { throw Malformed(file: "pagefind-entry.json") }
        var entry = String(decoding: entryBytes, as: UTF8.self)
        for (path, bytes) in kept where path.hasPrefix("pagefind.") && path.hasSuffix(".pf_meta") {
            let oldHash = String(path.dropFirst("pagefind.".count).dropLast(".pf_meta".count))
            guard case .array(var meta) = try decode(bytes, file: path), meta.count >= 5,
                  case .array(let filters) = meta[3], case .array(let sorts) = meta[4] else { throw Malformed(file: path) }
            meta[3] = .array(try filters.map { filter in
                guard case .array(var pair) = filter, pair.count == 2, case .text(let hash) = pair[1] else { throw Malformed(file: path) }
                pair[1] = .text(renamedFilters[hash] ?? hash)
                return .array(pair)
            }.sorted { sortKey($0).lexicographicallyPrecedes(sortKey($1)) })
            meta[4] = .array(sorts.sorted { sortKey($0).lexicographicallyPrecedes(sortKey($1)) })
            let language = language(of: oldHash)
            let (newHash, newBytes) = try encode(.array(meta), language: language, hashLength: oldHash.count - language.count - 1, taken: [])
            kept[path] = nil
            kept["pagefind.\(newHash).pf_meta"] = newBytes
            entry = entry.replacingOccurrences(of: "\"\(oldHash)\"", with: "\"\(newHash)\"")
        }
        kept["pagefind-entry.json"] = Array(entry.utf8)
        return kept.sorted { $0.key < $1.key }.map { OutputFile(path: SiteLinks.searchFolder + "/" + $0.key, bytes: $0.value) }
    }

    /// Pagefind's ready-made search interfaces: the theme draws its own, so they are not published.
    static func isUserInterface(_ path: String) -> Bool {
        ["pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight."].contains { path.hasPrefix($0) }
            || path.hasPrefix("playground/")
    }

    private static func language(of hash: String) -> String {
        hash.split(separator: "_").dropLast().joined(separator: "_")
    }

    /// Entries (`[name, …]`) compare by their name.
    private static func sortKey(_ item: CBOR) -> [UInt8] {
        if case .array(let parts) = item, case .text(let name)? = parts.first { return Array(name.utf8) }
        return []
    }

    static func decode(_ gzipped: [UInt8], file: String) throws -> CBOR {
        guard let plain = try? Gzip.decompress(gzipped), plain.starts(with: signature) else { throw Malformed(file: file) }
        var reader = CBOR.Reader(bytes: plain, position: signature.count)
        guard let item = reader.item(), reader.position == plain.count else { throw Malformed(file: file) }
        return item
    }

    private static func encode(_ item: CBOR, language: String, hashLength: Int, taken: Set<String>) throws -> (hash: String, bytes: [UInt8]) {
        var plain = signature
        item.write(to: &plain)
        let digest = SHA256.hex(plain)
        var length = max(7, hashLength)
        while taken.contains(language + "_" + digest.prefix(length)) { length += 1 }
        return (language + "_" + digest.prefix(length), GzipCompressor.compress(plain, level: 9))
    }
}

/// The part of CBOR (RFC 8949) Pagefind's index files use: integers, strings, arrays and maps, definite lengths.
indirect enum CBOR: Equatable {
    case unsigned(UInt64)
    case negative(UInt64)
    case bytes([UInt8])
    case text(String)
    case array([CBOR])
    case map([(CBOR, CBOR)])
    case simple(UInt8)

    static func == (lhs: CBOR, rhs: CBOR) -> Bool {
        var (a, b) = ([UInt8](), [UInt8]())
        lhs.write(to: &a)
        rhs.write(to: &b)
        return a == b
    }

    struct Reader {
        let bytes: [UInt8]
        var position: Int

        mutating func item() -> CBOR? {
            guard position < bytes.count else { return nil }
            let initial = bytes[position]
            position += 1
            let major = initial >> 5
            if major == 7 { return initial & 0x1F < 24 ? .simple(initial & 0x1F) : nil }
            guard let argument = argument(initial & 0x1F) else { return nil }
            switch major {
            case 0: return .unsigned(argument)
            case 1: return .negative(argument)
            case 2, 3:
                guard argument <= UInt64(bytes.count - position) else { return nil }
                let slice = Array(bytes[position..<position + Int(argument)])
                position += Int(argument)
                return major == 2 ? .bytes(slice) : .text(String(decoding: slice, as: UTF8.self))
            case 4:
                var items: [CBOR] = []
                for _ in 0..<argument { guard let item = item() else { return nil }; items.append(item) }
                return .array(items)
            case 5:
                var pairs: [(CBOR, CBOR)] = []
                for _ in 0..<argument { guard let key = item(), let value = item() else { return nil }; pairs.append((key, value)) }
                return .map(pairs)
            default: return nil
            }
        }

        private mutating func argument(_ info: UInt8) -> UInt64? {
            if info < 24 { return UInt64(info) }
            let width: Int
            switch info {
            case 24: width = 1
            case 25: width = 2
            case 26: width = 4
            case 27: width = 8
            default: return nil
            }
            guard position + width <= bytes.count else { return nil }
            var value: UInt64 = 0
            for byte in bytes[position..<position + width] { value = value << 8 | UInt64(byte) }
            position += width
            return value
        }
    }

    /// Shortest-form heads, as Pagefind's encoder (minicbor) writes them.
    func write(to output: inout [UInt8]) {
        func head(_ major: UInt8, _ value: UInt64) {
            switch value {
            case 0..<24: output.append(major << 5 | UInt8(value))
            case 24...0xFF: output += [major << 5 | 24, UInt8(value)]
            case 0x100...0xFFFF: output += [major << 5 | 25, UInt8(value >> 8), UInt8(value & 0xFF)]
            case 0x10000...0xFFFF_FFFF: output += [major << 5 | 26] + (0..<4).reversed().map { UInt8((value >> (8 * UInt64($0))) & 0xFF) }
            default: output += [major << 5 | 27] + (0..<8).reversed().map { UInt8((value >> (8 * UInt64($0))) & 0xFF) }
            }
        }
        switch self {
        case .unsigned(let value): head(0, value)
        case .negative(let value): head(1, value)
        case .bytes(let bytes): head(2, UInt64(bytes.count)); output += bytes
        case .text(let text): let utf8 = Array(text.utf8); head(3, UInt64(utf8.count)); output += utf8
        case .array(let items): head(4, UInt64(items.count)); for item in items { item.write(to: &output) }
        case .map(let pairs): head(5, UInt64(pairs.count)); for (key, value) in pairs { key.write(to: &output); value.write(to: &output) }
        case .simple(let value): output.append(7 << 5 | value)
        }
    }
}

/// Reads back what a built site's index holds: each indexed page's URL, filters and metadata, from
/// Pagefind's fragment files (`check` holds them against the catalog; the tests too).
package enum SearchIndexReader {
    package struct Entry: Sendable, Equatable {
        package var url: String
        package var filters: [String: [String]]
        package var meta: [String: String]
    }

    package struct Unreadable: Error, CustomStringConvertible {
        package var file: String
        package var description: String { "\(file) is not a Pagefind \(PagefindService.version) fragment" }
    }

    /// `bundle`: the site's `pagefind/` folder. Empty when it has no fragments.
    package static func entries(in bundle: URL) throws -> [Entry] {
        let folder = bundle.appendingPathComponent("fragment")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".pf_fragment") }.sorted()
        return try names.map { name in
            let path = folder.appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path), let plain = try? Gzip.decompress([UInt8](data)),
                  plain.starts(with: PagefindBundle.signature),
                  let object = try? JSONSerialization.jsonObject(with: Data(plain.dropFirst(PagefindBundle.signature.count))) as? [String: Any],
                  let url = object["url"] as? String else { throw Unreadable(file: "pagefind/fragment/" + name) }
            return Entry(url: url, filters: object["filters"] as? [String: [String]] ?? [:], meta: object["meta"] as? [String: String] ?? [:])
        }
    }
}
