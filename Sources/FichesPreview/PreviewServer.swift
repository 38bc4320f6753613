import FichesCore
import FichesSite
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// The preview's HTTP server on 127.0.0.1: the site's files with a reload
/// script added to each page, the events that script waits for, and the
/// overlay listing the errors while the sources have some.
public enum PreviewServer {
    /// Where the reload script and the events live; no page of the site can be there.
    static let prefix = "/_fiches"

    /// The application, for `run` and for tests; `services` run beside the server.
    public static func application(
        _ preview: Preview, port: Int, services: [any Service] = [], token: String? = nil,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("\(prefix)/apercu.js") { _, _ in
            respond(.ok, type: "text/javascript; charset=utf-8", Data(Overlay.script.utf8))
        }
        router.get("\(prefix)/apercu.css") { _, _ in
            respond(.ok, type: "text/css; charset=utf-8", Data(Overlay.style.utf8))
        }
        router.get("\(prefix)/formulaire.js") { _, _ in
            respond(.ok, type: "text/javascript; charset=utf-8", Data(PackageResources.formulaire_js))
        }
        router.get("\(prefix)/formulaire.css") { _, _ in
            respond(.ok, type: "text/css; charset=utf-8", Data(PackageResources.formulaire_css))
        }
        router.get("\(prefix)/evenements") { request, _ in events(preview, request: request) }
        // The form: its paths are made of a slug, never a file's path.
        let editor = Editor(preview: preview, token: token ?? Editor.newToken())
        router.get("\(prefix)/nouvelle-fiche") { request, _ in await editor.show(request, slug: nil) }
        router.post("\(prefix)/nouvelle-fiche") { request, _ in await editor.submit(request, slug: nil) }
        router.get("\(prefix)/modifier/:fiche") { request, context in
            await editor.show(request, slug: context.parameters.get("fiche") ?? "")
        }
        router.post("\(prefix)/modifier/:fiche") { request, context in
            await editor.submit(request, slug: context.parameters.get("fiche") ?? "")
        }
        router.post("\(prefix)/rendu") { request, _ in
            await editor.render(request, slug: request.uri.queryParameters.get("fiche"))
        }
        router.get("/") { request, _ in await file(preview, request: request) }
        router.get("**") { request, _ in await file(preview, request: request) }
        var logger = Logger(label: "fiches-apercu")
        logger.logLevel = .error
        return Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "fiches"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves until SIGINT or SIGTERM, rebuilding after each change under `watching`.
    /// A port already taken is a `BuildError` that suggests a free one.
    public static func run(
        _ preview: Preview, port: Int, watching folders: [String],
        onServerRunning: @escaping @Sendable (Int) async -> Void,
        onRebuild: @escaping @Sendable (Preview.Rebuild) -> Void
    ) async throws {
        try checkAvailable(port)
        let app = application(preview, port: port, onServerRunning: onServerRunning)
        let watch = WatchService(preview: preview, folders: folders, onRebuild: onRebuild)
        // The watch service comes last, so it stops first: it wakes the pages
        // waiting for events, and the server then has no request left to wait for.
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: app), .init(service: watch)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "fiches-apercu")))
        do {
            try await group.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw portTaken(port)
        }
    }

    // MARK: Responses

    /// Server-sent events, one per request: the page asks for anything newer than
    /// the generation it was served at and gets `reload` as soon as there is one.
    /// The stream ends after the event (or after 25 s of nothing) and the browser
    /// asks again, so no request outlives a shutdown for long.
    static func events(_ preview: Preview, request: Request) -> Response {
        let after = request.uri.queryParameters.get("depuis", as: Int.self) ?? preview.current.generation
        let body = ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 300\n\n"))
            if let snapshot = await preview.generations.next(after: after, timeout: .seconds(25)) {
                let id = snapshot.generation
                try await writer.write(ByteBuffer(string: "id: \(id)\nevent: reload\ndata: \(id)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(
            status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"], body: body)
    }

    /// A file of the site; for a page, with the reload script, or the overlay while the build fails.
    static func file(_ preview: Preview, request: Request) async -> Response {
        let snapshot = preview.current
        let raw = request.uri.path
        let notFound = Route.notFound.file
        guard let decoded = raw.removingPercentEncoding else {
            return await page(preview, notFound, snapshot, .notFound)
        }
        let parts = decoded.split(separator: "/")
        // Nothing above the site, nothing hidden (the manifest).
        guard !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
            return await page(preview, notFound, snapshot, .notFound)
        }
        var path = parts.joined(separator: "/")
        if preview.files.isFolder(path) {
            // As a web server does: the folder's address ends with "/", so its relative links work.
            guard raw.hasSuffix("/") else {
                let query = request.uri.query.map { "?\($0)" } ?? ""
                return Response(status: .movedPermanently, headers: [.location: raw + "/" + query])
            }
            path += path.isEmpty ? "index.html" : "/index.html"
        }
        return await page(preview, path, snapshot, .ok, saved: request.uri.queryParameters.get("enregistree") != nil)
    }

    private static func page(
        _ preview: Preview, _ path: String, _ snapshot: Snapshot, _ status: HTTPResponse.Status, saved: Bool = false
    ) async -> Response {
        let isPage = path.hasSuffix(".html")
        if isPage, !snapshot.isBuilt {
            return respond(.internalServerError, type: "text/html; charset=utf-8", Overlay.page(for: snapshot))
        }
        guard let data = try? preview.files.contents(path) else {
            if path == Route.notFound.file {
                return respond(.notFound, type: "text/plain; charset=utf-8", Data("Page introuvable".utf8))
            }
            return await page(preview, Route.notFound.file, snapshot, .notFound)
        }
        guard isPage else {
            let ext = (path as NSString).pathExtension
            let type = MediaType.getMediaType(forExtension: ext)?.description ?? "application/octet-stream"
            return respond(status, type: type, data)
        }
        // A fiche's page: the link to its form, and what its last save left to review.
        var fiche: (slug: String, display: String, warnings: Int)?
        let parts = path.split(separator: "/")
        if parts.count == 3, parts[0] == "fiches", parts[2] == "index.html",
            let (_, display) = await preview.fiche(String(parts[1]))
        {
            fiche = (String(parts[1]), display, snapshot.diagnostics.filter { $0.file == display }.count)
        }
        let tools = Overlay.tools(fiche: fiche, saved: saved)
        return respond(
            status, type: "text/html; charset=utf-8",
            Overlay.inject(into: data, generation: snapshot.generation, tools: tools))
    }

    static func respond(_ status: HTTPResponse.Status, type: String, _ data: Data) -> Response {
        Response(
            status: status, headers: [.contentType: type, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Port

    /// Throws the French message when something already listens on `port` of 127.0.0.1.
    public static func checkAvailable(_ port: Int) throws {
        guard port != 0, !isFree(port) else { return }
        throw portTaken(port)
    }

    static func portTaken(_ port: Int) -> BuildError {
        let free = (port + 1...port + 20).first { $0 <= 65535 && isFree($0) }
        let suggestion = free.map { "essayez fiches serve --port \($0)" } ?? "choisissez-en un autre avec --port"
        return BuildError(
            "le port \(port) est déjà utilisé (un autre aperçu est peut-être ouvert) ; arrêtez-le avec Ctrl-C ou "
                + suggestion)
    }

    /// Whether a server could listen on `port` of 127.0.0.1 now.
    static func isFree(_ port: Int) -> Bool {
        #if canImport(Glibc)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

/// Rebuilds after each batch of changes; on shutdown, stops watching and
/// wakes the pages waiting for events.
struct WatchService: Service {
    let preview: Preview
    let folders: [String]
    var scanning = false
    let onRebuild: @Sendable (Preview.Rebuild) -> Void
    /// Called once the folders are watched.
    var ready: @Sendable () -> Void = {}

    func run() async throws {
        let watcher = try FolderWatcher(folders: folders, scanning: scanning)
        let changes = watcher.changes(ready: ready)
        await withGracefulShutdownHandler {
            for await change in changes {
                onRebuild(await preview.rebuild(change))
            }
        } onGracefulShutdown: {
            watcher.stop()
            preview.generations.close()
        }
    }
}
