import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

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

/// One product's video listing, as the manifest (`listing.json`) describes it.
public struct VideoListing: Sendable, Equatable {
    public static let version = 1
    public static let frameRate = 30
    public static let schemaSitePath = SiteLinks.listingSchema(version: version)

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


    /// The manifest. `absolute` picks full URLs (the published `listing.json`, for other tools) or paths
    /// under the site's base path (the copy the player page embeds, so a preview plays local files).
    /// `images`: the images step's renditions, so a player on a phone loads a picture sized for the screen.
    public func manifest(links: SiteLinks, absolute: Bool, images: RenderedImages = RenderedImages()) -> JSONValue {
        func url(_ sitePath: String) -> JSONValue { .string(absolute ? links.absolute(sitePath) : links.href(sitePath)) }
        func url(_ media: MediaReference) -> JSONValue {
            let shown = images.single(media, atLeast: 1080)
            return .string(absolute ? links.absolute(shown) : links.href(shown))
        }
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
            "captions": .object([("url", url(SiteLinks.listingCaptions(handle))), ("language", .string(language))]),
            "player": url(SiteLinks.listingPlayer(handle)),
            "renditions": .array(renditions.map { format in
                .object([("format", .string(format.rawValue)), ("url", url(SiteLinks.listingVideo(handle, format))), ("type", .string("video/mp4"))])
            }),
            "scenes": .array(scenes),
        ])
    }
}
