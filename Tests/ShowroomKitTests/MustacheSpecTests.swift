import Foundation
import Testing
@testable import ShowroomBuild
@testable import ShowroomLoading
@testable import ShowroomModel
@testable import ShowroomRendering
@testable import ShowroomTemplates

/// The official Mustache spec (`Resources/mustache-spec/`, see SOURCE there): every case of the core
/// files, through our parser and renderer. The optional files are not copied: lambdas and dynamic names
/// need values Showroom's templates never receive (code, names of partials), and template inheritance is a
/// syntax error in Showroom (themes use partials).
///
/// A case is skipped only where the spec and swift-mustache 2.1.1 (whose reading rules keep the theme's
/// pages byte for byte the same) disagree; `skipped` names each one with the reason.
@Suite("Mustache spec")
struct MustacheSpecTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var name: String
        var template: String
        var partials: [String: String]
        var expected: String
        /// Nil for a JSON null: Showroom's template values have no null, a field is there or not.
        var data: TemplateValue?

        var testDescription: String { "\(file): \(name)" }
    }

    static let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections"]

    /// Spec cases whose expected output differs from what the theme's pages need, by file and name.
    static let skipped: [String: String] = [:]

    static let cases: [Case] = {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/mustache-spec")
        return files.flatMap { file -> [Case] in
            guard let bytes = FileManager.default.contents(atPath: folder.appendingPathComponent(file + ".json").path),
                  let root = try? JSONParser.parse(Array(bytes)), let tests = member("tests", of: root), case .array(let list) = tests.value
            else { return [Case(file: file, name: "(the file does not read)", template: "", partials: [:], expected: "missing", data: nil)] }
            return list.map { test in
                var partials: [String: String] = [:]
                if let node = member("partials", of: test), case .object(let members) = node.value {
                    for member in members { if case .string(let text) = member.value.value { partials[member.key] = text } }
                }
                return Case(file: file, name: string("name", of: test), template: string("template", of: test), partials: partials,
                            expected: string("expected", of: test), data: member("data", of: test).flatMap(templateValue))
            }
        }
    }()

    @Test("every case of the core spec files but the skipped ones", arguments: cases.filter { skipped[$0.testDescription] == nil })
    func specCase(_ specCase: Case) throws {
        let name = "spec template"  // a name no partial tag can spell
        var sources = specCase.partials
        sources[name] = specCase.template
        let templates = try CompiledTemplates(sources: sources)
        let root = specCase.data ?? .object(TemplateObject(fields: TemplateFields()))
        #expect(String(decoding: templates.render(name, root: root), as: UTF8.self) == specCase.expected)
    }

    @Test("the spec files load, and every skipped case exists")
    func skippedCasesExist() {
        let names = Set(Self.cases.map(\.testDescription))
        #expect(Self.cases.count > 100)
        for skipped in Self.skipped.keys { #expect(names.contains(skipped), "\(skipped)") }
    }

    private static func member(_ key: String, of node: JSONNode) -> JSONNode? {
        guard case .object(let members) = node.value else { return nil }
        return members.first { $0.key == key }?.value
    }

    private static func string(_ key: String, of node: JSONNode) -> String {
        guard let member = member(key, of: node), case .string(let text) = member.value else { return "" }
        return text
    }

    private static func templateValue(_ node: JSONNode) -> TemplateValue? {
        switch node.value {
        case .null: return nil
        case .bool(let bool): return .bool(bool)
        case .number(let text): return Int(text).map(TemplateValue.int) ?? Double(text).map(TemplateValue.double)
        case .string(let text): return .string(text)
        case .array(let items): return .list(items.compactMap(templateValue))
        case .object(let members):
            var fields = TemplateFields()
            for member in members { fields[member.key] = templateValue(member.value) }
            return .object(TemplateObject(fields: fields))
        }
    }
}
