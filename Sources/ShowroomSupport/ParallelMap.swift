import Foundation

/// Runs `transform` for every index in `0..<count` on up to `workers` tasks and returns the results
/// in index order, so the outcome never depends on which worker did what.
package func parallelMap<Result: Sendable>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                                   _ transform: @escaping @Sendable (Int) -> Result) async -> [Result] {
    let queue = JobQueue(count: count)
    return await withTaskGroup(of: [(Int, Result)].self) { group in
        for _ in 0..<max(1, min(workers, count)) {
            group.addTask {
                var done: [(Int, Result)] = []
                while let index = queue.next() { done.append((index, transform(index))) }
                return done
            }
        }
        var results = [Result?](repeating: nil, count: count)
        for await done in group {
            for (index, result) in done { results[index] = result }
        }
        return results.map { $0! }
    }
}

/// `items.map(transform)` on every core, for synchronous code (loading runs before any task starts);
/// results keep the items' order.
package func concurrentMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @escaping @Sendable (Item) -> Result) -> [Result] {
    guard items.count > 1 else { return items.map(transform) }
    var results = [Result?](repeating: nil, count: items.count)
    let chunks = min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4)
    results.withUnsafeMutableBufferPointer { buffer in
        let slots = UncheckedSlots(buffer: buffer)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let range = (items.count * chunk / chunks)..<(items.count * (chunk + 1) / chunks)
            for index in range { slots.buffer[index] = transform(items[index]) }
        }
    }
    return results.map { $0! }
}

/// Each iteration of `concurrentMap` writes a disjoint range of the buffer.
private struct UncheckedSlots<Result>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Result?>
}

/// Work started on another thread now and waited for later, for synchronous code that has something else
/// to do meanwhile (loading reads the write-ups while it reads the catalog).
package final class BackgroundWork<Value>: @unchecked Sendable {
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.value = work()
            self.done.signal()
        }
    }

    /// The work's result, once it is done (call once).
    package func wait() -> Value {
        done.wait()
        return value!
    }
}
