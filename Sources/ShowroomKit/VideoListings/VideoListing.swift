import Foundation

/// Colors, font and logo of a listing: the brand's look, from the theme's storyboard.
public struct ListingLook: Sendable, Equatable {
    /// The closing card's color, and `ink` the words on it.
    public var background: String
    public var ink: String
    /// Words over pictures and clips (light: they sit on a dark scrim).
    public var text: String
    public var accent: String
    public var sale: String
    /// A CSS font stack; the video renderer uses its first family installed on the machine.
    public var font: String
    /// A file under the theme's `assets/`, used instead of the site's logo.
    public var logoAsset: String?

    static let fallback = ListingLook(background: "#f7f3ec", ink: "#211d18", text: "#ffffff", accent: "#2f5b45", sale: "#a23a1c",
                                      font: "system-ui, \"DejaVu Sans\", sans-serif", logoAsset: nil)
}

/// A pan or zoom across a picture: where the view starts and ends. `zoom` 1 shows the whole frame (the
/// picture scaled to cover it); `x`/`y` are the view's centre as fractions of the frame.
public struct ListingMotion: Sendable, Equatable {
    public struct Viewport: Sendable, Equatable {
        public var zoom: Double
        public var x: Double
        public var y: Double
    }

    public var from: Viewport
    public var to: Viewport

    public enum Preset: String, Sendable, CaseIterable {
        case still, zoomIn = "zoom-in", zoomOut = "zoom-out", panLeft = "pan-left", panRight = "pan-right", panUp = "pan-up", panDown = "pan-down"

        /// Pans run zoomed in a little so there is picture to move across.
        public var motion: ListingMotion {
            let centre = Viewport(zoom: 1, x: 0.5, y: 0.5)
            let close = Viewport(zoom: 1.15, x: 0.5, y: 0.5)
            func panned(_ dx: Double, _ dy: Double) -> ListingMotion {
                ListingMotion(from: Viewport(zoom: 1.15, x: 0.5 - dx, y: 0.5 - dy), to: Viewport(zoom: 1.15, x: 0.5 + dx, y: 0.5 + dy))
            }
            switch self {
            case .still: return ListingMotion(from: centre, to: centre)
            case .zoomIn: return ListingMotion(from: centre, to: close)
            case .zoomOut: return ListingMotion(from: close, to: centre)
            case .panLeft: return panned(0.06, 0)
            case .panRight: return panned(-0.06, 0)
            case .panUp: return panned(0, 0.06)
            case .panDown: return panned(0, -0.06)
            }
        }
    }
}

/// Text (or the logo) shown over a scene.
public struct ListingOverlay: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case title, text, highlight, price, availability, cta, logo

        /// Price, availability and logo come from the catalog and site; a template cannot change them.
        var textFromCatalog: Bool { self == .price || self == .availability || self == .logo }

        var defaultPosition: Position {
            switch self {
            case .logo: .top
            case .title, .price: .center
            default: .bottom
            }
        }
    }

    public enum Position: String, Sendable, CaseIterable { case top, center, bottom }

    public var kind: Kind
    public var position: Position
    /// What the overlay says (empty for the logo).
    public var text: String
    /// The regular price a sale price replaces (price overlays of a product on sale).
    public var was: String?
    /// `in_stock`… (availability overlays).
    public var availability: Availability?
    /// The product page (call to action, a site path) or the logo file.
    public var link: Link?
    /// `was` as the captions say it in the store's language ("(was $24.00)").
    public var wasCaption: String? = nil

    public enum Link: Sendable, Equatable {
        case page(String)
        case media(MediaReference)
    }

    /// How the overlay reads in the captions.
    var captionText: String {
        switch kind {
        case .logo: ""
        case .price: wasCaption.map { "\(text) \($0)" } ?? text
        default: text
        }
    }
}

public struct ListingScene: Sendable, Equatable {
    public var id: String
    public var kind: Storyboard.Show
    public var startTicks: Int
    public var ticks: Int
    public var image: MediaReference?
    public var motion: ListingMotion?
    public var video: MediaReference?
    /// Seconds into the product video where the clip starts.
    public var videoIn: Double = 0
    public var overlays: [ListingOverlay]

    public var start: Double { Double(startTicks) * Storyboard.tick }
    public var duration: Double { Double(ticks) * Storyboard.tick }
    public var end: Double { start + duration }

    /// The scene's words, one overlay a line, for the captions track.
    public var caption: String {
        overlays.map(\.captionText).filter { !$0.isEmpty }.joined(separator: "\n")
    }
}

/// The output sizes a listing is made for; the video renderer makes the vertical one.
public enum ListingFormat: String, Sendable, CaseIterable {
    case vertical, square, landscape

    public var aspectRatio: String {
        switch self {
        case .vertical: "9:16"
        case .square: "1:1"
        case .landscape: "16:9"
        }
    }

    public var size: (width: Int, height: Int) {
        switch self {
        case .vertical: (1080, 1920)
        case .square: (1080, 1080)
        case .landscape: (1920, 1080)
        }
    }

