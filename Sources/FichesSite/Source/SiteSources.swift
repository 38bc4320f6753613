import FichesCore
import Foundation
import SiteTemplate

/// The sources of a site, read: the catalogue, the site's context, and each
/// fiche file loaded on its own (with its page). A build reads them once; the
/// preview keeps them and reads again only the files that changed.
public struct SiteSources: Sendable {
    /// One fiche file, loaded, and its page when it can be published.
    struct Entry: Sendable {
        var fiche: LoadedFiche
        var page: Page?
        /// The bytes read; nil when the file could not be read.
        var digest: Digest?
    }

    /// What reading makes of each fiche besides its checks.
    enum FichePages: Sendable {
        /// Nothing: the sources are only checked.
        case none
        /// Its page, kept with it (the preview renders pages when they are asked for).
        case kept
        /// Its page, rendered and handed to `write` as soon as it is made, and not kept (a build).
        case written(@Sendable (_ path: String, _ output: PageOutput) throws -> Void)
    }

    public private(set) var options: BuildOptions
    let folder: SourceFolder
    let fichePages: FichePages
    /// Nil when `catalogue.yml` has errors: no fiche can be read without it.
    let context: SiteContext?
    private let scanDiagnostics: [Diagnostic]
    private let catalogueDiagnostics: [Diagnostic]
    /// By path in the source folder.
    private(set) var entries: [String: Entry] = [:]
    /// The paths of `entries`, sorted.
    private var order: [String] = []

    /// Scans the source folder and reads the catalogue and every fiche, across the cores.
    public static func read(_ options: BuildOptions) async throws -> SiteSources {
        try await read(options, fichePages: .kept)
    }

    static func read(_ options: BuildOptions, fichePages: FichePages) async throws -> SiteSources {
        let folder = SourceFolder(options.source)
        let (files, scanDiagnostics) = try folder.scan()
        let (catalogue, catalogueDiagnostics) = try folder.readCatalogue()
        let (assets, assetDiagnostics) = try assets(options.templates)
        var context: SiteContext?
        if let catalogue {
            context = SiteContext(
                catalogue: catalogue,
                router: Router(
                    baseURL: options.baseURL ?? catalogue.site.url, splitGuide: files.count >= SiteContext.largeFrom),
                assets: assets, source: folder)
        }
        var sources = SiteSources(
            options: options, folder: folder, fichePages: fichePages, context: context,
            scanDiagnostics: scanDiagnostics + assetDiagnostics, catalogueDiagnostics: catalogueDiagnostics)
        Stages.mark("sources parcourues")
        guard let loader = sources.loader else {
            // Without a catalogue, the fiches are counted but not read.
            for file in files {
                sources.entries[file.path] = Entry(
                    fiche: LoadedFiche(file: file, diagnostics: []), page: nil, digest: nil)
            }
            sources.order = files.map(\.path)
            return sources
        }
        let reader = sources
        let entries = try await files.concurrentMap { file in try reader.load(file, with: loader) }
        for entry in entries { sources.entries[entry.fiche.file.path] = entry }
        sources.order = files.map(\.path)
        Stages.mark("fiches lues")
        return sources
    }

    private init(
        options: BuildOptions, folder: SourceFolder, fichePages: FichePages, context: SiteContext?,
        scanDiagnostics: [Diagnostic], catalogueDiagnostics: [Diagnostic]
    ) {
        self.options = options
        self.folder = folder
        self.fichePages = fichePages
        self.context = context
        self.scanDiagnostics = scanDiagnostics
        self.catalogueDiagnostics = catalogueDiagnostics
    }

    private var loader: FicheLoader? {
        context.map {
            var renders = true
            if case .none = fichePages { renders = false }
            return FicheLoader(
                catalogue: $0.catalogue, router: $0.router, spill: $0.spill, today: options.today, renders: renders)
        }
    }

    /// The file loaded, or `previous` when its bytes are the same.
    private func load(_ file: SourceFile, with loader: FicheLoader, previous: Entry? = nil) throws -> Entry {
        switch folder.contents(of: file) {
        case .success(let bytes):
            let digest = Digest(bytes)
            if let previous, previous.digest == digest { return previous }
            var (fiche, page) = loader.load(file, bytes: bytes, digest: digest)
            if case .written(let write) = fichePages, let made = page, let context {
                if let statut = fiche.fiche?.statut, options.publishes(statut) {
                    try write(made.route.file, PageRenderer(context: context).render(made))
                }
                page = nil
            }
            return Entry(fiche: fiche, page: page, digest: digest)
        case .failure(let problem):
            return Entry(fiche: LoadedFiche(file: file, diagnostics: [problem]), page: nil, digest: nil)
        }
    }

