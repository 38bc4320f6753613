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
    let options: BuildOptions

    /// With `templates`, the preview publishes the assets of a copy of `site-template/`.
    init(templates: Bool = false) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fiches-apercu-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.tests.appendingPathComponent("FichesSiteTests/Fixtures/catalogue").path,
            toPath: root.appendingPathComponent("fiches").path)
        var options = BuildOptions()
        options.source = root.appendingPathComponent("fiches").path
        if templates {
            try FileManager.default.copyItem(
                atPath: Self.tests.deletingLastPathComponent().appendingPathComponent("site-template").path,
                toPath: root.appendingPathComponent("site-template").path)
            options.templates = root.appendingPathComponent("site-template").path
        }
        options.baseURL = "http://127.0.0.1:8000/"
        self.options = options
        preview = Preview(options: options)
    }

    deinit {
        preview.close()
        try? FileManager.default.removeItem(at: root)
    }

    var fiche: URL { root.appendingPathComponent("fiches/sante/alzheimer-cafe.md") }

    /// Replaces `old` by `new` in `file` (by default the Alzheimer café fiche), as an editor's save
    /// does; returns the path as the watcher names it.
    @discardableResult
    func edit(_ old: String, _ new: String, in file: String = "fiches/sante/alzheimer-cafe.md") throws -> String {
        let url = root.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old))
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
        return url.path
    }

    /// The paths of every file of the site the preview shows.
    var paths: [String] { preview.files.paths }

    /// What a full build of the same sources writes, file by file.
    func fullBuild() async throws -> [String: Data] {
        var options = options
        options.output = root.appendingPathComponent("complet-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: options.output) }
        let result = try await SiteBuilder.build(options)
        #expect(result.pageCount != nil, "\(result.diagnostics)")
        var files: [String: Data] = [:]
        let folder = URL(fileURLWithPath: options.output)
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] =
                try Data(contentsOf: url)
        }
        return files
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
        try project.edit("droits: [sante, alimentation]", "droits: [Sant, alimentation]")
        #expect(try await broken.body.contains("event: reload"))

        let overlay = try await client.get("/fiches/alzheimer-cafe/")
        #expect(overlay.status == 500)
        let place = "\(project.source)/sante/alzheimer-cafe.md:4:10"
        #expect(
            overlay.body.contains(
                "<li class=\"erreur\"><p><code>\(place)</code> <strong>erreur</strong> : "
                    + "droit inconnu « Sant » ; vouliez-vous dire « sante » ? "
                    + "<a href=\"/_fiches/modifier/alzheimer-cafe\">Corriger dans le formulaire</a></p>"
                    + "<pre> 4 | droits: [Sant, alimentation]\n   |          ^</pre></li>"))
        #expect(overlay.body.contains("1 erreur, 2 avertissements dans 1 fiche."))
        #expect(overlay.body.contains("data-generation=\"2\""))
        // Every page shows it, the home page too; the style sheet is still served.
        #expect(try await client.get("/").body.contains("id=\"fiches-erreurs\""))
        #expect(try await client.get("/assets/fiches.css").status == 200)

        async let fixed = client.get("/_fiches/evenements?depuis=2")
        try project.edit("droits: [Sant, alimentation]", "droits: [sante, alimentation]")
        #expect(try await fixed.body.contains("id: 3\nevent: reload"))
        let page = try await client.get("/fiches/alzheimer-cafe/")
        #expect(page.status == 200)
        #expect(!page.body.contains("fiches-erreurs"))
    }
}

@Test func anAssetOfATemplatesFolderIsServedAsItIsNow() async throws {
    let project = try Project(templates: true)
    await project.preview.rebuild()
    try await project.test { client in
        async let event = client.get("/_fiches/evenements?depuis=1")
        let css = URL(fileURLWithPath: project.templates).appendingPathComponent("assets/fiches.css")
        try Data("body { color: rebeccapurple; }\n".utf8).write(to: css)
        _ = try await event
        #expect(try await client.get("/assets/fiches.css").body == "body { color: rebeccapurple; }\n")
    }
}

@Test func anUnchangedSaveChangesNothingAndARemovedFicheIsGone() async throws {
    let project = try Project()
    let first = await project.preview.rebuild()
    #expect(first.readEverything)
    let pages = ["index.html", "fiches/alzheimer-cafe/index.html", "recherche/facettes.json"]
    for page in pages { _ = try project.preview.files.contents(page) }
    let path = try project.edit("titre:", "titre:")
    let same = await project.preview.rebuild(.paths([path]))
    #expect(!same.readEverything)
    // Nothing to render again.
    #expect(project.preview.files.renderedPaths == pages.sorted())
    let removed = project.root.appendingPathComponent("fiches/alimentation/ecrivain-public.md")
    try FileManager.default.removeItem(at: removed)
    let gone = await project.preview.rebuild(.paths([removed.path]))
    #expect(gone.snapshot.isBuilt)
    #expect(!gone.readEverything)
    // The home page lists it and the filters count it; the other fiche's page stays.
    #expect(project.preview.files.renderedPaths == ["fiches/alzheimer-cafe/index.html"])
    #expect(!project.paths.contains("fiches/ecrivain-public/index.html"))
    #expect(project.paths.contains("fiches/alzheimer-cafe/index.html"))
    try await project.test { client in
        let page = try await client.get("/fiches/ecrivain-public/")
        #expect(page.status == 404)
    }
}

