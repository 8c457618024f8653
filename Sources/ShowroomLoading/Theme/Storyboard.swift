import Foundation
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// How a theme turns a product into a short video listing: `Themes/<name>/storyboard.json`.
///
/// ```json
/// { "seconds": { "min": 15, "max": 30 },
///   "look": { "background": "#f7f3ec", "ink": "#211d18", "text": "#fffdf9", "accent": "#2f5b45", "sale": "#a23a1c", "font": "Georgia, serif" },
///   "scenes": [
///     { "id": "hero", "show": "image", "image": 1, "seconds": 4, "motion": "zoom-in",
///       "overlays": [{ "kind": "title", "text": "{{title}}", "position": "bottom" }] },
///     { "id": "highlight", "repeat": "highlights", "limit": 3, "show": "image", "image": "next", "seconds": 3,
///       "motion": ["pan-left", "pan-right"], "overlays": [{ "kind": "highlight", "text": "{{highlight}}" }] },
///     { "id": "clip", "show": "video", "video": 1, "seconds": 6 },
///     { "id": "closing", "show": "card", "seconds": 4, "overlays": [{ "kind": "price" }, { "kind": "cta", "text": "Shop now" }] } ] }
/// ```
///
/// The theme decides which scenes, in what order, for how long and with which words; the catalog decides
/// the facts. Price and availability overlays have no template: their text always comes from the catalog,
/// so a listing can never disagree with the product page or the feeds.
public struct Storyboard: Sendable {
    public static let fileName = "storyboard.json"
    /// What every listing must fit (Merchant Center's `video_link` takes 6–240 s).
    public static let secondsAllowed: ClosedRange<Double> = 6...240
    /// Scene lengths are whole multiples of this, so they add up exactly and fall on frame boundaries.
    public static let tick = 0.5

    public enum Show: String, Sendable, CaseIterable { case image, video, card }
    public enum Repeat: String, Sendable, CaseIterable { case highlights, images }

    /// Which product image a scene shows.
    public enum ImagePick: Sendable, Equatable {
        /// 1-based; wraps around when the product has fewer images.
        case index(Int)
        /// The image after the last one shown (wrapping), so a product with one image still fills every scene.
        case next
    }

    public struct Overlay: Sendable {
        public var kind: ListingOverlay.Kind
        /// nil for kinds whose text comes from the catalog (price, availability, logo).
        let template: TextTemplate?
        public var position: ListingOverlay.Position

        /// The overlay's text for these values (nil: the overlay has no template).
        package func render(_ values: TemplateFields) -> String? { template?.render(values) }
    }

    public struct Scene: Sendable {
        public var id: String
        public var show: Show
        public var image: ImagePick
        /// 1-based index of the product video a `video` scene plays.
        public var video: Int
        /// Where in the product video the clip starts.
        public var videoStart: Double
        /// Length in ticks (for a video scene: the longest it may run).
        public var ticks: Int
        /// Motion presets, used in turn by the scenes a repeat makes.
        public var motions: [ListingMotion.Preset]
        public var repeatOver: Repeat?
        public var limit: Int
        public var overlays: [Overlay]
        public var location: SourceLocation
    }

    public var minTicks: Int
    public var maxTicks: Int
    public var look: ListingLook
    public var scenes: [Scene]

    static let sceneKeys = ["id", "show", "image", "video", "start", "seconds", "motion", "repeat", "limit", "overlays"]

