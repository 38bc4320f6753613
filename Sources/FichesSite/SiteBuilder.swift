import FichesCore
import Foundation

/// What a run reads and where it writes.
public struct BuildOptions: Sendable {
    public var source = "fiches"
    public var templates = "site-template"
    public var output = "_site"
    /// Publish fiches whose `statut` is `brouillon` too.
    public var drafts = false
    /// Replaces `site.url` (absolute, ending with `/`).
    public var baseURL: String?
    /// The day against which `mise-a-jour` must not be in the future.
    public var today = ISODate.today()

    public init() {}
}

/// What a run found, and the site when there was no error.
public struct BuildResult: Sendable {
    /// Every problem of every file, sorted by file and place.
    public var diagnostics: [Diagnostic]
    /// The site in memory, from `generate` only (a build writes as it renders).
    public var site: GeneratedSite?
    /// The fiches read (published or not).
    public var ficheCount: Int
    public var publishedCount: Int
    /// The HTML pages of the site generated (and for a build, published); nil when there is none.
    public var pageCount: Int?
}

/// A built site in its temporary folder, before it replaces the output: what a
/// build's `approve` (the link check) looks at.
public struct StagedSite: Sendable {
    public var folder: String
    public var manifest: SiteManifest
    public var origins: LinkOrigins
}

/// The pipeline: load → validate → render → write.
public enum SiteBuilder {
    /// Reads and validates the sources, writes nothing.
    public static func check(_ options: BuildOptions) async throws -> BuildResult {
        try await run(options).result
    }

    /// Reads, validates and renders the site in memory, writes nothing. With a
    /// `cache`, the fiches whose bytes have not changed since the last run are not read again.
    public static func generate(_ options: BuildOptions, cache: FicheCache? = nil) async throws -> BuildResult {
        let sink = MemorySink()
        var (result, _, site) = try await run(options, cache: cache, sink: sink)
        if let site {
            result.site = GeneratedSite(files: sink.sorted, manifest: site.manifest, origins: site.origins)
            result.pageCount = result.site?.pageCount
        }
        return result
    }

    /// Builds the site into a temporary folder beside `options.output` and swaps it
    /// in, only when there is no error and `approve` accepts it (a link check, say).
    /// Pages are written as they are rendered: the site is never whole in memory.
    public static func build(
        _ options: BuildOptions, approve: (StagedSite) async throws -> Bool = { _ in true }
    ) async throws -> BuildResult {
        try await build(options, approve: approve, disk: LocalDisk())
    }

    /// `build`, writing through `disk` (a failing one in tests).
    static func build(
        _ options: BuildOptions, approve: (StagedSite) async throws -> Bool = { _ in true }, disk: any SiteDisk
    ) async throws -> BuildResult {
        let writer = SiteWriter(output: options.output, protected: [options.source, options.templates], disk: disk)
        let staging = try writer.stage()
        do {
            var (result, _, site) = try await run(options, sink: staging.sink)
            guard let site else {
                writer.discard(staging)
                return result
            }
            try writer.finish(staging, manifest: site.manifest, origins: site.origins)
            guard
                try await approve(
                    StagedSite(folder: staging.folder.path, manifest: site.manifest, origins: site.origins))
            else {
                writer.discard(staging)
                return result
            }
            try writer.publish(staging)
            result.pageCount = staging.sink.pages
            return result
        } catch {
            writer.discard(staging)
            throw error
        }
    }

    /// A fiche due for review, with what the editorial team needs to chase it.
    public struct Review: Sendable {
        public var file: String
        public var titre: String
        public var miseAJour: ISODate
        /// Whole months since `miseAJour`.
        public var months: Int
        public var contacts: [Contact]
    }

    /// Checks the sources, and lists the fiches (drafts included) whose
    /// `mise-a-jour` is more than `site.revision-mois` months before `options.today`,
    /// oldest first; also the catalogue's `revision-mois`.
    public static func review(_ options: BuildOptions) async throws -> (BuildResult, [Review], months: Int) {
        let source = SourceFolder(options.source)
        let (catalogue, _) = try source.readCatalogue()
        let (result, fiches, _) = try await run(options)
        guard let catalogue else { return (result, [], 0) }
        let limit = options.today.adding(months: -catalogue.site.revisionMois)
        let due = fiches.compactMap(\.fiche).filter { $0.miseAJour < limit }
            .sorted { ($0.miseAJour, $0.file) < ($1.miseAJour, $1.file) }
            .map {
                Review(
                    file: $0.file, titre: $0.titre, miseAJour: $0.miseAJour,
                    months: $0.miseAJour.months(until: options.today), contacts: $0.contacts)
            }
        return (result, due, catalogue.site.revisionMois)
    }

