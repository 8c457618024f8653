import Foundation

/// Each product's plain-text description, handed from the page workers to the feeds. The pages parse
/// every write-up anyway; the feeds used to read and parse each one again for its text (a second
/// cmark-gfm pass over the whole catalog).
///
/// Pages render products in catalog order and the feeds take them a piece at a time in the same
/// order, so only the descriptions between the two are held: memory stays flat however big the catalog.
final class DescriptionHandoff: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [String?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func put(_ description: String, at index: Int) {
        lock.withLock { slots[index] = description }
    }

    /// The descriptions of `range` once every one is there, removed from the handoff. Waits without
    /// holding a thread; a build that fails cancels the feeds, which ends the wait.
    func take(_ range: Range<Int>) async throws -> [String] {
        while true {
            if let descriptions = takeIfReady(range) { return descriptions }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    private func takeIfReady(_ range: Range<Int>) -> [String]? {
        lock.withLock {
            var descriptions: [String] = []
            descriptions.reserveCapacity(range.count)
            for index in range {
                guard let description = slots[index] else { return nil }
                descriptions.append(description)
            }
            for index in range { slots[index] = nil }
            return descriptions
        }
    }
}
