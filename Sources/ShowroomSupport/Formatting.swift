
/// Display formats that must not depend on the machine's locale or clock (output is byte-identical everywhere).
package enum Formatting {
    /// 24 → "0:24", 3725 → "1:02:05".
    package static func duration(seconds: Int) -> String {
        let (hours, minutes, secs) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60)
        let paddedSeconds = secs < 10 ? "0\(secs)" : "\(secs)"
        if hours > 0 { return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(paddedSeconds)" }
        return "\(minutes):\(paddedSeconds)"
    }

    /// `4`, `4.5`: seconds as people write them (and as exact JSON numbers for tick multiples).
    package static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private static let networks: [String: String] = [
        "instagram": "Instagram", "youtube": "YouTube", "tiktok": "TikTok", "facebook": "Facebook", "pinterest": "Pinterest",
        "x": "X", "twitter": "X (Twitter)", "linkedin": "LinkedIn", "threads": "Threads", "mastodon": "Mastodon", "bluesky": "Bluesky",
    ]

    package static func networkLabel(_ network: String) -> String {
        networks[network.lowercased()] ?? (network.prefix(1).uppercased() + network.dropFirst())
    }
}
