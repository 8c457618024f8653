import Foundation

/// Threads of the preview's own for its builds. Loading is synchronous and rendering keeps every worker
/// busy; on Swift's shared pool that left no thread to answer a request until a build let go. Builds run
/// here instead (their child tasks inherit the preference), and the system's scheduler shares the cores.
final class DedicatedThreads: TaskExecutor, @unchecked Sendable {
    /// Threads are started once and live as long as the process.
    static let builds = DedicatedThreads(name: "showroom-build", count: ProcessInfo.processInfo.activeProcessorCount)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var nextJob = 0

    private init(name: String, count: Int) {
        for index in 0..<max(1, count) {
            let thread = Thread { self.work() }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.withLock {
            jobs.append(job)
            condition.signal()
        }
    }

    private func work() {
        while true {
            let job = condition.withLock {
                while nextJob == jobs.count { condition.wait() }
                defer {
                    nextJob += 1
                    // Drop the run jobs now and then rather than shifting the array on every take.
                    if nextJob == jobs.count || nextJob >= 1024 { jobs.removeFirst(nextJob); nextJob = 0 }
                }
                return jobs[nextJob]
            }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }

    /// Runs `work` on these threads and returns its result.
    func run<Result: Sendable>(_ work: @escaping @Sendable () async -> Result) async -> Result {
        await Task(executorPreference: self, operation: work).value
    }
}
