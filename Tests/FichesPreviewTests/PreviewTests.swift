import FichesCore
import FichesSite
import Foundation
import HummingbirdTesting
import Testing

@testable import FichesPreview

/// A copy of the fixture catalogue and the repository's templates, and a preview of it.
final class Project: Sendable {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    let root: URL
    var source: String { root.appendingPathComponent("fiches").path }
    var templates: String { root.appendingPathComponent("site-template").path }
    let preview: Preview

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fiches-apercu-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.tests.appendingPathComponent("FichesSiteTests/Fixtures/catalogue").path,
            toPath: root.appendingPathComponent("fiches").path)
        try FileManager.default.copyItem(
            atPath: Self.tests.deletingLastPathComponent().appendingPathComponent("site-template").path,
            toPath: root.appendingPathComponent("site-template").path)
        var options = BuildOptions()
        options.source = root.appendingPathComponent("fiches").path
        options.templates = root.appendingPathComponent("site-template").path
        options.baseURL = "http://127.0.0.1:8000/"
        preview = try Preview(options: options)
    }

    deinit {
        preview.close()
        try? FileManager.default.removeItem(at: root)
    }

    var fiche: URL { root.appendingPathComponent("fiches/sante/alzheimer-cafe.md") }

    /// Replaces `old` by `new` in the Alzheimer café fiche, as an editor's save does.
    func edit(_ old: String, _ new: String) throws {
        let text = try String(contentsOf: fiche, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: fiche)
    }

    /// The application with the watcher running, once it watches.
    func test(
        scanning: Bool = false, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let (ready, readiness) = AsyncStream.makeStream(of: Void.self)
        let watch = WatchService(
            preview: preview, folders: [source, templates], scanning: scanning, onRebuild: { _ in },
            ready: { readiness.yield() })
        let app = PreviewServer.application(preview, port: 0, services: [watch])
        try await app.test(.router) { client in
            for await _ in ready { break }
            try await body(client)
        }
    }
}

extension TestClientProtocol {
    func get(_ uri: String) async throws -> (status: Int, type: String?, location: String?, body: String) {
        let response = try await execute(uri: uri, method: .get)
        return (
            response.status.code, response.headers[.contentType], response.headers[.location],
            String(buffer: response.body)
        )
    }
}

@Test func pagesAreServedWithTheReloadScriptAndFilesAsTheyAre() async throws {
    let project = try Project()
    let first = await project.preview.rebuild()
    #expect(first.snapshot.generation == 1)
    #expect(first.snapshot.isBuilt)
    try await project.test { client in
        let page = try await client.get("/fiches/alzheimer-cafe/")
        #expect(page.status == 200)
        #expect(page.type == "text/html; charset=utf-8")
        #expect(page.body.contains("<h1>Créer un Alzheimer café</h1>"))
        #expect(
            page.body.hasSuffix(
                "<script src=\"/_fiches/apercu.js\" data-generation=\"1\" defer></script></body>\n</html>\n"))

        let home = try await client.get("/")
        #expect(home.status == 200 && home.body.contains("data-generation=\"1\""))

        let css = try await client.get("/assets/fiches.css")
        #expect(css.status == 200 && css.type == "text/css" && !css.body.contains("<script"))

        let folder = try await client.get("/fiches/alzheimer-cafe?x=1")
        #expect(folder.status == 301 && folder.location == "/fiches/alzheimer-cafe/?x=1")

        let script = try await client.get("/_fiches/apercu.js")
        #expect(script.status == 200 && script.body.contains("new EventSource(\"/_fiches/evenements?depuis=\""))

        // The 404 page, for what is missing, hidden or above the site.
        for path in ["/nulle-part/", "/.fiches-site", "/%2e%2e/fiches/catalogue.yml", "/../fiches/catalogue.yml"] {
            let missing = try await client.get(path)
            #expect(missing.status == 404, "\(path)")
            #expect(missing.body.contains("Page introuvable"), "\(path)")
        }
    }
    #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("_site").path))
}

@Test(arguments: [false, true])
func aSaveRebuildsTheSiteAndSendsAReloadEvent(scanning: Bool) async throws {
    let project = try Project()
    await project.preview.rebuild()
    try await project.test(scanning: scanning) { client in
        async let event = client.get("/_fiches/evenements?depuis=1")
        try project.edit("titre: Créer un Alzheimer café", "titre: Un Alzheimer café à Mons")
        let events = try await event
        #expect(events.type == "text/event-stream")
        #expect(events.body == "retry: 300\n\nid: 2\nevent: reload\ndata: 2\n\n")

        let page = try await client.get("/fiches/alzheimer-cafe/")
        #expect(page.body.contains("<h1>Un Alzheimer café à Mons</h1>"))
        #expect(page.body.contains("data-generation=\"2\""))
        // A page served before the rebuild asks with its own generation, and reloads at once.
        let late = try await client.get("/_fiches/evenements?depuis=1")
        #expect(late.body.hasSuffix("id: 2\nevent: reload\ndata: 2\n\n"))
    }
}

