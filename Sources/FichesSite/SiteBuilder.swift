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
    public var site: GeneratedSite?
    /// The fiches read (published or not).
    public var ficheCount: Int
    public var publishedCount: Int
}

/// The pipeline: load → validate → render → write.
public enum SiteBuilder {
    /// Reads and validates the sources, writes nothing.
    public static func check(_ options: BuildOptions) async throws -> BuildResult {
        try await run(options, render: false).result
    }

    /// Reads, validates and renders the site in memory, writes nothing. With a
    /// `cache`, the fiches whose bytes have not changed since the last run are not read again.
    public static func generate(_ options: BuildOptions, cache: FicheCache? = nil) async throws -> BuildResult {
        try await run(options, render: true, cache: cache).result
    }

    /// Builds the site and swaps it into `options.output`, only when there is no
    /// error and `approve` accepts the generated site (a link check, say).
    public static func build(
        _ options: BuildOptions, approve: (GeneratedSite) async throws -> Bool = { _ in true }
    ) async throws -> BuildResult {
        try await build(options, approve: approve, disk: LocalDisk())
    }

    /// `build`, writing through `disk` (a failing one in tests).
    static func build(
        _ options: BuildOptions, approve: (GeneratedSite) async throws -> Bool = { _ in true }, disk: any SiteDisk
    ) async throws -> BuildResult {
        let writer = SiteWriter(output: options.output, protected: [options.source, options.templates], disk: disk)
        try writer.guardOutput()
        var result = try await generate(options)
        guard let site = result.site else { return result }
        guard try await approve(site) else {
            result.site = nil
            return result
        }
        try writer.write(site)
        return result
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
        let (result, fiches) = try await run(options, render: false)
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

    private static func run(
        _ options: BuildOptions, render: Bool, cache: FicheCache? = nil
    ) async throws -> (result: BuildResult, fiches: [LoadedFiche]) {
        let source = SourceFolder(options.source)
        let (files, scanDiagnostics) = try source.scan()
        let (catalogue, catalogueDiagnostics) = try source.readCatalogue()
        guard let catalogue else {
            let result = BuildResult(
                diagnostics: catalogueDiagnostics.sorted(), site: nil, ficheCount: files.count, publishedCount: 0)
            return (result, [])
        }
        if let cache {
            cache.begin(context: try source.read(source.catalogue) + Data(options.today.description.utf8))
            cache.keep(only: files)
        }
        let loaded = try await load(files, from: source, catalogue: catalogue, today: options.today, cache: cache)
        let published = loaded.filter { options.drafts || $0.fiche?.statut != .brouillon }
        var diagnostics = catalogueDiagnostics + scanDiagnostics + loaded.flatMap(\.diagnostics)
        diagnostics += CrossReferences(fiches: loaded, source: source, published: Set(published.map(\.slug)))
            .diagnostics()
        diagnostics.sort()
        var result = BuildResult(
            diagnostics: diagnostics, site: nil, ficheCount: files.count, publishedCount: published.count)
        guard render, !diagnostics.hasErrors else { return (result, loaded) }

        let templates = try await TemplateSet(folder: options.templates)
        var baseURL = options.baseURL ?? catalogue.site.url
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        let renderer = SiteRenderer(
            catalogue: catalogue, fiches: published, templates: templates, baseURL: baseURL, cache: cache)
        let output = try await renderer.pages() + medias(of: published, in: source) + assets(in: options.templates)
        result.site = GeneratedSite(
            files: output.sorted { $0.path < $1.path }, manifest: SiteManifest(url: baseURL),
            origins: renderer.origins())
        return (result, loaded)
    }

    /// Across the cores; results are merged in path order, whatever the scheduling.
    /// A fiche whose bytes are those `cache` has is not parsed again.
    private static func load(
        _ files: [SourceFile], from source: SourceFolder, catalogue: Catalogue, today: ISODate, cache: FicheCache?
    ) async throws -> [LoadedFiche] {
        try await files.concurrentMap { file in
            let bytes: Data
            switch source.contents(of: file) {
            case .success(let data): bytes = data
            case .failure(let problem): return LoadedFiche(file: file, diagnostics: [problem])
            }
            if let loaded = cache?.loaded(file, bytes: bytes) { return loaded }
            let loaded = LoadedFiche.load(file, bytes: bytes, catalogue: catalogue, today: today)
            cache?.store(loaded, bytes: bytes)
            return loaded
        }
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
