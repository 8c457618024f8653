
/// Display formats that must not depend on the machine's locale or clock (output is byte-identical everywhere).
package enum Formatting {
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// "2026-12-15" → "December 15, 2026".
    package static func longDate(_ isoDate: String) -> String {
        let parts = isoDate.split(separator: "-")
        guard parts.count == 3, let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return isoDate }
        return "\(months[month - 1]) \(day), \(parts[0])"
    }

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

    package static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
    }

    private static let countries: [String: String] = [
        "US": "United States", "CA": "Canada", "GB": "United Kingdom", "IE": "Ireland", "AU": "Australia", "NZ": "New Zealand",
        "DE": "Germany", "FR": "France", "ES": "Spain", "IT": "Italy", "NL": "Netherlands", "BE": "Belgium", "AT": "Austria",
        "CH": "Switzerland", "SE": "Sweden", "NO": "Norway", "DK": "Denmark", "FI": "Finland", "PT": "Portugal", "PL": "Poland",
        "JP": "Japan", "KR": "South Korea", "CN": "China", "IN": "India", "MX": "Mexico", "BR": "Brazil", "SG": "Singapore",
    ]

    package static func countryName(_ code: String) -> String { countries[code] ?? code }

    private static let networks: [String: String] = [
        "instagram": "Instagram", "youtube": "YouTube", "tiktok": "TikTok", "facebook": "Facebook", "pinterest": "Pinterest",
        "x": "X", "twitter": "X (Twitter)", "linkedin": "LinkedIn", "threads": "Threads", "mastodon": "Mastodon", "bluesky": "Bluesky",
    ]

    package static func networkLabel(_ network: String) -> String {
        networks[network.lowercased()] ?? (network.prefix(1).uppercased() + network.dropFirst())
    }
}
