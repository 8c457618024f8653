/// Small stores written inside the tests, so each test shows exactly what it builds.
enum Fixtures {
    /// A theme whose markup exposes the template data plainly (ids and data attributes) for assertions,
    /// with the default theme's English strings (Swift's computed labels come from them).
    static let testTheme: [String: String] = testTemplates.merging(["Themes/test/i18n/en.json": defaultThemeFile("i18n/en.json")]) { $1 }

    /// A file of the repository's default theme.
    static func defaultThemeFile(_ path: String) -> String {
        (try? String(contentsOf: FixtureStore.repositoryRoot.appendingPathComponent("Themes/default/" + path), encoding: .utf8)) ?? ""
    }

    private static let testTemplates: [String: String] = [
        "Themes/test/templates/layout.mustache": """
            <!doctype html><html lang="{{site.language}}"><head><meta charset="utf-8"><title>{{page.title}}</title>{{#page.description}}<meta name="description" content="{{page.description}}">{{/page.description}}
            <link rel="canonical" href="{{page.canonical_url}}"><link rel="stylesheet" href="{{assets.style_css}}">{{{head_html}}}</head>
            <body><nav>{{#nav.collections}}<a class="nav" href="{{url}}" data-current="{{current}}">{{title}}</a>{{/nav.collections}}</nav>
            <main>{{{content}}}</main><footer>{{> footer}}</footer></body></html>
            """,
        "Themes/test/templates/partials/footer.mustache": """
            <p id="seller">{{seller.legal_name}}</p>{{#nav.pages}}<a class="page-link" href="{{url}}">{{title}}</a>{{/nav.pages}}
            """,
        "Themes/test/templates/partials/card.mustache": """
            <li class="card" data-url="{{url}}"><a href="{{url}}">{{title}}</a> <span class="price">{{price.current}}</span>{{#badge}} <b>{{badge}}</b>{{/badge}}{{#image}}<img src="{{url}}" alt="{{alt}}">{{/image}}</li>
            """,
        "Themes/test/templates/index.mustache": """
            <h1>{{site.name}}</h1><ul id="new">{{#new_arrivals}}{{> card}}{{/new_arrivals}}</ul>
            """,
        "Themes/test/templates/product.mustache": """
            <h1 id="title">{{product.title}}</h1>
            <p id="price" data-amount="{{product.price.amount}}" data-currency="{{product.price.currency}}" data-from="{{product.price.from}}">{{product.price.current}}</p>
            {{#product.price.on_sale}}<s id="regular">{{product.price.regular}}</s>{{/product.price.on_sale}}
            <p id="availability" data-code="{{product.availability.code}}">{{product.availability.label}} {{product.availability.date}}</p>
            {{#product.selected_variant}}<p id="selected" data-sku="{{sku}}">{{title}}</p>{{/product.selected_variant}}
            {{#product.option_groups}}<div class="option" data-name="{{name}}">{{#values}}<a href="{{url}}" data-selected="{{selected}}">{{value}}</a>{{/values}}</div>{{/product.option_groups}}
            <ul id="variants">{{#product.variants}}<li><a href="{{url}}" data-sku="{{sku}}">{{title}}</a></li>{{/product.variants}}</ul>
            <div id="gallery">{{#product.images}}<img src="{{url}}" alt="{{alt}}">{{/product.images}}</div>
            <dl id="identifiers">{{#product.identifiers}}<dt>{{label}}</dt><dd>{{value}}</dd>{{/product.identifiers}}</dl>
            <p id="summary">{{product.summary}}</p><ul id="highlights">{{#product.highlights}}<li>{{.}}</li>{{/product.highlights}}</ul>
            <div id="description">{{{product.description_html}}}</div>
            <ul id="related">{{#product.related}}{{> card}}{{/product.related}}</ul>
            """,
        "Themes/test/templates/collection.mustache": """
            <h1>{{collection.title}}</h1><div id="intro">{{{collection.description_html}}}</div>
            {{#empty}}<p id="empty">Nothing here yet</p>{{/empty}}
            <ul id="products">{{#products}}{{> card}}{{/products}}</ul>
            {{#pagination}}<nav id="pages">{{#prev_url}}<a rel="prev" href="{{prev_url}}">prev</a>{{/prev_url}}{{#next_url}}<a rel="next" href="{{next_url}}">next</a>{{/next_url}}</nav>{{/pagination}}
            """,
        "Themes/test/templates/page.mustache": "<h1>{{page_title}}</h1><div id=\"content\">{{{content_html}}}</div>",
        "Themes/test/templates/contact.mustache": """
            <h1>{{page_title}}</h1><div id="content">{{{content_html}}}</div>
            <address id="address"><span id="legal-name">{{seller.legal_name}}</span>{{#seller.address_lines}}<span class="line">{{.}}</span>{{/seller.address_lines}}
            <a id="email" href="mailto:{{seller.email}}">{{seller.email}}</a><a id="phone" href="{{seller.phone_href}}">{{seller.phone}}</a></address>
            """,
        "Themes/test/templates/404.mustache": "<h1>Not found</h1>",
        "Themes/test/assets/style.css": "body { margin: 0 }\n",
    ]

