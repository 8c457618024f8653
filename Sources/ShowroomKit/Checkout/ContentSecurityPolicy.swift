import Foundation

/// The `Content-Security-Policy` every page declares in a `<meta>`: the site's own files, the hosts of
/// media the catalog links to, and the hosts of the checkout provider when (and only when) it runs code
/// on the page. Nothing else may load or run, so a script that slipped into content could not phone home.
enum ContentSecurityPolicy {
    static func policy(for site: Site) -> String {
        var images: Set<String> = []
        var media: Set<String> = []
        func add(_ reference: MediaReference?, to set: inout Set<String>) {
            guard let reference, reference.isRemote, let origin = origin(of: reference.path) else { return }
            set.insert(origin)
        }
        add(site.settings.logo, to: &images)
        for collection in site.collections { add(collection.image, to: &images) }
        for product in site.products {
            for image in product.images { add(image, to: &images) }
            for variant in product.variants { add(variant.image, to: &images) }
            for video in product.videos {
                add(video.url, to: &media)
                add(video.thumbnail, to: &images)
            }
        }
        var script = ["'self'"], style = ["'self'", "'unsafe-inline'"], connect = ["'self'"], font = ["'self'"], frame = ["'none'"]
        var imageSources = ["'self'", "data:"] + images.sorted()
        if case .snipcart = site.settings.checkout {
            // Snipcart's cart runs from its CDN and talks to its API; card entry is a frame on its payment host.
            script.append("https://cdn.snipcart.com")
            style.append("https://cdn.snipcart.com")
            font.append("https://cdn.snipcart.com")
            connect.append("https://*.snipcart.com")
            frame = ["https://*.snipcart.com"]
            imageSources.append("https://*.snipcart.com")
        }
        // Inline style attributes are allowed (the video player takes the brand's colours from one); inline
        // script is not.
        let directives: [(String, [String])] = [
            ("default-src", ["'self'"]), ("script-src", script), ("style-src", style), ("img-src", imageSources),
            ("media-src", ["'self'"] + media.sorted()), ("font-src", font), ("connect-src", connect), ("frame-src", frame),
            ("object-src", ["'none'"]), ("base-uri", ["'self'"]), ("form-action", ["'self'"]),
        ]
        return directives.map { $0.0 + " " + $0.1.joined(separator: " ") }.joined(separator: "; ")
    }

    /// `https://host[:port]` of an absolute URL.
    static func origin(of url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host, !host.isEmpty else { return nil }
        return "\(scheme)://\(host.lowercased())" + (components.port.map { ":\($0)" } ?? "")
    }
}
