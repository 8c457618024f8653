import ShowroomTemplates

/// Every kind of page a theme renders: what templates see as `page.kind` and its `page.is_…` flag, and
/// the template that renders it (inside `layout`).
package enum PageKind: String, Sendable, CaseIterable {
    case home, product, collection, page, contact, cart, notFound = "not-found", video, search

    /// `is_not_found` for `not-found`.
    package var flag: String { "is_" + rawValue.replacingOccurrences(of: "-", with: "_") }

    package var template: String {
        switch self {
        case .home: "index"
        case .notFound: "404"
        default: rawValue
        }
    }
}

/// A page's values as its template receives them, for tests that hold the theme contract
/// (docs/theme-context.md) against what the renderer provides.
package struct RenderedContext: Sendable {
    package var kind: PageKind
    /// The page's own values (`page`, `product`, …).
    package var own: TemplateValue
    /// The values every page shares (`site`, `nav`, …), found where the page has no value of that name.
    package var shared: TemplateValue
}