    static let siteJSON = """
        {
          "name": "Fixture Goods",
          "url": "https://shop.example.com",
          "language": "en",
          "currency": "USD",
          "description": "Test store",
          "theme": "test",
          "seller": {
            "legal_name": "Fixture Goods LLC",
            "email": "hello@example.com",
            "phone": "+1 503 555 0100",
            "address": { "street": "12 Alder St", "city": "Portland", "region": "OR", "postal_code": "97201", "country": "US" }
          },
          "policies": {
            "returns": { "days": 30, "fees": "free", "method": "by_mail" },
            "shipping": [ { "country": "US", "service": "Standard", "price": "0.00", "min_days": 2, "max_days": 5 } ]
          }
        }
        """

    static let catalogJSON = """
        {
          "products": [
            {
              "handle": "trail-bottle",
              "title": "Trail Bottle 750 ml",
              "brand": "Fixture",
              "price": "24.00",
              "sale_price": "19.00",
              "published": "2026-10-01",
              "collections": ["bottles", "new-arrivals"],
              "tags": ["steel"],
              "images": ["media/bottle-1.jpg", "media/bottle-2.jpg"],
              "variants": [
                { "sku": "TB-SLATE", "options": { "color": "Slate", "size": "750 ml" }, "gtin": "0012345678905", "image": "media/bottle-1.jpg" },
                { "sku": "TB-MOSS", "options": { "size": "750 ml", "color": "Moss" }, "price": "26.00",
                  "availability": "backorder", "availability_date": "2026-12-15", "gtin": "4006381333931", "image": "media/bottle-2.jpg" }
              ]
            },
            {
              "handle": "camp-mug",
              "title": "Camp Mug",
              "brand": "Fixture",
              "mpn": "CM-1",
              "gtin": "96385074",
              "price": "12.50",
              "published": "2026-09-01",
              "collections": ["bottles"],
              "tags": ["steel"],
              "images": ["media/mug.jpg"]
            },
            {
              "handle": "wool-blanket",
              "title": "Wool Blanket",
              "price": 89,
              "availability": "out_of_stock",
              "collections": ["home"],
              "images": ["media/blanket.jpg"]
            },
            {
              "handle": "secret-prototype",
              "title": "Not yet",
              "price": "1.00",
              "draft": true
            }
          ]
        }
        """

    /// Whether `url` names a JPEG the images step made of `media/<stem>.…` (`<prefix>img/<stem>-<hash>-<width>.jpg`).
    static func isRendition(_ url: String?, of stem: String, under prefix: String = "https://shop.example.com/") -> Bool {
        guard let url, url.hasPrefix(prefix + "img/" + stem + "-") else { return false }
        return url.range(of: #"-[0-9a-f]{12}-([0-9]+|og)\.jpg$"#, options: .regularExpression) != nil
    }

    /// A complete, valid store using the test theme.
    static func store(replacing overrides: [String: String] = [:], removing: [String] = []) -> [String: String] {
        var files = testTheme
        files["Content/site.json"] = siteJSON
        files["Content/catalog.json"] = catalogJSON
        files["Content/products/trail-bottle.md"] = """
            ---
            title: Trail Bottle 750 ml – Élan
            summary: Keeps water cold for 24 hours.
            highlights: [Double-wall steel, Fits every cup holder]
            ---
            ## Built for long days

            | Spec | Value |
            | --- | --- |
            | Volume | 750 ml |

            - [x] Leak-proof
            ~~Plastic~~ Steel. Visit https://example.com for more.[^1]

            [^1]: Tested for 24 hours.

            <script>alert("x")</script>
            """
        files["Content/collections/bottles.md"] = """
            ---
            title: Bottles & Mugs
            sort: price-asc
            ---
            Everything that holds a drink.
            """
        files["Content/pages/about.md"] = "---\ntitle: About us\ndescription: Who we are\n---\nWe make **things**.\n"
        files["Content/pages/contact.md"] = "---\ntitle: Contact us\n---\nWrite to us any time.\n"
        for media in ["bottle-1.jpg", "bottle-2.jpg", "mug.jpg", "blanket.jpg"] { files["Content/media/\(media)"] = "picture:\(media)" }
        for (path, contents) in overrides { files[path] = contents }
        for path in removing { files[path] = nil }
        return files
    }

    /// The product title every feed must carry intact: markup characters, quotes, a comma, emoji, RTL
    /// text, a control character (dropped: XML 1.0 cannot hold it) and a CDATA terminator.
    static let hostileTitle = "Fish, Chips & <b>\"Deluxe\"</b> 🐟 \u{0001}שלום ]]>"
    static let hostileTitleAsPublished = "Fish, Chips & <b>\"Deluxe\"</b> 🐟 שלום ]]>"

    /// The standard store plus a product with hostile text (and a write-up with a line break and quotes).
    static func feedStore(replacing overrides: [String: String] = [:]) -> [String: String] {
        let escapedTitle = hostileTitle.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\u{0001}", with: "\\u0001")
        let hostile = """
            {
              "handle": "odd-one",
              "title": "\(escapedTitle)",
              "brand": "Ünïcode & Sons",
              "price": "5.00",
              "sale_price": "4.50",
              "availability": "preorder",
              "availability_date": "2027-01-10",
              "published": "2026-10-15",
              "collections": ["home"],
              "images": ["media/mug.jpg"]
            },
            """
        var files = store(replacing: [
            "Content/catalog.json": catalogJSON.replacingOccurrences(of: "\"products\": [\n", with: "\"products\": [\n" + hostile + "\n"),
            "Content/products/odd-one.md": "---\nsummary: \"Line one,\\nline \\\"two\\\"\"\n---\nA <em>plain</em> write-up & more.\n",
        ])
        for (path, contents) in overrides { files[path] = contents }
        return files
    }
}
