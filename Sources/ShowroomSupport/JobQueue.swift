import Foundation

/// Hands out job indexes to workers; output does not depend on which worker renders which page.
package final class JobQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var nextIndex = 0
    private var done = 0

    package init(count: Int) { self.count = count }

    package func stop() {
        lock.withLock { nextIndex = count }
    }

    package func next() -> Int? {
        lock.withLock {
            guard nextIndex < count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    /// Counts a finished job; returns the total now and then (every `every` jobs, and at the end) for progress.
    package func finished(every: Int = 500) -> Int? {
        lock.withLock {
            done += 1
            return done % every == 0 || done == count ? done : nil
        }
    }
}
