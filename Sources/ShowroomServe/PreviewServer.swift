import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import ShowroomBuild
import ShowroomLoading
import ShowroomModel
import ShowroomRendering
import ShowroomSupport

/// `showroom serve`: builds the site into memory, serves it, and rebuilds on every edit.
public enum PreviewServer {
    /// The HTTP application for a session; `onRunning` receives the port actually bound (0 asks the
    /// system for a free one).
    public static func application(session: PreviewSession, host: String, port: Int,
                                   onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        var logger = Logger(label: "showroom.serve")
        logger.logLevel = .critical  // failures reach the caller as errors; the rest is shutdown noise
        return Application(responder: PreviewResponder(session: session),
                           configuration: .init(address: .hostname(host, port: port), serverName: "Showroom preview"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
                           logger: logger)
    }

    /// Serves until Ctrl-C (or the task is cancelled), rebuilding when `Content/` or the theme change.
    /// `report` receives each rebuild's outcome.
    public static func run(session: PreviewSession, host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void,
                           report: @escaping @Sendable (_ errors: [Diagnostic], _ seconds: Double) async -> Void) async throws {
        let options = session.options
        let watcher = FileWatcher(folders: [Builder.absoluteURL(options.contentDirectory), Builder.absoluteURL(options.themesDirectory)])
        let app = application(session: session, host: host, port: port, onRunning: onRunning)
        // Services shut down in reverse order: the event streams end first, then the server, which
        // waits for open responses.
        var logger = Logger(label: "showroom.serve")
        logger.logLevel = .warning
        let services = ServiceGroup(configuration: .init(services: [app, EventStreamCloser(session: session)],
                                                         gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        // The server starts once the watcher watches: an edit made as soon as the store is served is seen.
        let (watching, watchingContinuation) = AsyncStream<Void>.makeStream()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                await watcher.run(ready: { watchingContinuation.finish() }) { paths in
                    let start = ContinuousClock.now
                    let errors = await session.update(changed: paths)
                    await report(errors, PhaseTimings.seconds(start, .now))
                }
            }
            for await _ in watching {}
            // Not on a task executor of our own: cancelling ServiceGroup's merged streams while a task looks up
            // its executor preference deadlocked in the runtime (a port already in use never exited).
            group.addTask {
                try await services.run()  // stops cleanly on SIGINT / SIGTERM
            }
            // Whichever ends first (the server, on Ctrl-C or an error) ends the other.
            defer { group.cancelAll() }
            try await group.next()
        }
    }
}

/// Ends the open reload-event streams when shutdown begins: the server waits for open responses to
/// finish, and an event stream never would.
private struct EventStreamCloser: Service {
    let session: PreviewSession

    func run() async throws {
        try? await gracefulShutdown()
        await session.finishEvents()
    }
}