@Test func theOverlayListsTheErrorsAndClearsWhenTheyAreFixed() async throws {
    let project = try Project()
    await project.preview.rebuild()
    try await project.test { client in
        async let broken = client.get("/_fiches/evenements?depuis=1")
        try project.edit("droits: [sante, alimentation]", "droits: [Santé, alimentation]")
        #expect(try await broken.body.contains("event: reload"))

        let overlay = try await client.get("/fiches/alzheimer-cafe/")
        #expect(overlay.status == 500)
        let place = "\(project.source)/sante/alzheimer-cafe.md:4:10"
        #expect(
            overlay.body.contains(
                "<li class=\"erreur\"><p><code>\(place)</code> <strong>erreur</strong> : "
                    + "droit inconnu « Santé » ; vouliez-vous dire « sante » ?</p>"
                    + "<pre> 4 | droits: [Santé, alimentation]\n   |          ^</pre></li>"))
        #expect(overlay.body.contains("1 erreur, 2 avertissements dans 1 fiche."))
        #expect(overlay.body.contains("data-generation=\"2\""))
        // Every page shows it, the home page too; the style sheet is still served.
        #expect(try await client.get("/").body.contains("id=\"fiches-erreurs\""))
        #expect(try await client.get("/assets/fiches.css").status == 200)

        async let fixed = client.get("/_fiches/evenements?depuis=2")
        try project.edit("droits: [Santé, alimentation]", "droits: [sante, alimentation]")
        #expect(try await fixed.body.contains("id: 3\nevent: reload"))
        let page = try await client.get("/fiches/alzheimer-cafe/")
        #expect(page.status == 200)
        #expect(!page.body.contains("fiches-erreurs"))
    }
}

@Test func aTemplateErrorIsShownToo() async throws {
    let project = try Project()
    await project.preview.rebuild()
    try await project.test { client in
        async let event = client.get("/_fiches/evenements?depuis=1")
        let template = URL(fileURLWithPath: project.templates).appendingPathComponent("fiche.mustache")
        try Data("{{#fiche}}{{titre}}".utf8).write(to: template)
        _ = try await event
        let overlay = try await client.get("/fiches/alzheimer-cafe/")
        #expect(overlay.status == 500)
        #expect(overlay.body.contains("fiche.mustache:1:"))
        #expect(overlay.body.contains("gabarit illisible"))
    }
}

@Test func anUnchangedSaveWritesNothingAndARemovedFicheIsRemoved() async throws {
    let project = try Project()
    let first = await project.preview.rebuild()
    let enumerator = FileManager.default.enumerator(at: project.preview.folder, includingPropertiesForKeys: nil)
    let files = (enumerator?.allObjects ?? []).compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath }.count
    #expect(first.written == files)
    #expect(files > 10)
    let same = await project.preview.rebuild()
    #expect((same.written, same.removed) == (0, 0))
    try FileManager.default.removeItem(
        at: project.root.appendingPathComponent("fiches/alimentation/ecrivain-public.md"))
    let removed = await project.preview.rebuild()
    #expect(removed.snapshot.isBuilt)
    // Its page, and its search result (the fiches after it are renumbered).
    #expect(removed.removed >= 2)
    let folder = project.preview.folder
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("fiches/ecrivain-public").path))
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("fiches/alzheimer-cafe").path))
}

@Test func closingWakesTheWaitingPagesAndRemovesTheFolder() async throws {
    let project = try Project()
    await project.preview.rebuild()
    let folder = project.preview.folder
    #expect(FileManager.default.fileExists(atPath: folder.path))
    async let waiting = project.preview.generations.next(after: 1)
    project.preview.close()
    #expect(await waiting == nil)
    #expect(await project.preview.generations.next(after: 0) == nil)
    #expect(!FileManager.default.fileExists(atPath: folder.path))
}

@Test func waitingForAGenerationReturnsTheNewOneOrNothingAfterTheTimeout() async throws {
    let generations = Generations()
    #expect(await generations.next(after: 0, timeout: .milliseconds(10)) == nil)
    async let next = generations.next(after: 0, timeout: .seconds(30))
    generations.publish(Snapshot(generation: 1, diagnostics: []))
    #expect(await next?.generation == 1)
    #expect(await generations.next(after: 0)?.generation == 1)
}

@Test func aPortInUseGetsAMessageAndAFreePort() throws {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    try withUnsafeMutablePointer(to: &address) {
        try $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            try #require(bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0)
        }
    }
    let port = Int(UInt16(bigEndian: address.sin_port))
    #expect(!PreviewServer.isFree(port))
    let free = try #require((port + 1...port + 20).first(where: PreviewServer.isFree))
    #expect(throws: BuildError.self) { try PreviewServer.checkAvailable(port) }
    #expect(
        PreviewServer.portTaken(port).message
            == "le port \(port) est déjà utilisé (un autre aperçu est peut-être ouvert) ; "
            + "arrêtez-le avec Ctrl-C ou essayez fiches serve --port \(free)")
}
