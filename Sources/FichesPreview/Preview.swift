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
        /// The fiches published, and the files of the site whose inputs changed
        /// (those to render again), added or removed.
        public var published: Int
        public var changed: Int
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
            changed: 0, readEverything: false)
        do {
            var options = options
            options.today = ISODate.today()
            if var sources, sources.options.today == options.today, case .paths(let paths) = change,
                paths.allSatisfy({ !isTemplate($0) }), try sources.reload(paths)
            {
                self.sources = sources
            } else {
                sources = try await SiteSources.read(options)
                rebuild.readEverything = true
            }
            let site = await sources?.check()
            rebuild.snapshot.diagnostics = site?.diagnostics ?? []
            rebuild.published = site?.publishedCount ?? 0
            if let site, site.isPublishable { rebuild.changed = files.update(site.plannedFiles) }
        } catch let error as BuildError {
            rebuild.snapshot.failure = error.message
        } catch {
            rebuild.snapshot.failure = "\(error)"
        }
        rebuild.duration = clock.now - start
        generations.publish(rebuild.snapshot)
        return rebuild
    }

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
