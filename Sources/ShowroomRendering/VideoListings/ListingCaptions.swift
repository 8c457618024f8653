import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// The listing's captions as WebVTT (`listing.vtt`): one cue per scene that shows words, timed to the scene.
///
/// Written as bytes, because every product has a captions file: padded numbers and line breaks are
/// written directly rather than through String formatting and replacing.
enum ListingCaptions {
    static func webVTT(_ listing: VideoListing) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(512)
        output += "WEBVTT\n".utf8
        for scene in listing.scenes {
            let caption = scene.caption
            guard !caption.isEmpty else { continue }
            output.append(0x0A)
            output += scene.id.utf8
            output.append(0x0A)
            appendTimestamp(scene.start, to: &output)
            output += " --> ".utf8
            appendTimestamp(scene.end, to: &output)
            output.append(0x0A)
            appendCueText(caption, to: &output)
            output.append(0x0A)
        }
        return output
    }

    /// `00:00:04.500`.
    static func timestamp(_ seconds: Double) -> String {
        var bytes: [UInt8] = []
        appendTimestamp(seconds, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendTimestamp(_ seconds: Double, to output: inout [UInt8]) {
        let millis = Int((seconds * 1000).rounded())
        appendPadded(millis / 3_600_000, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendPadded(millis / 60_000 % 60, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendPadded(millis / 1000 % 60, width: 2, to: &output)
        output.append(UInt8(ascii: "."))
        appendPadded(millis % 1000, width: 3, to: &output)
    }

    /// Decimal digits of a non-negative number, zero-padded to `width` (wider numbers keep all their digits).
    private static func appendPadded(_ value: Int, width: Int, to output: inout [UInt8]) {
        var divisor = 1, count = 1
        while value / divisor >= 10 { divisor *= 10; count += 1 }
        for _ in count..<max(width, count) { output.append(UInt8(ascii: "0")) }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Cue text is markup: `&` and `<` would start entities and tags; `-->` must not appear (`>` is
    /// escaped); a blank line ends the cue, so empty lines are dropped.
    private static func appendCueText(_ caption: String, to output: inout [UInt8]) {
        let start = output.count
        var pendingBreak = false
        var previous: UInt8 = 0
        for byte in caption.utf8 {
            defer { previous = byte }
            // "\r\n" is one Character, not a line break, for the String split this replaces.
            if byte == 0x0A, previous != 0x0D {
                pendingBreak = output.count > start
                continue
            }
            if pendingBreak {
                output.append(0x0A)
                pendingBreak = false
            }
            switch byte {
            case UInt8(ascii: "&"): output += "&amp;".utf8
            case UInt8(ascii: "<"): output += "&lt;".utf8
            case UInt8(ascii: ">"): output += "&gt;".utf8
            default: output.append(byte)
            }
        }
    }
}
