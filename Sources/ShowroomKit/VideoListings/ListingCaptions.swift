/// The listing's captions as WebVTT (`listing.vtt`): one cue per scene that shows words, timed to the scene.
enum ListingCaptions {
    static func webVTT(_ listing: VideoListing) -> String {
        var text = "WEBVTT\n"
        for scene in listing.scenes {
            let caption = scene.caption
            guard !caption.isEmpty else { continue }
            text += "\n\(scene.id)\n\(timestamp(scene.start)) --> \(timestamp(scene.end))\n\(escape(caption))\n"
        }
        return text
    }

    /// `00:00:04.500`.
    static func timestamp(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let (hours, minutes, secs, ms) = (millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millis % 1000)
        func pad(_ value: Int, _ width: Int) -> String { String(repeating: "0", count: max(0, width - String(value).count)) + String(value) }
        return "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(secs, 2)).\(pad(ms, 3))"
    }

    /// Cue text is markup: `&` and `<` would start entities and tags; `-->` must not appear; a blank line ends the cue.
    static func escape(_ text: String) -> String {
        // Most captions have none of these; Foundation's replacing costs more than the rest of the file.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == 0x0A }) else { return text }
        return text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .split(separator: "\n", omittingEmptySubsequences: true).joined(separator: "\n")
    }
}
