import FichesCore
import Foundation
import Synchronization

/// The fiches a previous run loaded, reused while their bytes, the catalogue
/// and the day are the same: a preview rebuild after one save re-reads every
/// file but parses and renders only the fiche that changed.
public final class FicheCache: Sendable {
    private struct Entry {
        var bytes: Data
        var loaded: LoadedFiche
        /// The fiche's own page, which depends on nothing else but the
        /// catalogue, the templates and the base URL.
        var page: OutputFile?
    }

    private struct State {
        /// The catalogue's bytes and the day the entries were made with.
        var context = Data()
        /// The templates and the base URL the pages were rendered with.
        var pageContext = Data()
        var entries: [String: Entry] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Forgets every entry unless `context` is the one they were made with.
    func begin(context: Data) {
        state.withLock {
            if $0.context != context { $0 = State(context: context) }
        }
    }

    /// Forgets every page unless `context` is the one they were rendered with.
    func beginPages(context: Data) {
        state.withLock { state in
            guard state.pageContext != context else { return }
            state.pageContext = context
            for key in state.entries.keys { state.entries[key]?.page = nil }
        }
    }

    func page(of loaded: LoadedFiche) -> OutputFile? {
        state.withLock { $0.entries[loaded.file.path]?.page }
    }

    func store(page: OutputFile, of loaded: LoadedFiche) {
        state.withLock { $0.entries[loaded.file.path]?.page = page }
    }

    func loaded(_ file: SourceFile, bytes: Data) -> LoadedFiche? {
        state.withLock { state in
            state.entries[file.path].flatMap { $0.bytes == bytes && $0.loaded.file == file ? $0.loaded : nil }
        }
    }

    func store(_ loaded: LoadedFiche, bytes: Data) {
        state.withLock { $0.entries[loaded.file.path] = Entry(bytes: bytes, loaded: loaded) }
    }

    /// Drops the entries of files no longer in the catalogue.
    func keep(only files: [SourceFile]) {
        let paths = Set(files.map(\.path))
        state.withLock { $0.entries = $0.entries.filter { paths.contains($0.key) } }
    }
}