    /// Reads the theme's storyboard; nil when the theme has none (then the store has no video listings).
    static func load(themeRoot: URL, display: String, sink: DiagnosticSink) -> Storyboard? {
        guard let reader = JSONObjectReader.themeFile(fileName, in: themeRoot, display: display, sink: sink) else { return nil }
        let file = reader.file
        reader.checkKeys(allowed: ["seconds", "look", "scenes"])
        let errorsBefore = sink.errorCount

        var (minTicks, maxTicks) = (30, 60)
        if let node = reader["seconds"], let seconds = JSONObjectReader(node, file: file, subject: "\"seconds\" of \(fileName)", sink: sink) {
            seconds.checkKeys(allowed: ["min", "max"])
            minTicks = readTicks(seconds, "min", in: secondsAllowed) ?? minTicks
            maxTicks = readTicks(seconds, "max", in: secondsAllowed) ?? maxTicks
            if minTicks > maxTicks {
                sink.error("\"min\" of \"seconds\" is longer than \"max\"", at: seconds.location, hint: "e.g. \"seconds\": { \"min\": 15, \"max\": 30 }")
            }
        }
        let look = readLook(reader, file: file, sink: sink)

        var scenes: [Scene] = []
        let sceneNodes = reader.array("scenes")
        if sceneNodes.isEmpty {
            sink.error("\(fileName) has no scenes", at: reader.keyLocation("scenes"), hint: "add \"scenes\": [ … ] (see the default theme's storyboard.json)")
        }
        var ids: Set<String> = []
        for (offset, node) in sceneNodes.enumerated() {
            guard let scene = readScene(node, number: offset + 1, file: file, sink: sink) else { continue }
            if !ids.insert(scene.id).inserted {
                sink.error("two scenes have the id \"\(scene.id)\"", at: scene.location, hint: "give each scene its own \"id\"")
            }
            scenes.append(scene)
        }
        guard sink.errorCount == errorsBefore else { return nil }
        return Storyboard(minTicks: minTicks, maxTicks: maxTicks, look: look, scenes: scenes)
    }

    private static func readLook(_ reader: JSONObjectReader, file: String, sink: DiagnosticSink) -> ListingLook {
        var look = ListingLook.fallback
        guard let node = reader["look"], let section = JSONObjectReader(node, file: file, subject: "\"look\" of \(fileName)", sink: sink) else { return look }
        section.checkKeys(allowed: ["background", "ink", "text", "accent", "sale", "font", "logo"])
        func color(_ key: String) -> String? {
            guard let text = section.string(key) else { return nil }
            guard text.count == 7, text.hasPrefix("#"), text.dropFirst().allSatisfy(\.isHexDigit) else {
                sink.error("\"\(key)\" of \"look\" must be a color written #rrggbb, found \"\(text)\"", at: section.location(of: section[key]!),
                           hint: "e.g. \"\(key)\": \"#2f5b45\"")
                return nil
            }
            return text.lowercased()
        }
        look.background = color("background") ?? look.background
        look.ink = color("ink") ?? look.ink
        look.text = color("text") ?? look.text
        look.accent = color("accent") ?? look.accent
        look.sale = color("sale") ?? look.sale
        look.font = section.string("font") ?? look.font
        look.logoAsset = section.string("logo")
        return look
    }

    private static func readScene(_ node: JSONNode, number: Int, file: String, sink: DiagnosticSink) -> Scene? {
        guard let reader = JSONObjectReader(node, file: file, subject: "scene \(number) of \(fileName)", sink: sink) else { return nil }
        reader.checkKeys(allowed: sceneKeys)
        let id = reader.string("id", required: true, hint: "name the scene, e.g. \"id\": \"hero\"") ?? "scene-\(number)"
        if !id.isEmpty, !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            sink.error("scene id \"\(id)\" may only hold letters, digits and -", at: reader.keyLocation("id"))
        }
        let show = reader.enumeration("show", as: Show.self) ?? .image
        if reader["show"] == nil { reader.reportMissing("show", hint: "one of: image, video, card") }

        var image = ImagePick.index(1)
        if let node = reader["image"] {
            switch node.value {
            case .string("next"): image = .next
            case .number(let text) where Int(text).map { $0 >= 1 } == true: image = .index(Int(text)!)
            default: sink.error("\"image\" of scene \"\(id)\" must be a picture number from 1, or \"next\"", at: reader.location(of: node))
            }
        }
        let video = reader.integer("video", in: 1...100) ?? 1
        let start = (reader["start"]).flatMap { Self.number($0, reader: reader, key: "start") } ?? 0
        let sceneTicks = readTicks(reader, "seconds", in: 1...120, required: true) ?? 2

