/// Values every page sees (site, seller, policies, navigation, assets). Immutable once built, so rendering
/// workers share it freely.
final class SharedContext: @unchecked Sendable {
    /// Where a page's template object looks up a name the page does not have.
    let object: TemplateObject

    init(_ fields: TemplateFields) {
        object = TemplateObject(fields: fields)
    }
}
