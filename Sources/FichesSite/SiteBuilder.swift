import FichesCore
import Foundation

/// What a run reads and where it writes.
public struct BuildOptions: Sendable {
    public var source = "fiches"
    /// A folder whose `assets/` are published instead of those compiled into
    /// the tool (the portal team's `site-template/`, being edited).
    public var templates: String?
    public var output = "_site"
    /// Publish fiches whose `statut` is `brouillon` too.
    public var drafts = false
    /// Replaces `site.url` (absolute, ending with `/`).
    public var baseURL: String?
    /// The day against which `mise-a-jour` must not be in the future.
    public var today = ISODate.today()

    public init() {}

    /// Whether a fiche of this `statut` is published: a draft only with `drafts`.
    func publishes(_ statut: Fiche.Statut) -> Bool { drafts || statut != .brouillon }
}

/// What a run found, and what it published.
public struct BuildResult: Sendable {
    /// Every problem of every file, sorted by file and place.
    public var diagnostics: [Diagnostic]
    /// The fiche files read (published or not).
    public var ficheCount: Int
    public var publishedCount: Int
    /// The HTML pages published; nil when nothing was.
    public var pageCount: Int?
}

/// A built site in its temporary folder, before it replaces the output: what a
/// build's `approve` (the link check) looks at.
public struct StagedSite: Sendable {
    public var folder: String
    public var manifest: SiteManifest

    /// Where the links of the pages come from in the fiches (read when asked for).
    public var origins: LinkOrigins { LinkOrigins.read(site: folder) ?? LinkOrigins([:]) }
}

/// The pipeline: read and check the sources (`SiteSources`), plan the pages
/// (`SitePlan`), render each (`PageRenderer`) and write it as soon as it is
/// made, into a folder that replaces the output at once (`SiteWriter`).
public enum SiteBuilder {
    /// Reads and checks the sources, renders and writes nothing. With `files`
    /// (paths as the user gives them), only their problems and those of
    /// `catalogue.yml` are kept, their links to other fiches still checked
    /// against the whole catalogue.
    public static func check(_ options: BuildOptions, files: [String] = []) async throws -> BuildResult {
        let source = SourceFolder(options.source)
        let chosen = try files.map { try source.fiche(at: $0).display }
        var result = result(try await SiteSources.read(options, fichePages: .none).check())
        guard !chosen.isEmpty else { return result }
        let kept = Set(chosen + [source.catalogue.display])
        result.diagnostics.removeAll { !kept.contains($0.file) }
        result.ficheCount = Set(chosen).count
        return result
    }

    /// Builds the site into a temporary folder beside `options.output` and swaps it
    /// in, only when there is no error and `approve` accepts it (a link check, say).
    public static func build(
        _ options: BuildOptions, approve: (StagedSite) async throws -> Bool = { _ in true }
    ) async throws -> BuildResult {
        try await build(options, approve: approve, disk: LocalDisk())
    }

    /// `build`, writing through `disk` (a failing one in tests).
    static func build(
        _ options: BuildOptions, approve: (StagedSite) async throws -> Bool = { _ in true }, disk: any SiteDisk
    ) async throws -> BuildResult {
        let protected = [options.source] + (options.templates.map { [$0] } ?? [])
        let writer = SiteWriter(output: options.output, protected: protected, disk: disk)
        let staging = try writer.stage()
        do {
            // Each fiche's page is written as soon as the fiche is read: its HTML is not kept.
            let sink = staging.sink
            let site = try await SiteSources.read(options, fichePages: .written { try sink.put($0, $1) }).check()
            var result = result(site)
            guard let plan = site.plan else {
                writer.discard(staging)
                return result
            }
            let renderer = PageRenderer(context: plan.context)
            try await plan.pages.concurrentForEach { page in
                try staging.sink.put(page.route.file, renderer.render(page))
            }
            Stages.mark("pages écrites")
            let staged = StagedSite(
                folder: staging.folder.path, manifest: SiteManifest(url: plan.context.router.baseURL))
            guard try await approve(staged) else {
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

    /// One file of the site as a build makes it, without writing anything
    /// (`fiches diff` compares `fiches.json`); nil when the sources have an error.
    public static func file(_ route: Route, _ options: BuildOptions) async throws -> (BuildResult, Data?) {
        let site = try await SiteSources.read(options).check()
        guard let plan = site.plan, let page = plan.pages.first(where: { $0.route == route }),
            case .bytes(let data) = PageRenderer(context: plan.context).render(page)
        else { return (result(site), nil) }
        return (result(site), data)
    }

    private static func result(_ site: CheckedSite) -> BuildResult {
        BuildResult(
            diagnostics: site.diagnostics, ficheCount: site.ficheCount, publishedCount: site.publishedCount,
            pageCount: nil)
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
        let sources = try await SiteSources.read(options, fichePages: .none)
        let result = result(await sources.check())
        guard let catalogue = sources.context?.catalogue else { return (result, [], 0) }
        let limit = options.today.adding(months: -catalogue.site.revisionMois)
        let due = sources.entries.values.compactMap(\.fiche.fiche).filter { $0.miseAJour < limit }
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
}
