import ShowroomSupport

/// One finding about the store's input: an error that stops the build, or a warning that does not.
///
/// Printed as `path:line:col: error: message` followed by an indented hint, the form editors and CI
/// annotators understand.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?
    /// The `showroom check` rule this is a finding of (e.g. `catalog/sale-price`), if any.
    public var rule: CheckRuleID?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, hint: String? = nil, rule: CheckRuleID? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.rule = rule
    }

    public static func error(_ message: String, at location: SourceLocation?, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, at: location, hint: hint)
    }

    public static func warning(_ message: String, at location: SourceLocation?, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, message, at: location, hint: hint)
    }

    public var description: String { formatted(showingRule: false) }

    /// With `showingRule`, the check rule follows the message: `… [catalog/gtin]`.
    public func formatted(showingRule: Bool) -> String {
        var text = ""
        if let location { text += "\(location): " }
        text += "\(severity.rawValue): \(message)"
        if showingRule, let rule { text += " [\(rule.rawValue)]" }
        if let hint { text += "\n    fix: \(hint)" }
        return text
    }
}

/// Collects every finding of one build so that all of them are reported together.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init() {}

    public mutating func append(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func append(contentsOf other: Diagnostics) { all.append(contentsOf: other.all) }
    public mutating func append(contentsOf diagnostics: [Diagnostic]) { all.append(contentsOf: diagnostics) }
    public mutating func error(_ message: String, at location: SourceLocation?, hint: String? = nil) {
        all.append(.error(message, at: location, hint: hint))
    }
    public mutating func warning(_ message: String, at location: SourceLocation?, hint: String? = nil) {
        all.append(.warning(message, at: location, hint: hint))
    }

    public var errors: [Diagnostic] { sorted.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { sorted.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }

    /// Stable order (by file, line, column, then text) so output never depends on load order.
    public var sorted: [Diagnostic] {
        all.sorted { a, b in
            switch (a.location, b.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, _?): return true
            case (_?, nil): return false
            default: return a.message < b.message
            }
        }
    }
}

/// Thrown when a build cannot go on; carries every error (and the warnings) found so far.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        let errors = self.errors
        var lines = errors.map(\.description)
        lines.append("\(errors.count) error\(errors.count == 1 ? "" : "s"); nothing was written, the previous output is unchanged.")
        return lines.joined(separator: "\n")
    }
}