    /// Reads only `catalogue.yml` of the source folder.
    public static func catalogue(source: String) throws -> (Catalogue?, [Diagnostic]) {
        try SourceFolder(source).readCatalogue()
    }

    /// Reads and checks the sources; with a `sink`, renders the site into it.
    private static func run(
        _ options: BuildOptions, cache: FicheCache? = nil, sink: (any SiteSink)? = nil
    ) async throws -> (
        result: BuildResult, fiches: [LoadedFiche], site: (manifest: SiteManifest, origins: LinkOrigins)?
    ) {
        let stages = Stages()
        let source = SourceFolder(options.source)
        let (files, scanDiagnostics) = try source.scan()
        let (catalogue, catalogueDiagnostics) = try source.readCatalogue()
        stages.mark("sources parcourues")
        guard let catalogue else {
            let result = BuildResult(
                diagnostics: catalogueDiagnostics.sorted(), site: nil, ficheCount: files.count, publishedCount: 0)
            return (result, [], nil)
        }
        var baseURL = options.baseURL ?? catalogue.site.url
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        let renderer =
            sink == nil
            ? nil
            : SiteRenderer(
                catalogue: catalogue, templates: try await TemplateSet(folder: options.templates), baseURL: baseURL,
                layout: Layout(sourceFiles: files.count), spill: cache == nil ? SpillFile() : nil,
                pageCache: cache?.pages, openDataCache: cache?.openData)
        if let cache {
            var context = try source.read(source.catalogue) + Data("\(options.today) \(options.drafts)".utf8)
            if let renderer {
                context += renderer.templates.fingerprint + Data("\(renderer.baseURL) \(renderer.layout.large)".utf8)
            }
            cache.begin(context: context)
            cache.keep(only: files)
        }
        let isPublished: @Sendable (LoadedFiche) -> Bool = { options.drafts || $0.fiche?.statut != .brouillon }
        // Each fiche is read, checked and, when it can be published, its page
        // rendered and written, in one task: only what the other pages need stays.
        let loaded = try await files.concurrentMap { file -> LoadedFiche in
            let bytes: Data
            switch source.contents(of: file) {
            case .success(let data): bytes = data
            case .failure(let problem): return LoadedFiche(file: file, diagnostics: [problem])
            }
            if let (loaded, page) = cache?.entry(file, bytes: bytes) {
                if let page { try sink?.put(page) }
                return loaded
            }
            var loaded = LoadedFiche.load(
                file, bytes: bytes, catalogue: catalogue, today: options.today, layout: renderer?.layout)
            var page: OutputFile?
            if let renderer, let sink, loaded.fiche != nil, loaded.body != nil, isPublished(loaded),
                !loaded.diagnostics.hasErrors
            {
                (loaded, page) = try renderer.fiche(loaded)
                try sink.put(page!)
            }
            loaded.body = nil
            cache?.store(loaded, page: page, bytes: bytes)
            return loaded
        }
        stages.mark("fiches lues et pages des fiches écrites")
        let published = loaded.filter(isPublished)
        var diagnostics = catalogueDiagnostics + scanDiagnostics + loaded.flatMap(\.diagnostics)
        diagnostics += CrossReferences(fiches: loaded, source: source, published: Set(published.map(\.slug)))
            .diagnostics()
        diagnostics.sort()
        let result = BuildResult(
            diagnostics: diagnostics, site: nil, ficheCount: files.count, publishedCount: published.count)
        guard let renderer, let sink, !diagnostics.hasErrors else { return (result, loaded, nil) }

        stages.mark("liens entre fiches vérifiés")
        let origins = try await renderer.site(published, into: sink, stages: stages)
        for file in medias(of: published, in: source) + assets(in: options.templates) { try sink.put(file) }
        stages.mark("autres pages écrites")
        return (result, loaded, (SiteManifest(url: renderer.baseURL), origins))
    }

    /// The files the published fiches link to, copied to `medias/`.
    private static func medias(of fiches: [LoadedFiche], in source: SourceFolder) -> [OutputFile] {
        let paths = Set(
            fiches.flatMap { $0.links.compactMap { if case .file(let path) = $0.target { path } else { nil } } })
        return paths.sorted().map { OutputFile(path: "medias/\($0)", contents: .copy(from: "\(source.root)/\($0)")) }
    }

    /// `site-template/assets/**`, copied to `assets/`.
    private static func assets(in templates: String) -> [OutputFile] {
        let folder = "\(templates)/assets"
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [OutputFile] = []
        while let path = enumerator.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(folder)/\(path)", isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                files.append(OutputFile(path: "assets/\(path)", contents: .copy(from: "\(folder)/\(path)")))
            }
        }
        return files
    }
}
