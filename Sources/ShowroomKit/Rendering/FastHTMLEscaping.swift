import Mustache

/// The theme's HTML escaping, byte by byte. swift-mustache's own escapes the same five characters
/// but through a Character dictionary, which was 7 % of a large build. Registered as a content type
/// and switched on by a pragma line put in front of every theme template (a standalone tag, so it
/// leaves no trace in the output; template error lines are corrected by one).
enum FastHTMLEscaping: MustacheContentType {
    case html

    static let pragma = "{{% CONTENT_TYPE: SHOWROOM_HTML}}\n"
    private static let registration: Void = MustacheContentTypes.register(FastHTMLEscaping.html, named: "SHOWROOM_HTML")

    /// Call before parsing templates that carry the pragma.
    static func register() { _ = registration }

    func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}
