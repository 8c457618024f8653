import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// A parsed JSON value that remembers where it was written and, for objects, the order of its keys.
///
/// Foundation's `JSONSerialization` forgets both, and store owners need both: errors point at a line and
/// column, and variant options are displayed in the order they were written.
public struct JSONNode: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        /// The number exactly as written (money must never pass through `Double`).
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([JSONMember])
    }

    public var value: Value
    public var line: Int
    public var column: Int

    public var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

public struct JSONMember: Sendable, Equatable {
    public var key: String
    public var keyLine: Int
    public var keyColumn: Int
    public var value: JSONNode
}

public struct JSONSyntaxError: Error, Sendable, Equatable {
    public var message: String
    public var line: Int
    public var column: Int
    public var hint: String?
}
