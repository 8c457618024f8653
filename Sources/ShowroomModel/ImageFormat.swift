/// An encoding the build writes pictures in. Pages offer AVIF and WebP to browsers that take them and
/// a JPEG (PNG when the picture has transparency) to every other reader, feeds included.
public enum ImageFormat: String, Sendable, CaseIterable, Comparable {
    case avif, webp, jpeg, png

    public var mediaType: String { "image/\(rawValue)" }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    /// Whether a picture with transparency keeps it in this format.
    public var keepsTransparency: Bool { self != .jpeg }

    /// Order of preference: `<picture>` lists its sources in this order and the browser takes the first it supports.
    public static func < (lhs: Self, rhs: Self) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
}
