import Foundation

/// Threads of their own for the preview's builds. Loading is synchronous and rendering keeps every
/// worker busy; on Swift's shared pool (a thread per core) that left no thread to answer a request until
/// a build let go. Builds run on these threads instead (their child tasks inherit the preference), so the
/// shared pool stays free for requests and the system's scheduler shares the cores between both.
final class BuildThreads: TaskExecutor, @unchecked Sendable {
    /// One set for the process: threads are started once and live as long as it does.
    static let shared = BuildThreads(count: ProcessInfo.processInfo.activeProcessorCount)

    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var nextJob = 0

    private init(count: Int) {
        for index in 0..<max(1, count) {
            let thread = Thread { self.work() }
            thread.name = "showroom-build-\(index)"
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

    /// Runs `work` on the build threads and returns its result.
    static func run<Result: Sendable>(_ work: @escaping @Sendable () async -> Result) async -> Result {
        await Task(executorPreference: shared, operation: work).value
    }
}