    /// Reads again the files at `paths` (as a watcher names them, under the
    /// source folder): a fiche changed, added or removed. False when that is
    /// not enough and everything must be read again: the catalogue changed, a
    /// folder or a link came or went, the guide would change its layout.
    public mutating func reload(_ paths: Set<String>) throws -> Bool {
        guard let loader else { return false }
        var changed: [SourceFile] = []
        for path in paths {
            guard let relative = folder.relativePath(path) else { continue }
            let parts = relative.split(separator: "/")
            guard let name = parts.last else { return false }
            if relative == "catalogue.yml" { return false }
            if parts.contains(where: { $0.hasPrefix("_") || $0.hasPrefix(".") }) { continue }
            guard name.hasSuffix(".md"), name != "README.md" else {
                // An image or another file beside the fiches: checked again with the links. A folder: scan.
                if folder.isFolder(relative) { return false }
                continue
            }
            if folder.isFolder(relative) || folder.isLink(relative) { return false }
            changed.append(folder.file(relative))
        }
        for file in changed {
            if folder.isRegularFile(file.path) {
                if entries[file.path] == nil {
                    order.insert(file.path, at: order.firstIndex { $0 > file.path } ?? order.count)
                }
                entries[file.path] = try load(file, with: loader, previous: entries[file.path])
            } else if entries.removeValue(forKey: file.path) != nil {
                order.removeAll { $0 == file.path }
            }
        }
        return (entries.count >= SiteContext.largeFrom) == (context?.large ?? false)
    }

    /// Every problem of every file, the checks between fiches included, and
    /// when there is none, the site's plan.
    public func check() async -> CheckedSite {
        await check(planning: true)
    }

    private func check(planning: Bool) async -> CheckedSite {
        let loaded = order.compactMap { entries[$0]?.fiche }
        // Counted and named, not copied: ten thousand fiches took a sixth of a preview's rebuild.
        var publishable = 0
        var draftCount = 0
        var drafts: Set<String> = []
        for fiche in loaded {
            guard let statut = fiche.fiche?.statut else { continue }
            if statut == .brouillon { draftCount += 1 }
            if options.publishes(statut) { publishable += 1 } else { drafts.insert(fiche.slug) }
        }
        var diagnostics = catalogueDiagnostics + scanDiagnostics + loaded.flatMap(\.diagnostics)
        Stages.mark("fiches réunies")
        if context != nil {
            var references = CrossReferences(fiches: loaded, source: folder, drafts: drafts)
            references.retirees = context?.catalogue.retirees ?? []
            references.today = options.today
            diagnostics += references.diagnostics()
        }
        let published = loaded.compactMap(\.published).filter { options.publishes($0.fiche.statut) }
        diagnostics.sort()
        Stages.mark("liens entre fiches vérifiés")
        var site = CheckedSite(diagnostics: diagnostics, ficheCount: loaded.count, publishedCount: publishable)
        site.draftCount = draftCount
        guard planning, let context, !diagnostics.hasErrors, loader?.renders == true else { return site }
        let fichePages = published.compactMap { entries[$0.file.path]?.page }
        site.plan = (context, fichePages + (await SitePlan.make(context, fiches: published)).pages)
        Stages.mark("pages prévues")
        return site
    }

    // MARK: The preview's form

    /// The catalogue, when it could be read.
    public var catalogue: Catalogue? { context?.catalogue }

    /// The path in the source folder of the fiche named `slug`, when there is one.
    public func path(ofSlug slug: String) -> String? {
        order.first { entries[$0]?.fiche.slug == slug }
    }

    /// The file at `path` as messages name it (`fiches/sante/alzheimer-cafe.md`).
    public func display(_ path: String) -> String { folder.file(path).display }

    /// Whether `path` (relative to the source folder) is under it once every link is followed.
    public func isInside(_ path: String) -> Bool { folder.isInside(path) }

    /// What the sources would be with `bytes` in the fiche file at `path`,
    /// checked as `fiches check` does (drafts not published, whatever the
    /// preview shows): the problems of every file, the checks between fiches
    /// included, and those of the sources as they are, to tell which the change
    /// makes; the fiche's page when it has no problem of its own (else its body alone).
    public func trying(
        _ bytes: Data, at path: String
    ) async -> (diagnostics: [Diagnostic], before: [Diagnostic], page: Data?, body: HTML?) {
        guard let loader, let context else {
            return (catalogueDiagnostics + scanDiagnostics, catalogueDiagnostics + scanDiagnostics, nil, nil)
        }
        var unchanged = self
        unchanged.options.drafts = false
        let before = await unchanged.check(planning: false).diagnostics
        let (entry, page, body) = rendered(bytes, at: path, loader: loader, context: context)
        var sources = unchanged
        if sources.entries[path] == nil {
            sources.order.insert(path, at: sources.order.firstIndex { $0 > path } ?? sources.order.count)
        }
        sources.entries[path] = entry
        return (await sources.check(planning: false).diagnostics, before, page, body)
    }

