import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// The cart's price index: every item the store's own cart can hold, with its price and availability as
/// this build has them. The cart page reads it on every visit, so a cart kept in the browser is
/// re-priced (and loses items no longer sold) after each deploy; nothing stored in the browser is
/// ever trusted for a price.
///
/// `/cart/items.json` is a small manifest (currency, how prices are written, how many shards); the items
/// are spread over `/cart/items/<n>.json` by a hash of the SKU, so a shopper's cart fetches tens of kB
/// however large the catalog is (one file of a 10,000-product store's items would be megabytes).
struct CartIndex {
    static let sitePath = "/cart/items.json"
    static let shardFolder = "/cart/items/"
    /// Items per shard, on average: about 16 kB a shard (a cart of a few items fetches a few of them;
    /// more, smaller shards would add files to every deploy).
    static let shardSize = 64

    let site: Site
    let links: SiteLinks
    let words: ShopWords
    var images = RenderedImages()

    func render() -> [OutputFile] {
        guard let checkout = site.settings.checkout, checkout.hasOwnCart else { return [] }
        let currency = site.settings.currency
        var entries: [(id: String, value: JSONValue)] = []
        for product in site.products where product.currency == currency {
            // Items priced in another currency cannot join a one-currency cart: left out, a cart drops them.
            for item in product.sellableItems {
                var entry: [(String, JSONValue)] = [
                    ("name", .string(product.title)),
                    ("options", .array(item.options.map { .array([.string($0.name), .string($0.value)]) })),
                    ("url", .string(links.href(item.sitePath))),
                    ("price", .number(String(item.price.current.minorUnits))),
                    ("price_display", .string(words.money(item.price.current))),
                    ("available", .bool(CheckoutValues.canSell(item, of: product, through: checkout, siteCurrency: currency))),
                ]
                if let image = item.image { entry.append(("image", .string(links.href(images.single(image, atLeast: 360))))) }
                if case .shopify = checkout, let id = item.shopifyVariantID { entry.append(("shopify_variant_id", .string(id))) }
                entries.append((item.id, .object(entry)))
            }
        }
        let shardCount = max(1, (entries.count + Self.shardSize - 1) / Self.shardSize)
        var shards = [[(String, JSONValue)]](repeating: [], count: shardCount)
        for entry in entries { shards[Self.shard(of: entry.id, count: shardCount)].append((entry.id, entry.value)) }
        let format = words.locale.moneyFormat(currency)
        var formatMembers: [(String, JSONValue)] = [("prefix", .string(format.prefix)), ("suffix", .string(format.suffix)),
                                                     ("decimals", .number(String(format.decimals)))]
        // Separators only when they are not the script's default comma and point, so English manifests stay as they were.
        if format.group != "," || format.decimal != "." {
            formatMembers += [("group", .string(format.group)), ("decimal", .string(format.decimal))]
        }
        let manifest = JSONValue.object([
            ("currency", .string(currency)),
            ("format", .object(formatMembers)),
            ("shards", .number(String(shardCount))),
            ("shard_url", .string(links.href(Self.shardFolder))),
        ])
        return [OutputFile(path: SiteLinks.outputFile(for: Self.sitePath), bytes: manifest.serializedBytes(indent: true) + [0x0A])]
            + shards.enumerated().map { number, items in
                OutputFile(path: SiteLinks.outputFile(for: Self.shardFolder + "\(number).json"), bytes: JSONValue.object(items).serializedBytes() + [0x0A])
            }
    }

    /// FNV-1a over the SKU's UTF-8 bytes; the cart script computes the same to know which shard to fetch.
    static func shard(of sku: String, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        for byte in sku.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(count))
    }
}