    /// `listing-9x16.mp4`.
    public var videoFileName: String { "listing-\(aspectRatio.replacingOccurrences(of: ":", with: "x")).mp4" }
}

/// One product's video listing, as the manifest (`listing.json`) describes it.
public struct VideoListing: Sendable, Equatable {
    public static let version = 1
    public static let frameRate = 30
    /// Where the JSON Schema of the manifest is published in every site.
    public static let schemaSitePath = "/schemas/video-listing-\(version).schema.json"

    public var handle: String
    public var title: String
    public var brand: String?
    public var language: String
    public var price: Price
    public var fromPrice: Bool
    public var availability: Availability
    public var totalTicks: Int
    public var look: ListingLook
    public var logo: MediaReference?
    public var poster: MediaReference?
    public var scenes: [ListingScene]
    /// Formats rendered to video files for this build (empty unless the build renders videos).
    public var renditions: [ListingFormat] = []

    public var duration: Double { Double(totalTicks) * Storyboard.tick }

    public static func manifestPath(_ handle: String) -> String { "/products/\(handle)/listing.json" }
    public static func captionsPath(_ handle: String) -> String { "/products/\(handle)/listing.vtt" }
    public static func playerPath(_ handle: String) -> String { "/products/\(handle)/video/" }
    public static func videoPath(_ handle: String, _ format: ListingFormat) -> String { "/products/\(handle)/\(format.videoFileName)" }

    /// The manifest. `absolute` picks full URLs (the published `listing.json`, for other tools) or paths
    /// under the site's base path (the copy the player page embeds, so a preview plays local files).
    public func manifest(links: SiteLinks, absolute: Bool) -> JSONValue {
        func url(_ sitePath: String) -> JSONValue { .string(absolute ? links.absolute(sitePath) : links.href(sitePath)) }
        func url(_ media: MediaReference) -> JSONValue { .string(absolute ? links.absolute(media) : links.href(media)) }
        func money(_ value: Money) -> JSONValue { .string(value.decimalString) }
        func seconds(_ value: Double) -> JSONValue { .number(Formatting.seconds(value)) }
        func viewport(_ view: ListingMotion.Viewport) -> JSONValue {
            .object([("zoom", seconds(view.zoom)), ("x", seconds(view.x)), ("y", seconds(view.y))])
        }

        let offer = JSONValue.members([
            "price": money(price.current), "regular_price": price.sale == nil ? nil : money(price.regular),
            "currency": .string(price.current.currency), "from": .bool(fromPrice), "availability": .string(availability.rawValue),
        ])
        let scenes = scenes.map { scene -> JSONValue in
            var members: [(String, JSONValue)] = [("id", .string(scene.id)), ("kind", .string(scene.kind.rawValue)),
                                                  ("start", seconds(scene.start)), ("duration", seconds(scene.duration))]
            if let image = scene.image { members.append(("image", url(image))) }
            if let motion = scene.motion { members.append(("motion", .object([("from", viewport(motion.from)), ("to", viewport(motion.to))]))) }
            if let video = scene.video {
                members.append(("video", .object([("url", url(video)), ("in", seconds(scene.videoIn)), ("out", seconds(scene.videoIn + scene.duration))])))
            }
            members.append(("overlays", .array(scene.overlays.map { overlay in
                .members(["kind": .string(overlay.kind.rawValue), "position": .string(overlay.position.rawValue), "text": .string(overlay.text),
                          "was": .optional(overlay.was), "availability": overlay.availability.map { .string($0.rawValue) },
                          "url": overlay.link.map { link in
                              switch link {
                              case .page(let sitePath): url(sitePath)
                              case .media(let media): url(media)
                              }
                          }])
            })))
            members.append(("caption", .string(scene.caption)))
            return .object(members)
        }
        return .members([
            "$schema": .string(links.absolute(Self.schemaSitePath)),
            "version": .number(String(Self.version)),
            "language": .string(language),
            "product": .members(["handle": .string(handle), "title": .string(title), "brand": .optional(brand),
                                 "url": url(SiteLinks.product(handle))]),
            "offer": offer,
            "duration": seconds(duration),
            "frame_rate": .number(String(Self.frameRate)),
            "formats": .array(ListingFormat.allCases.map { format in
                .object([("name", .string(format.rawValue)), ("aspect_ratio", .string(format.aspectRatio)),
                         ("width", .number(String(format.size.width))), ("height", .number(String(format.size.height)))])
            }),
            "look": .members(["background": .string(look.background), "ink": .string(look.ink), "text": .string(look.text), "accent": .string(look.accent),
                              "sale": .string(look.sale), "font": .string(look.font), "logo": logo.map { url($0) }]),
            "poster": poster.map { url($0) },
            "captions": .object([("url", url(Self.captionsPath(handle))), ("language", .string(language))]),
            "player": url(Self.playerPath(handle)),
            "renditions": .array(renditions.map { format in
                .object([("format", .string(format.rawValue)), ("url", url(Self.videoPath(handle, format))), ("type", .string("video/mp4"))])
            }),
            "scenes": .array(scenes),
        ])
    }
}
