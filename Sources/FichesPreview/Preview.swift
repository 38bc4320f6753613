import FichesCore
import FichesSite
import Foundation

/// The site as the preview shows it, kept in memory: the sources read, each
/// file of the site planned from them, and each page rendered when it is first
/// asked for, then remembered while what it is made of stays the same. After
/// a save, only the files named by the watcher are read again.
public actor Preview {
    /// What one rebuild did, for the terminal.
    public struct Rebuild: Sendable {
        public var snapshot: Snapshot
        public var duration: Duration
        /// The fiches published, drafts included.
        public var published: Int
        public var drafts = 0
        /// Whether every source was read again (the first time, or after a
        /// change to the catalogue, a folder, or lost events).
        public var readEverything: Bool

        public var milliseconds: Int {
            Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
    }

    nonisolated let generations = Generations()
    /// The site's files and the pages already rendered.
    nonisolated let files = PageMemo()
    private let options: BuildOptions
    private var sources: SiteSources?

    public init(options: BuildOptions) {
        self.options = options
    }

    /// The last snapshot published.
    public nonisolated var current: Snapshot { generations.current }

    /// Reads again what `change` names (everything when it is nil, or when the
    /// change cannot be handled file by file), checks the sources and plans the
    /// site; either way, publishes a new generation so open pages reload.
    @discardableResult
    public func rebuild(_ change: FolderWatcher.Change? = nil) async -> Rebuild {
        let clock = ContinuousClock()
        let start = clock.now
        var rebuild = Rebuild(
            snapshot: Snapshot(generation: current.generation + 1, diagnostics: []), duration: .zero, published: 0,
            readEverything: false)
        do {
            Stages.mark("aperçu : début")
            var options = options
            options.today = ISODate.today()
            // Read again file by file, in place: the sources are not copied.
            if sources?.options.today == options.today, case .paths(let paths) = change,
                paths.allSatisfy({ !isTemplate($0) }), try sources?.reload(paths) == true
            {
                rebuild.readEverything = false
            } else {
                sources = try await SiteSources.read(options)
                rebuild.readEverything = true
            }
            Stages.mark("aperçu : fiches relues")
            let site = await sources?.check()
            rebuild.snapshot.diagnostics = site?.diagnostics ?? []
            rebuild.published = site?.publishedCount ?? 0
            rebuild.drafts = site?.draftCount ?? 0
            if let site, site.isPublishable { files.update(site.plannedFiles) }
            Stages.mark("aperçu : pages à jour")
        } catch let error as BuildError {
            rebuild.snapshot.failure = error.message
        } catch {
            rebuild.snapshot.failure = "\(error)"
        }
        rebuild.duration = clock.now - start
        generations.publish(rebuild.snapshot)
        return rebuild
    }

    // MARK: The form

    /// The source folder, as the user named it.
    nonisolated var sourceFolder: String { options.source }

    /// The catalogue, once the sources could be read.
    var catalogue: Catalogue? { sources?.catalogue }

    /// The path in the source folder of the fiche named `slug`, and how messages name it.
    func fiche(_ slug: String) -> (path: String, display: String)? {
        guard Slug.isValid(slug), let sources, let path = sources.path(ofSlug: slug) else { return nil }
        return (path, sources.display(path))
    }

    func display(_ path: String) -> String { sources?.display(path) ?? "\(options.source)/\(path)" }

    func isInside(_ path: String) -> Bool { sources?.isInside(path) ?? false }

    /// What the sources would be with `bytes` in the fiche file at `path`, checked as `fiches check` does.
    func trying(
        _ bytes: Data, at path: String
    ) async -> (diagnostics: [Diagnostic], before: [Diagnostic], page: Data?, body: HTML?) {
        guard let sources else { return (current.diagnostics, current.diagnostics, nil, nil) }
        return await sources.trying(bytes, at: path)
    }

    /// The fiche at `path` with `bytes`, rendered only.
    func rendering(_ bytes: Data, at path: String) -> (page: Data?, body: HTML?) {
        sources?.rendering(bytes, at: path) ?? (nil, nil)
    }

    /// Whether the preview shows drafts (not with `--sans-brouillons`).
    nonisolated var showsDrafts: Bool { options.drafts }

    /// Whether `path` is in the `--templates` folder (its assets).
    private func isTemplate(_ path: String) -> Bool {
        guard let templates = options.templates else { return false }
        return path == templates || path.hasPrefix(templates + "/")
    }

    /// Wakes the pages waiting for a change.
    public nonisolated func close() {
        generations.close()
    }
}
