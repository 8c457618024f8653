import Foundation
import ShowroomModel
import ShowroomSupport

/// How the build resizes and encodes the store's pictures: `Themes/<name>/images.json`. Every key is
/// optional; the defaults are what the default theme's layout needs.
///
/// ```json
/// { "widths": [360, 720, 1080, 1440, 2160], "formats": ["avif"],
///   "quality": { "avif": 50, "webp": 75, "jpeg": 80 } }
/// ```
///
/// `widths` are the renditions offered in each `srcset` (never wider than the original, whose own width
/// is added when it is narrower than the largest); `formats` are the modern encodings offered before
/// the fallback, which is always JPEG, or PNG for a picture with transparency, since feeds, e-mail and
/// old browsers read only those.
public struct ImageSettings: Sendable, Equatable {
    public var widths: [Int]
    public var formats: [ImageFormat]
    public var quality: [ImageFormat: Int]

    /// Widths that cover a 360-px phone at 1×, 2× and 3× and a wide layout's largest slot at 2×; past
    /// 2,160 px the bytes grow faster than anything a screen shows.
    public static let defaultWidths = [360, 720, 1080, 1440, 2160]
    /// Qualities at which each format looks alike to the eye at its typical size (AVIF's scale runs lower).
    public static let defaultQuality: [ImageFormat: Int] = [.avif: 50, .webp: 75, .jpeg: 80]

    /// AVIF alone before the fallback: every current browser reads it, and the few that do not (Safari
    /// before 16) get JPEG. A WebP between the two would add a third of the renditions, their encoding
    /// time and a `<source>` to every picture of every page for those few.
    public static let defaultFormats: [ImageFormat] = [.avif]

    public init(widths: [Int] = Self.defaultWidths, formats: [ImageFormat] = Self.defaultFormats, quality: [ImageFormat: Int] = Self.defaultQuality) {
        self.widths = widths
        self.formats = formats
        self.quality = quality
    }

    static let fileName = "images.json"
    static let widthRange = 16...8192

    /// Reads `images.json` of a theme (absent: the defaults), reporting every problem with its position.
    static func load(themeRoot: URL, display: String, sink: DiagnosticSink) -> ImageSettings {
        var settings = ImageSettings()
        guard let reader = JSONObjectReader.themeFile(fileName, in: themeRoot, display: display, sink: sink) else { return settings }
        reader.checkKeys(allowed: ["widths", "formats", "quality"])
        if let node = reader["widths"] {
            var widths: [Int] = []
            if case .array(let elements) = node.value, !elements.isEmpty {
                for element in elements {
                    guard case .number(let text) = element.value, let width = Int(text), widthRange.contains(width) else {
                        sink.error("each of \"widths\" in \(fileName) must be a whole number of pixels from \(widthRange.lowerBound) to \(widthRange.upperBound)",
                                   at: reader.location(of: element), hint: "e.g. \"widths\": \(defaultWidths)")
                        continue
                    }
                    widths.append(width)
                }
            } else {
                sink.error("\"widths\" of \(fileName) must be a list of at least one width in pixels", at: reader.location(of: node),
                           hint: "e.g. \"widths\": \(defaultWidths)")
            }
            if !widths.isEmpty { settings.widths = Array(Set(widths)).sorted() }
        }
        if reader["formats"] != nil {
            var formats: [ImageFormat] = []
            for element in reader.stringElements("formats") {
                guard let format = ImageFormat(rawValue: element.text), format == .avif || format == .webp else {
                    sink.error("\"\(element.text)\" in \"formats\" of \(fileName) is not a format the build offers besides the fallback",
                               at: element.location, hint: "use \"avif\" and/or \"webp\" (JPEG, or PNG for transparent pictures, is always written)")
                    continue
                }
                if !formats.contains(format) { formats.append(format) }
            }
            settings.formats = formats.sorted()
        }
        if let qualities = reader.object("quality", subject: "\"quality\" of \(fileName)") {
            qualities.checkKeys(allowed: ["avif", "webp", "jpeg"])
            for format in [ImageFormat.avif, .webp, .jpeg] {
                if let quality = qualities.integer(format.rawValue, in: 1...100) { settings.quality[format] = quality }
            }
        }
        return settings
    }
}
