import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// The product attributes shopping feeds have for variant options. Google and Meta share the names
/// (Google writes them in its `g:` namespace); options with other names stay in the item's title.
enum OptionAttributes {
    private static let byOptionName: [String: String] = [
        "color": "color", "colour": "color", "size": "size", "material": "material", "pattern": "pattern",
        "gender": "gender", "age group": "age_group", "age_group": "age_group",
    ]

    /// `"Colour"` → `"color"`; nil for an option no feed has an attribute for.
    static func feedAttribute(forOption name: String) -> String? { byOptionName[name.lowercased()] }
}