    /// The fiche at `path` with `bytes`, rendered only (for the form's script, at each pause in the typing).
    public func rendering(_ bytes: Data, at path: String) -> (page: Data?, body: HTML?) {
        guard let loader, let context else { return (nil, nil) }
        let (_, page, body) = rendered(bytes, at: path, loader: loader, context: context)
        return (page, body)
    }

    /// The fiche loaded from `bytes`, and its page, or its body alone while it has errors.
    private func rendered(
        _ bytes: Data, at path: String, loader: FicheLoader, context: SiteContext
    ) -> (entry: Entry, page: Data?, body: HTML?) {
        let file = folder.file(path)
        let digest = Digest(bytes)
        let (fiche, page) = loader.load(file, bytes: bytes, digest: digest)
        let entry = Entry(fiche: fiche, page: page, digest: digest)
        guard let page, case .bytes(let html) = PageRenderer(context: context).render(page) else {
            let text = String(decoding: bytes, as: UTF8.self).replacing("\r\n", with: "\n")
            return (entry, nil, try? FrontMatter.split(text).map { loader.preview(body: $0.body, of: file) }.get())
        }
        return (entry, html, nil)
    }

    /// The assets of a `--templates` folder (`<folder>/assets/**`), or the compiled ones;
    /// a warning for each compiled asset the folder lacks, since every page links to them.
    private static func assets(
        _ templates: String?
    ) throws -> (assets: [(name: String, source: AssetSource)], diagnostics: [Diagnostic]) {
        guard let templates else { return (Assets.files.map { ($0.name, .compiled($0.bytes)) }, []) }
        let folder = "\(templates)/assets"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError(
                "dossier des fichiers du site introuvable : \(folder) (--templates attend le dossier qui contient assets/)"
            )
        }
        var files: [(name: String, source: AssetSource)] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let path = enumerator?.nextObject() as? String {
            if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(folder)/\(path)")
            guard attributes?[.type] as? FileAttributeType == .typeRegular else { continue }
            files.append(
                (
                    path,
                    .file(
                        path: "\(folder)/\(path)", size: (attributes?[.size] as? Int) ?? 0,
                        modified: (attributes?[.modificationDate] as? Date) ?? .distantPast)
                ))
        }
        let missing = Set(Assets.files.map(\.name)).subtracting(files.map(\.name)).sorted()
        let diagnostics = missing.map {
            Diagnostic(
                file: folder, location: SourceLocation(line: 1, column: 1), severity: .warning,
                message: "fichier « \($0) » absent : les pages du site y renvoient, ce lien sera cassé "
                    + "(il est dans site-template/assets/)")
        }
        return (files.sorted { $0.name < $1.name }, diagnostics)
    }
}

/// The sources checked: every problem, and when there is none the plan of
/// every page of the site, to render.
public struct CheckedSite: Sendable {
    /// Sorted by file and place.
    public var diagnostics: [Diagnostic]
    /// The fiche files read (published or not).
    public var ficheCount: Int
    public var publishedCount: Int
    /// The fiches whose `statut` is `brouillon`, published (`--drafts`, the preview) or not.
    public var draftCount = 0
    /// Nil when the sources have an error.
    var plan: (context: SiteContext, pages: [Page])?

    init(diagnostics: [Diagnostic], ficheCount: Int, publishedCount: Int) {
        self.diagnostics = diagnostics
        self.ficheCount = ficheCount
        self.publishedCount = publishedCount
    }

    /// Whether there is a site to publish.
    public var isPublishable: Bool { plan != nil }
}

/// One file of a checked site: where it goes and what it is made of. Two
/// planned files that are equal make the same bytes, which is how the preview
/// knows a page it rendered before is still good.
public struct PlannedFile: Sendable, Equatable {
    let page: Page
    let renderer: PageRenderer

    /// Relative to the site's folder: `fiches/alzheimer-cafe/index.html`.
    public var path: String { page.route.file }

    public var route: Route { page.route }

    /// A file copied as it is (an asset of a `--templates` folder, an image
    /// beside the fiches), read anew each time: its inputs do not say when it changed.
    public var isCopy: Bool {
        switch page {
        case .asset(_, .file), .media: return true
        default: return false
        }
    }

    /// The file's bytes.
    public func contents() throws -> Data {
        switch renderer.render(page) {
        case .bytes(let data): return data
        case .copy(let source): return try Data(contentsOf: URL(fileURLWithPath: source))
        }
    }

    public static func == (a: PlannedFile, b: PlannedFile) -> Bool {
        a.renderer.context === b.renderer.context && a.page == b.page
    }
}

extension CheckedSite {
    /// Every file of the site; none when the sources have an error.
    public var plannedFiles: [PlannedFile] {
        guard let plan else { return [] }
        let renderer = PageRenderer(context: plan.context)
        return plan.pages.map { PlannedFile(page: $0, renderer: renderer) }
    }
}
