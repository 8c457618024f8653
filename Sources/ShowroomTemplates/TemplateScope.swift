import Mustache
import ShowroomModel
import ShowroomSupport

/// The root object a template renders against: the page's own values first, then the values every page
/// shares (built once per build, never copied per page).
package struct TemplateScope: MustacheParent {
    let page: [String: Any]
    let shared: SharedContext

    package init(page: [String: Any], shared: SharedContext) {
        self.page = page
        self.shared = shared
    }

    package func child(named name: String) -> Any? {
        page[name] ?? shared.values[name]
    }
}

/// Values every page sees (site, seller, policies, navigation, assets). Immutable once built, so rendering
/// workers share it freely.
package final class SharedContext: @unchecked Sendable {
    let fields: TemplateFields
    /// For the fast renderer.
    package let compiled: TemplateObject
    /// The same values for swift-mustache.
    let values: [String: Any]

    package init(_ fields: TemplateFields) {
        self.fields = fields
        compiled = TemplateObject(fields: fields)
        values = fields.dictionary
    }
}