/// After each kind of edit, handled file by file or by reading everything
/// again, every file the preview serves is the one a full build writes.
@Test func afterEachKindOfEditThePreviewServesWhatAFullBuildWrites() async throws {
    let project = try Project()
    func expectFullBuild(_ step: String) async throws {
        let full = try await project.fullBuild()
        #expect(project.paths.sorted() == full.keys.sorted(), "\(step)")
        for path in project.paths where try project.preview.files.contents(path) != full[path] {
            Issue.record("\(step): \(path) differs from the full build")
        }
    }
    await project.preview.rebuild()
    try await expectFullBuild("first build")
    let fiche = try project.edit("titre: Créer un Alzheimer café", "titre: Un Alzheimer café")
    #expect(await !project.preview.rebuild(.paths([fiche])).readEverything)
    try await expectFullBuild("a title")
    let catalogue = try project.edit(
        "Droit à la santé", "Droit à la protection de la santé", in: "fiches/catalogue.yml")
    #expect(await project.preview.rebuild(.paths([catalogue])).readEverything)
    try await expectFullBuild("a right's label in the catalogue")
    // A fiche with an initiator the catalogue lacks, then the catalogue gains it.
    try project.edit("porteurs: [pcs]", "porteurs: [pcs, commune]")
    #expect(await project.preview.rebuild(.paths([fiche])).snapshot.diagnostics.hasErrors)
    try project.edit("  - {id: pcs,", "  - {id: commune, libelle: Commune}\n  - {id: pcs,", in: "fiches/catalogue.yml")
    await project.preview.rebuild(.paths([catalogue]))
    try await expectFullBuild("an initiator added to the catalogue")
    let removed = project.root.appendingPathComponent("fiches/alimentation/ecrivain-public.md")
    try FileManager.default.removeItem(at: removed)
    await project.preview.rebuild(.paths([removed.path]))
    try await expectFullBuild("a fiche removed")
    let added = project.root.appendingPathComponent("fiches/alimentation/colis-solidaires.md")
    try FileManager.default.copyItem(
        at: project.root.appendingPathComponent("fiches/alimentation/colis-alimentaires.md"), to: added)
    try project.edit("titre:", "titre: Bis", in: "fiches/alimentation/colis-solidaires.md")
    await project.preview.rebuild(.paths([added.path]))
    try await expectFullBuild("a fiche added")
    let folder = project.root.appendingPathComponent("fiches/nouveau")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try FileManager.default.moveItem(at: added, to: folder.appendingPathComponent("colis-solidaires.md"))
    #expect(await project.preview.rebuild(.paths([folder.path, added.path])).readEverything)
    try await expectFullBuild("a fiche moved to a new folder")
    try project.edit("titre: Un Alzheimer café", "titre: Un Alzheimer café perdu")
    await project.preview.rebuild(.everything)
    try await expectFullBuild("lost events")
}

/// The preview reads again the files the watcher names, and only those.
@Test func onlyTheFilesTheWatcherNamesAreReadAgain() async throws {
    let project = try Project()
    await project.preview.rebuild()
    try project.edit(
        "titre: Mettre en place une maison médicale", "titre: Une maison médicale",
        in: "fiches/sante/maison-medicale.md")
    let named = try project.edit("titre: Créer un Alzheimer café", "titre: Un Alzheimer café")
    await project.preview.rebuild(.paths([named]))
    func page(_ slug: String) throws -> String {
        String(decoding: try #require(try project.preview.files.contents("fiches/\(slug)/index.html")), as: UTF8.self)
    }
    #expect(try page("alzheimer-cafe").contains("<h1>Un Alzheimer café</h1>"))
    // Not named: not read, so its page is the one from before.
    #expect(try page("maison-medicale").contains("<h1>Mettre en place une maison médicale</h1>"))
}

/// A page is rendered when it is asked for, and kept while what it is made of stays the same.
@Test func aPageIsRenderedOnceAndAgainOnlyWhenItsInputsChange() async throws {
    let project = try Project()
    await project.preview.rebuild()
    let files = project.preview.files
    #expect(files.renderedPaths.isEmpty)
    for path in ["index.html", "fiches/alzheimer-cafe/index.html", "fiches/maison-medicale/index.html"] {
        _ = try files.contents(path)
    }
    #expect(
        files.renderedPaths == ["fiches/alzheimer-cafe/index.html", "fiches/maison-medicale/index.html", "index.html"])
    let fiche = try project.edit("titre: Créer un Alzheimer café", "titre: Un Alzheimer café")
    await project.preview.rebuild(.paths([fiche]))
    // The home page lists the fiche's title: it is made again when next asked for; the other fiche is kept.
    #expect(files.renderedPaths == ["fiches/maison-medicale/index.html"])
    let home = String(decoding: try #require(try files.contents("index.html")), as: UTF8.self)
    #expect(home.contains("Un Alzheimer café"))
}

@Test func closingWakesTheWaitingPages() async throws {
    let project = try Project()
    await project.preview.rebuild()
    async let waiting = project.preview.generations.next(after: 1)
    project.preview.close()
    #expect(await waiting == nil)
    #expect(await project.preview.generations.next(after: 0) == nil)
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
