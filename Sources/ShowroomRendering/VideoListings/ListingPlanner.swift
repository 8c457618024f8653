import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Turns a product into its video listing with the theme's storyboard: picks the pictures and clips,
/// writes the overlays, and fits the scene lengths into the storyboard's range.
package struct ListingPlanner: Sendable {
    let settings: StoreSettings
    let storyboard: Storyboard
    /// The theme's logo asset when the storyboard names one, the site's logo otherwise.
    let logo: MediaReference?
    let words: ShopWords
    /// The theme's strings as plain text for the overlay templates (`{{t.shop_now}}`), made once.
    private let texts: TemplateFields

    package init(settings: StoreSettings, storyboard: Storyboard, themeAssets: [(source: String, relativePath: String, outputPath: String)], words: ShopWords) {
        self.settings = settings
        self.storyboard = storyboard
        self.words = words
        texts = words.plainStrings(settings: settings, extra: ["domain": SiteLinks.domain(of: settings.url)])
        if let asset = storyboard.look.logoAsset, let match = themeAssets.first(where: { $0.relativePath == asset }) {
            logo = MediaReference(match.outputPath)
        } else {
            logo = settings.logo
        }
    }

    /// A scene before its length is fitted; `group` ties the scenes one repeat made (dropped first when too long).
    private struct Draft {
        var scene: ListingScene
        var group: Int?
        var stretchable: Bool
    }

    package func plan(_ product: Product) -> VideoListing {
        var images = product.images
        for variant in product.variants { if let image = variant.image, !images.contains(image) { images.append(image) } }
        let price = product.displayPrice
        let fromPrice = product.hasPriceRange
        let availability = product.summaryAvailability
        let baseValues = textValues(product, price: price, fromPrice: fromPrice, availability: availability)

        var drafts: [Draft] = []
        var nextImage = 0
        for (specIndex, spec) in storyboard.scenes.enumerated() {
            var rounds: [(highlight: String?, image: Int?)] = []
            switch spec.repeatOver {
            case nil: rounds = [(nil, nil)]
            case .highlights: rounds = product.highlights.prefix(spec.limit).map { ($0, nil) }
            case .images: rounds = (nextImage..<max(nextImage, images.count)).prefix(spec.limit).map { (nil, $0) }
            }
            for (round, extra) in rounds.enumerated() {
                let id = spec.repeatOver == nil ? spec.id : "\(spec.id)-\(round + 1)"
                var scene = ListingScene(id: id, kind: spec.show, startTicks: 0, ticks: spec.ticks, overlays: [])
                switch spec.show {
                case .image:
                    guard !images.isEmpty else { continue }
                    let index: Int
                    if let chosen = extra.image {
                        index = chosen
                    } else {
                        switch spec.image {
                        case .index(let number): index = (number - 1) % images.count
                        case .next: index = nextImage % images.count
                        }
                    }
                    nextImage = index + 1
                    scene.image = images[index]
                    let presets = spec.motions.isEmpty ? [ListingMotion.Preset.zoomIn] : spec.motions
                    scene.motion = presets[round % presets.count].motion
                case .video:
                    guard product.videos.indices.contains(spec.video - 1) else { continue }
                    let video = product.videos[spec.video - 1]
                    var ticks = spec.ticks
                    if let length = video.durationSeconds {
                        ticks = min(ticks, Int((Double(length) - spec.videoStart) / Storyboard.tick))
                    }
                    guard ticks >= 2 else { continue }
                    scene.video = video.url
                    scene.videoIn = spec.videoStart
                    scene.ticks = ticks
                case .card:
                    break
                }
                var values = baseValues
                if let highlight = extra.highlight { values["highlight"] = highlight }
                scene.overlays = spec.overlays.compactMap { overlay(for: $0, product: product, values: values,
                                                                    price: price, fromPrice: fromPrice, availability: availability) }
                drafts.append(Draft(scene: scene, group: spec.repeatOver == nil ? nil : specIndex, stretchable: spec.show != .video))
            }
        }
        if !drafts.contains(where: \.stretchable) {
            // Nothing the storyboard asked for exists for this product (no pictures, no clip): a card still sells it.
            let card = ListingScene(id: "closing", kind: .card, startTicks: 0, ticks: 8, overlays: [
                ListingOverlay(kind: .title, position: .center, text: product.title),
                priceOverlay(price: price, fromPrice: fromPrice, position: .center),
                ListingOverlay(kind: .cta, position: .bottom, text: words[.shopNow], link: .page(SiteLinks.product(product.handle))),
            ])
            drafts.append(Draft(scene: card, group: nil, stretchable: true))
        }
        fit(&drafts)

        var start = 0
        var scenes: [ListingScene] = []
        for draft in drafts {
            var scene = draft.scene
            scene.startTicks = start
            start += scene.ticks
            scenes.append(scene)
        }
        return VideoListing(handle: product.handle, title: product.title, brand: product.brand, language: settings.language,
                            price: price, fromPrice: fromPrice, availability: availability, totalTicks: start, look: storyboard.look,
                            logo: logo, poster: images.first ?? product.videos.first?.thumbnail, scenes: scenes)
    }

    /// Makes the total land in the storyboard's range: too long, repeated scenes go first (from the
    /// last), then every scene shrinks; too short, pictures and cards are held longer.
    private func fit(_ drafts: inout [Draft]) {
        var total: Int { drafts.reduce(0) { $0 + $1.scene.ticks } }
        while total > storyboard.maxTicks, let last = drafts.lastIndex(where: { $0.group != nil }),
              drafts.filter({ $0.group == drafts[last].group }).count > 1 {
            drafts.remove(at: last)
        }
        if total > storyboard.maxTicks {
            let shortest = 2
            var excess = total - storyboard.maxTicks
            while excess > 0, let longest = drafts.indices.filter({ drafts[$0].scene.ticks > shortest }).max(by: { drafts[$0].scene.ticks < drafts[$1].scene.ticks }) {
                drafts[longest].scene.ticks -= 1
                excess -= 1
            }
            while total > storyboard.maxTicks, drafts.count > 1 { drafts.remove(at: drafts.count - 2) }
        }
        let missing = storyboard.minTicks - total
        let stretchable = drafts.indices.filter { drafts[$0].stretchable }
        guard missing > 0, !stretchable.isEmpty else { return }
        let weight = stretchable.reduce(0) { $0 + drafts[$1].scene.ticks }
        var given = 0
        for index in stretchable {
            let share = missing * drafts[index].scene.ticks / weight
            drafts[index].scene.ticks += share
            given += share
        }
        for offset in 0..<(missing - given) { drafts[stretchable[offset % stretchable.count]].scene.ticks += 1 }
    }

    private func textValues(_ product: Product, price: Price, fromPrice: Bool, availability: Availability) -> TemplateFields {
        var values: TemplateFields = [
            "title": product.title, "store": settings.name, "domain": SiteLinks.domain(of: settings.url),
            "price": priceOverlay(price: price, fromPrice: fromPrice, position: .center).text, "on_sale": price.isOnSale,
            "availability": words.label(availability), "in_stock": availability == .inStock, "highlights": product.highlights,
            "t": texts,
        ]
        if let brand = product.brand { values["brand"] = brand }
        if let summary = product.summary { values["summary"] = summary }
        return values
    }

    private func overlay(for spec: Storyboard.Overlay, product: Product, values: TemplateFields,
                         price: Price, fromPrice: Bool, availability: Availability) -> ListingOverlay? {
        switch spec.kind {
        case .price:
            return priceOverlay(price: price, fromPrice: fromPrice, position: spec.position)
        case .availability:
            return ListingOverlay(kind: .availability, position: spec.position, text: words.label(availability), availability: availability)
        case .logo:
            return logo.map { ListingOverlay(kind: .logo, position: spec.position, text: "", link: .media($0)) }
        case .title, .text, .highlight, .cta:
            // One line of plain text: line breaks and runs of spaces from the template collapse.
            let rendered = spec.render(values) ?? ""
            let text = rendered.collapsingWhitespace
            guard !text.isEmpty else { return nil }
            return ListingOverlay(kind: spec.kind, position: spec.position, text: text,
                                  link: spec.kind == .cta ? .page(SiteLinks.product(product.handle)) : nil)
        }
    }

    private func priceOverlay(price: Price, fromPrice: Bool, position: ListingOverlay.Position) -> ListingOverlay {
        var overlay = ListingOverlay(kind: .price, position: position, text: words.price(price.current, from: fromPrice),
                                     was: price.sale == nil ? nil : words.money(price.regular))
        overlay.wasCaption = overlay.was.map { words[.priceWas, ["price": $0]] }
        return overlay
    }

    /// `https://shop.example.com/store` → `shop.example.com`.
}
