import CVips
import Foundation

/// The few libvips calls the images step makes, with libvips' error text turned into Swift errors.
package enum Vips {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    private static let started: Result<Void, Failure> = {
        guard showroom_vips_start() == 0 else { return .failure(Failure(description: "libvips could not start: \(takeError())")) }
        return .success(())
    }()

    /// Starts libvips (once per process).
    package static func start() throws(Failure) { try started.get() }

    /// The library's version, part of every cache key: another libvips may encode other bytes.
    package static var version: String { String(cString: vips_version_string()) }

    /// A picture's header, read without decoding its pixels.
    package struct Header: Sendable {
        /// The loader libvips picked (`jpegload`, `pngload`, `svgload`…), naming the file's real format.
        package var loader: String
        /// Stored size; `uprightWidth`/`uprightHeight` apply the orientation.
        package var width: Int
        package var height: Int
        package var orientation: Int
        package var bands: Int
        package var hasAlpha: Bool
        package var isCMYK: Bool

        package var uprightWidth: Int { (5...8).contains(orientation) ? height : width }
        package var uprightHeight: Int { (5...8).contains(orientation) ? width : height }
    }

    package static func header(of path: String) throws(Failure) -> Header {
        try start()
        guard let loaderName = vips_foreign_find_load(path) else {
            _ = takeError()
            throw Failure(description: "its bytes are not in any picture format libvips reads")
        }
        let loader = String(cString: loaderName).replacingOccurrences(of: "VipsForeignLoad", with: "").lowercased()
        guard let image = showroom_vips_open(path, 1) else { throw Failure(description: takeError(about: path)) }
        defer { showroom_vips_release(image) }
        return Header(loader: loader, width: Int(vips_image_get_width(image)), height: Int(vips_image_get_height(image)),
                      orientation: Int(vips_image_get_orientation(image)), bands: Int(vips_image_get_bands(image)),
                      hasAlpha: vips_image_hasalpha(image) != 0,
                      isCMYK: vips_image_get_interpretation(image) == VIPS_INTERPRETATION_CMYK)
    }

    /// A decoded, resized picture in memory.
    package final class Picture {
        let image: UnsafeMutablePointer<VipsImage>

        init(_ image: UnsafeMutablePointer<VipsImage>) { self.image = image }
        deinit { showroom_vips_release(image) }

        package var width: Int { Int(vips_image_get_width(image)) }
        package var height: Int { Int(vips_image_get_height(image)) }
        package var hasAlpha: Bool { vips_image_hasalpha(image) != 0 }

        /// Encodes in the format an option string names (`.webp[Q=75,strip]`).
        package func encoded(_ suffix: String) throws(Failure) -> [UInt8] {
            var bytes: UnsafeMutableRawPointer?
            var length = 0
            guard showroom_vips_encode(image, suffix, &bytes, &length) == 0, let bytes else { throw Failure(description: takeError()) }
            defer { showroom_vips_free(bytes) }
            return Array(UnsafeRawBufferPointer(start: bytes, count: length))
        }

        /// The pixel at (x, y), one value per band (tests read pictures back with it).
        package func pixel(x: Int, y: Int) -> [Double] {
            var values = [Double](repeating: 0, count: 4)
            let count = values.withUnsafeMutableBufferPointer { showroom_vips_pixel(image, Int32(x), Int32(y), $0.baseAddress) }
            return count < 0 ? [] : Array(values.prefix(Int(count)))
        }

        package func save(to path: String) throws(Failure) {
            guard showroom_vips_save(image, path) == 0 else { throw Failure(description: takeError()) }
        }
    }

    /// Decodes `path` upright, in sRGB, fitted inside `width` × `height` without enlarging; with `crop`,
    /// filling the box and cutting the centre.
    package static func thumbnail(_ path: String, width: Int, height: Int = 10_000_000, crop: Bool = false) throws(Failure) -> Picture {
        try start()
        guard let image = showroom_vips_thumbnail(path, Int32(width), Int32(height), crop ? 1 : 0) else { throw Failure(description: takeError(about: path)) }
        return Picture(image)
    }

    /// Opens a whole picture as it is stored (no rotation, no colour conversion), for reading back.
    package static func open(_ path: String) throws(Failure) -> Picture {
        try start()
        guard let image = showroom_vips_open(path, 0) else { throw Failure(description: takeError()) }
        return Picture(image)
    }

    /// A picture from 8-bit pixels, row by row, `bands` values each (tests make their fixtures with it).
    package static func picture(pixels: [UInt8], width: Int, height: Int, bands: Int, cmyk: Bool = false) throws(Failure) -> Picture {
        try start()
        let made = pixels.withUnsafeBytes { vips_image_new_from_memory_copy($0.baseAddress, $0.count, Int32(width), Int32(height), Int32(bands), VIPS_FORMAT_UCHAR) }
        guard let made else { throw Failure(description: takeError()) }
        guard cmyk else { return Picture(made) }
        defer { showroom_vips_release(made) }
        guard let labelled = showroom_vips_interpreted(made, VIPS_INTERPRETATION_CMYK) else { throw Failure(description: takeError()) }
        return Picture(labelled)
    }

    package static func setOrientation(_ orientation: Int, of picture: Picture) {
        vips_image_set_int(picture.image, "orientation", Int32(orientation))
    }

    /// libvips' pending messages, cleared, on one line. The buffer is shared by every thread: lines that
    /// name another file came from a picture being read at the same time, and are left out.
    private static func takeError(about path: String? = nil) -> String {
        guard let message = showroom_vips_take_error() else { return "" }
        defer { showroom_vips_free(message) }
        return String(cString: message).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && (path == nil || !$0.hasPrefix("/") || $0.hasPrefix(path!)) }.joined(separator: "; ")
    }
}
