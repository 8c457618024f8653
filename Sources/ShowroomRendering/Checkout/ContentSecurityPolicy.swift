import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// The `Content-Security-Policy` every page declares in a `<meta>`: scripts, styles, fonts, frames and
/// connections come from the site itself, plus the checkout provider's hosts when (and only when) it runs
/// code on the page. Pictures and videos may come from any https host, because catalogs and write-ups
/// (imported ones above all) link to remote media; they cannot run code.
enum ContentSecurityPolicy {
    static func policy(for settings: StoreSettings) -> String {
        var script = ["'self'"], style = ["'self'"], connect = ["'self'"], font = ["'self'"], frame = ["'none'"]
        var images = ["'self'", "data:", "https:"]
        // Inline style attributes are allowed (the video player takes the brand's colours from one), inline
        // <style> elements and inline scripts are not.
        var styleAttributes = ["'unsafe-inline'"]
        if case .snipcart = settings.checkout {
            // Snipcart's cart runs from its CDN, compiles its (overridable) templates in the browser, which
            // takes eval, talks to its API and styles what it draws; card entry is a frame on its payment host.
            script += ["https://cdn.snipcart.com", "'unsafe-eval'"]
            style += ["https://cdn.snipcart.com", "'unsafe-inline'"]
            font.append("https://cdn.snipcart.com")
            connect.append("https://*.snipcart.com")
            frame = ["https://*.snipcart.com"]
            images.append("https://*.snipcart.com")
            styleAttributes = []
        }
        var directives: [(String, [String])] = [
            ("default-src", ["'self'"]), ("script-src", script), ("style-src", style + styleAttributes),
        ]
        if !styleAttributes.isEmpty { directives.append(("style-src-elem", style)) }
        directives += [
            ("img-src", images), ("media-src", ["'self'", "https:"]), ("font-src", font), ("connect-src", connect),
            ("frame-src", frame), ("object-src", ["'none'"]), ("base-uri", ["'self'"]), ("form-action", ["'self'"]),
        ]
        return directives.map { $0.0 + " " + $0.1.joined(separator: " ") }.joined(separator: "; ")
    }
}
