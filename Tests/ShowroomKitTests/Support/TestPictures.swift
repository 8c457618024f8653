import Foundation
@testable import ShowroomBuild

/// Real pictures for fixture stores, made with libvips. A fixture file whose text is a picture spec
/// (`picture:mug`, `picture:tiny;width=64;height=64`, `picture:print;cmyk`) is written as the picture it
/// describes, so every store the tests build has media the images step can read.
///
/// Spec options: `width`, `height` (default 800 × 800), `format` (jpeg, png; default jpeg), `alpha`
/// (a transparent half; PNG), `cmyk`, `noise` (random pixels from a fixed seed: a large file),
/// `quality`, `orientation` (an EXIF orientation; the pixels are stored rotated so the picture is
/// upright only when it is applied: red on top, blue at the bottom).
enum TestPictures {
    static let prefix = "picture:"

    static func isSpec(_ text: String) -> Bool { text.hasPrefix(prefix) }

    static func make(_ spec: String) throws -> Data {
        var options: [String: String] = [:]
        let parts = spec.dropFirst(prefix.count).split(separator: ";").map(String.init)
        let name = parts.first ?? "picture"
        for part in parts.dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            options[pair[0]] = pair.count > 1 ? pair[1] : ""
        }
        let width = Int(options["width"] ?? "") ?? 800
        let height = Int(options["height"] ?? "") ?? 800
        let format = options["format"] ?? (options["alpha"] != nil ? "png" : "jpeg")
        let quality = Int(options["quality"] ?? "") ?? 85
        let orientation = Int(options["orientation"] ?? "") ?? 1
        let cmyk = options["cmyk"] != nil

        // The upright picture: a colour from the name, red across the top fifth and blue across the bottom fifth.
        var seed = name.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }
        let base: [UInt8] = [UInt8(truncatingIfNeeded: seed >> 8) | 0x40, UInt8(truncatingIfNeeded: seed >> 16) | 0x40, UInt8(truncatingIfNeeded: seed >> 24) | 0x40]
        func upright(_ x: Int, _ y: Int) -> [UInt8] {
            if options["noise"] != nil {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return [UInt8(truncatingIfNeeded: seed >> 33), UInt8(truncatingIfNeeded: seed >> 41), UInt8(truncatingIfNeeded: seed >> 49)]
            }
            if y < height / 5 { return [220, 20, 20] }
            if y >= height - height / 5 { return [20, 20, 220] }
            return base
        }
        // Stored so that applying the orientation gives the upright picture (6: shown after turning it 90° clockwise).
        let swaps = (5...8).contains(orientation)
        let (storedWidth, storedHeight) = swaps ? (height, width) : (width, height)
        let alpha = options["alpha"] != nil
        let bands = cmyk ? 4 : (alpha ? 4 : 3)
        var pixels = [UInt8](repeating: 0, count: storedWidth * storedHeight * bands)
        for sy in 0..<storedHeight {
            for sx in 0..<storedWidth {
                let (x, y): (Int, Int)
                switch orientation {
                case 6: (x, y) = (storedHeight - 1 - sy, sx)
                case 8: (x, y) = (sy, storedWidth - 1 - sx)
                case 3: (x, y) = (storedWidth - 1 - sx, storedHeight - 1 - sy)
                default: (x, y) = (sx, sy)
                }
                let rgb = upright(x, y)
                let offset = (sy * storedWidth + sx) * bands
                if cmyk {
                    pixels[offset] = 255 - rgb[0]; pixels[offset + 1] = 255 - rgb[1]; pixels[offset + 2] = 255 - rgb[2]; pixels[offset + 3] = 0
                } else {
                    pixels[offset] = rgb[0]; pixels[offset + 1] = rgb[1]; pixels[offset + 2] = rgb[2]
                    if alpha { pixels[offset + 3] = x < width / 2 ? 0 : 255 }
                }
            }
        }
        let picture = try Vips.picture(pixels: pixels, width: storedWidth, height: storedHeight, bands: bands, cmyk: cmyk)
        if orientation != 1 { Vips.setOrientation(orientation, of: picture) }
        // Orientation lives in EXIF, which `strip` would drop: fixtures keep their metadata.
        let suffix = format == "png" ? ".png" : ".jpg[Q=\(quality)]"
        return Data(try picture.encoded(suffix))
    }
}