        var motions: [ListingMotion.Preset] = []
        if let node = reader["motion"] {
            let elements: [JSONNode]
            if case .array(let items) = node.value { elements = items } else { elements = [node] }
            for element in elements {
                guard case .string(let name) = element.value, let preset = ListingMotion.Preset(rawValue: name) else {
                    sink.error("\"motion\" of scene \"\(id)\" must be a motion name or a list of them", at: reader.location(of: element),
                               hint: "motions: \(ListingMotion.Preset.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                motions.append(preset)
            }
        }
        let repeatOver = reader.enumeration("repeat", as: Repeat.self)
        let limit = reader.integer("limit", in: 1...20) ?? 3

        var overlays: [Overlay] = []
        for overlayNode in reader.array("overlays") {
            guard let overlay = JSONObjectReader(overlayNode, file: file, subject: "an overlay of scene \"\(id)\"", sink: sink) else { continue }
            overlay.checkKeys(allowed: ["kind", "text", "position"])
            guard let kind = overlay.enumeration("kind", as: ListingOverlay.Kind.self) else {
                if overlay["kind"] == nil { overlay.reportMissing("kind", hint: "one of: \(ListingOverlay.Kind.allCases.map(\.rawValue).joined(separator: ", "))") }
                continue
            }
            let position = overlay.enumeration("position", as: ListingOverlay.Position.self) ?? kind.defaultPosition
            var template: TextTemplate?
            let text = overlay.string("text")
            if kind.textFromCatalog {
                if text != nil {
                    sink.error("a \(kind.rawValue) overlay takes its text from the catalog and cannot have \"text\"", at: overlay.keyLocation("text"),
                               hint: "remove \"text\" (so the listing always shows what the product page shows)")
                }
            } else if let text {
                do throws(MustacheSyntaxError) {
                    template = try TextTemplate(text)
                } catch {
                    sink.error("\"text\" of an overlay of scene \"\(id)\" is not a valid Mustache template: \(error.reason)",
                               at: TextTemplate.location(of: error, inStringAt: overlay.location(of: overlay["text"]!), source: text),
                               hint: "check that every {{#section}} is closed with {{/section}} and every tag with }}")
                }
            } else {
                overlay.reportMissing("text", hint: "e.g. \"text\": \"{{title}}\"")
            }
            overlays.append(Overlay(kind: kind, template: template, position: position))
        }
        if show == .card, overlays.isEmpty {
            sink.error("card scene \"\(id)\" has no overlays, so it would show an empty color", at: reader.location, hint: "add overlays such as title, price and cta")
        }
        return Scene(id: id, show: show, image: image, video: video, videoStart: start, ticks: sceneTicks, motions: motions,
                     repeatOver: repeatOver, limit: limit, overlays: overlays, location: reader.location)
    }

    /// A length in seconds, as ticks; it must be a multiple of the tick.
    private static func readTicks(_ reader: JSONObjectReader, _ key: String, in range: ClosedRange<Double>, required: Bool = false) -> Int? {
        guard let node = reader[key] else {
            if required { reader.reportMissing(key, hint: "a length in seconds, e.g. \"\(key)\": 4") }
            return nil
        }
        guard let seconds = number(node, reader: reader, key: key) else { return nil }
        let ticks = seconds / tick
        guard range.contains(seconds), ticks == ticks.rounded() else {
            reader.sink.error("\"\(key)\" of \(reader.subject) must be from \(Formatting.seconds(range.lowerBound)) to \(Formatting.seconds(range.upperBound)) seconds, in steps of \(Formatting.seconds(tick))",
                              at: reader.location(of: node))
            return nil
        }
        return Int(ticks)
    }

    private static func number(_ node: JSONNode, reader: JSONObjectReader, key: String) -> Double? {
        guard case .number(let text) = node.value, let value = Double(text), value >= 0 else {
            reader.sink.error("\"\(key)\" of \(reader.subject) must be a number of seconds, found \(node.typeName)", at: reader.location(of: node))
            return nil
        }
        return value
    }
}
