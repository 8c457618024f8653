import Foundation
import ShowroomModel
import ShowroomSupport

/// Colors, font and logo of a listing: the brand's look, from the theme's storyboard.
public struct ListingLook: Sendable, Equatable {
    /// The closing card's color, and `ink` the words on it.
    public var background: String
    public var ink: String
    /// Words over pictures and clips (light: they sit on a dark scrim).
    public var text: String
    public var accent: String
    public var sale: String
    /// A CSS font stack; the video renderer uses its first family installed on the machine.
    public var font: String
    /// A file under the theme's `assets/`, used instead of the site's logo.
    public var logoAsset: String?

    static let fallback = ListingLook(background: "#f7f3ec", ink: "#211d18", text: "#ffffff", accent: "#2f5b45", sale: "#a23a1c",
                                      font: "system-ui, \"DejaVu Sans\", sans-serif", logoAsset: nil)
}

/// A pan or zoom across a picture: where the view starts and ends. `zoom` 1 shows the whole frame (the
/// picture scaled to cover it); `x`/`y` are the view's centre as fractions of the frame.
public struct ListingMotion: Sendable, Equatable {
    public struct Viewport: Sendable, Equatable {
        public var zoom: Double
        public var x: Double
        public var y: Double
    }

    public var from: Viewport
    public var to: Viewport

    public enum Preset: String, Sendable, CaseIterable {
        case still, zoomIn = "zoom-in", zoomOut = "zoom-out", panLeft = "pan-left", panRight = "pan-right", panUp = "pan-up", panDown = "pan-down"

        /// Pans run zoomed in a little so there is picture to move across.
        public var motion: ListingMotion {
            let centre = Viewport(zoom: 1, x: 0.5, y: 0.5)
            let close = Viewport(zoom: 1.15, x: 0.5, y: 0.5)
            func panned(_ dx: Double, _ dy: Double) -> ListingMotion {
                ListingMotion(from: Viewport(zoom: 1.15, x: 0.5 - dx, y: 0.5 - dy), to: Viewport(zoom: 1.15, x: 0.5 + dx, y: 0.5 + dy))
            }
            switch self {
            case .still: return ListingMotion(from: centre, to: centre)
            case .zoomIn: return ListingMotion(from: centre, to: close)
            case .zoomOut: return ListingMotion(from: close, to: centre)
            case .panLeft: return panned(0.06, 0)
            case .panRight: return panned(-0.06, 0)
            case .panUp: return panned(0, 0.06)
            case .panDown: return panned(0, -0.06)
            }
        }
    }
}

/// Text (or the logo) shown over a scene.
public struct ListingOverlay: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case title, text, highlight, price, availability, cta, logo

        /// Price, availability and logo come from the catalog and site; a template cannot change them.
        var textFromCatalog: Bool { self == .price || self == .availability || self == .logo }

        var defaultPosition: Position {
            switch self {
            case .logo: .top
            case .title, .price: .center
            default: .bottom
            }
        }
    }

    public enum Position: String, Sendable, CaseIterable { case top, center, bottom }

    public var kind: Kind
    public var position: Position
    /// What the overlay says (empty for the logo).
    public var text: String
    /// The regular price a sale price replaces (price overlays of a product on sale).
    public var was: String?
    /// `in_stock`… (availability overlays).
    public var availability: Availability?
    /// The product page (call to action, a site path) or the logo file.
    public var link: Link?
    /// `was` as the captions say it in the store's language ("(was $24.00)").
    public var wasCaption: String? = nil

    package init(kind: Kind, position: Position, text: String, was: String? = nil, availability: Availability? = nil, link: Link? = nil, wasCaption: String? = nil) {
        self.kind = kind
        self.position = position
        self.text = text
        self.was = was
        self.availability = availability
        self.link = link
        self.wasCaption = wasCaption
    }

    public enum Link: Sendable, Equatable {
        case page(String)
        case media(MediaReference)
    }

    /// How the overlay reads in the captions.
    package var captionText: String {
        switch kind {
        case .logo: ""
        case .price: wasCaption.map { "\(text) \($0)" } ?? text
        default: text
        }
    }
}
