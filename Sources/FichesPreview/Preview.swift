import FichesCore
import FichesSite
import Foundation

/// The site as the preview serves it: built into a temporary folder of its
/// own (never the publish folder), rebuilt after every change, each fiche
/// parsed again only when its bytes changed.
public actor Preview {
    /// What one rebuild did, for the terminal.
    public struct Rebuild: Sendable {
        public var snapshot: Snapshot
        public var duration: Duration
        /// The fiches published, and the files of the site written and removed.
        public var published: Int
        public var written: Int
        public var removed: Int

        public var milliseconds: Int {
            Int(duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
        }
    }

    public nonisolated let folder: URL
    nonisolated let generations = Generations()
    private let options: BuildOptions
    private let cache = FicheCache()
    private let mirror: FolderMirror

    /// `options.output` is ignored: the site goes to a new temporary folder.
    public init(options: BuildOptions) throws {
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("fiches-apercu-XXXXXX")
        var template = Array(temporary.path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw BuildError("impossible de créer le dossier temporaire de l'aperçu dans \(NSTemporaryDirectory())")
        }
        folder = URL(fileURLWithPath: String(cString: made))
        mirror = FolderMirror(root: folder)
        self.options = options
    }

    /// The last snapshot published.
    public nonisolated var current: Snapshot { generations.current }

    /// Reads the sources again and, when they have no error, brings the folder up to date;
    /// either way, publishes a new generation so open pages reload.
    @discardableResult
    public func rebuild() async -> Rebuild {
        let clock = ContinuousClock()
        let start = clock.now
        var options = options
        options.today = ISODate.today()
        var rebuild = Rebuild(
            snapshot: Snapshot(generation: current.generation + 1, diagnostics: []), duration: .zero, published: 0,
            written: 0, removed: 0)
        do {
            let result = try await SiteBuilder.generate(options, cache: cache)
            rebuild.snapshot.diagnostics = result.diagnostics
            rebuild.published = result.publishedCount
            if let site = result.site {
                let (written, removed) = try mirror.sync(site)
                (rebuild.written, rebuild.removed) = (written.count, removed.count)
            }
        } catch let error as BuildError {
            rebuild.snapshot.failure = error.message
        } catch {
            rebuild.snapshot.failure = "\(error)"
        }
        rebuild.duration = clock.now - start
        generations.publish(rebuild.snapshot)
        return rebuild
    }

    /// Wakes the pages waiting for a change and removes the temporary folder.
    public nonisolated func close() {
        generations.close()
        try? FileManager.default.removeItem(at: folder)
    }
}
