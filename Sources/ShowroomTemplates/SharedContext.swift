import ShowroomModel
import ShowroomSupport

/// Values every page sees (site, seller, policies, navigation, assets). Immutable once built, so rendering
/// workers share it freely.
package final class SharedContext: @unchecked Sendable {
    /// Where a page's template object looks up a name the page does not have.
    package let object: TemplateObject

    package init(_ fields: TemplateFields) {
        object = TemplateObject(fields: fields)
    }
}
