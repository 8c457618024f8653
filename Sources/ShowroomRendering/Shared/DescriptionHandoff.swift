import Foundation
import ShowroomLoading
import ShowroomModel
import ShowroomSupport
import ShowroomTemplates

/// Each product's plain-text description, handed from the page workers to the feeds, so the write-ups
/// are parsed once for both.
///
/// Pages render products in catalog order and the feeds take them a piece at a time in the same
/// order, so only the descriptions between the two are held: memory stays flat however big the catalog.
package final class DescriptionHandoff: @unchecked Sendable {
    private typealias Waiter = (range: Range<Int>, continuation: CheckedContinuation<[String], any Error>)

    private let lock = NSLock()
    private var slots: [String?]
    /// The feeds' pending `take`: one at a time, since the feeds read their pieces in order.
    private var waiter: Waiter?
    private var cancelled = false
    /// Every description, kept for the caller once the feeds have taken them (`check` audits them).
    private var kept: [String]?

    package init(count: Int, keeping: Bool = false) {
        slots = Array(repeating: nil, count: count)
        if keeping { kept = Array(repeating: "", count: count) }
    }

    /// Every product's description, when made `keeping` them and once the feeds have taken them all.
    package var descriptions: [String]? { lock.withLock { kept } }

    func put(_ description: String, at index: Int) {
        let ready: (CheckedContinuation<[String], any Error>, [String])? = lock.withLock {
            slots[index] = description
            guard let waiter, waiter.range.contains(index), let descriptions = takeIfReady(waiter.range) else { return nil }
            self.waiter = nil
            return (waiter.continuation, descriptions)
        }
        if let (continuation, descriptions) = ready { continuation.resume(returning: descriptions) }
    }

    /// The descriptions of `range` once every one is there, removed from the handoff. Suspends without
    /// holding a thread until the last of them is put; a build that fails cancels the feeds, which ends the wait.
    func take(_ range: Range<Int>) async throws -> [String] {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[String], any Error>) in
                enum Outcome { case ready([String]), cancelled, waiting }
                let outcome: Outcome = lock.withLock {
                    if cancelled { return .cancelled }
                    if let descriptions = takeIfReady(range) { return .ready(descriptions) }
                    precondition(waiter == nil, "one taker at a time")
                    waiter = (range, continuation)
                    return .waiting
                }
                switch outcome {
                case .ready(let descriptions): continuation.resume(returning: descriptions)
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .waiting: break
                }
            }
        } onCancel: {
            let waiting: Waiter? = lock.withLock {
                cancelled = true
                defer { waiter = nil }
                return waiter
            }
            waiting?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Called with the lock held.
    private func takeIfReady(_ range: Range<Int>) -> [String]? {
        var descriptions: [String] = []
        descriptions.reserveCapacity(range.count)
        for index in range {
            guard let description = slots[index] else { return nil }
            descriptions.append(description)
        }
        for index in range { slots[index] = nil }
        if kept != nil { for (offset, index) in range.enumerated() { kept?[index] = descriptions[offset] } }
        return descriptions
    }
}
