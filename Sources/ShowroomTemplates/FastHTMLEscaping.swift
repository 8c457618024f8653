import Mustache
import ShowroomModel
import ShowroomSupport

/// The theme's HTML escaping, byte by byte. swift-mustache's own escapes the same five characters
/// but through a Character dictionary, which was 7 % of a large build. Registered as a content type
/// and switched on by a pragma line put in front of every theme template (a standalone tag, so it
/// leaves no trace in the output; template error lines are corrected by one).
package enum FastHTMLEscaping: MustacheContentType {
    case html

    package static let pragma = "{{% CONTENT_TYPE: SHOWROOM_HTML}}\n"
    private static let registration: Void = MustacheContentTypes.register(FastHTMLEscaping.html, named: "SHOWROOM_HTML")

    /// Call before parsing templates that carry the pragma.
    package static func register() { _ = registration }

    package func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}
