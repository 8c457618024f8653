/// What the static hosts a store is published on accept, as each documents it. `showroom check --host`
/// holds a built site against one; the feeds stay within the smallest file size of them all. None of
/// these hosts documents a limit on a deploy's total size.
public struct HostLimits: Sendable, Equatable {
    public enum Host: String, Sendable, CaseIterable {
        case cloudflarePages = "cloudflare-pages"
        case netlify
        case s3
    }

    public var host: Host
    /// Files in one deploy: a warning past `filesOnFreePlan` (a paid plan takes more), an error past `files`.
    public var files: Int?
    public var filesOnFreePlan: Int?
    /// Bytes in one file.
    public var fileBytes: Int?
    /// Files directly inside one folder.
    public var filesPerFolder: Int?
    /// Bytes of a file's path (UTF-8), relative to the site's root.
    public var pathBytes: Int?
    /// Where the host documents these numbers (for the findings' hints).
    public var source: String

    public static let mebibyte = 1024 * 1024

    public static func of(_ host: Host) -> HostLimits {
        switch host {
        case .cloudflarePages:
            // https://developers.cloudflare.com/pages/platform/limits/ — 20,000 files on the Free plan, 100,000
            // on paid plans (since January 2026, with PAGES_WRANGLER_MAJOR_VERSION=4); 25 MiB per file.
            HostLimits(host: host, files: 100_000, filesOnFreePlan: 20_000, fileBytes: 25 * mebibyte,
                       source: "developers.cloudflare.com/pages/platform/limits/")
        case .netlify:
            // https://docs.netlify.com/site-deploys/overview/ — no limit on files per deploy, but a deploy
            // fails when a folder holds more than 54,000 files.
            HostLimits(host: host, filesPerFolder: 54_000, source: "docs.netlify.com/site-deploys/overview/#files-per-directory-limit")
        case .s3:
            // https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html — a key is at most 1,024
            // bytes of UTF-8. An object may be 5 TiB (aws s3 sync uploads large ones in parts), a bucket holds
            // any number: neither limits a store.
            HostLimits(host: host, pathBytes: 1024, source: "docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html")
        }
    }

    /// The largest file every host above serves (Cloudflare Pages' 25 MiB): a feed past it is published
    /// gzip-compressed only (README › Feeds).
    public static let largestFileEveryHostServes = 25 * mebibyte
}
