import Foundation

/// Runs `transform` for every index in `0..<count` on up to `workers` tasks and returns the results
/// in index order, so the outcome never depends on which worker did what.
func parallelMap<Result: Sendable>(count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
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
