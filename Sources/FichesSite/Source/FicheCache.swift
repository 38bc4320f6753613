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
        /// The catalogue's bytes, the day, the templates and the base URL the entries were made with.
        var context = Data()
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

    /// The fiche and its page when `bytes` are those it was made from.
    func entry(_ file: SourceFile, bytes: Data) -> (LoadedFiche, OutputFile?)? {
        state.withLock { state in
            guard let entry = state.entries[file.path], entry.bytes == bytes, entry.loaded.file == file else {
                return nil
            }
            return (entry.loaded, entry.page)
        }
    }

    func store(_ loaded: LoadedFiche, page: OutputFile?, bytes: Data) {
        state.withLock { $0.entries[loaded.file.path] = Entry(bytes: bytes, loaded: loaded, page: page) }
    }

    /// Drops the entries of files no longer in the catalogue.
    func keep(only files: [SourceFile]) {
        let paths = Set(files.map(\.path))
        state.withLock { $0.entries = $0.entries.filter { paths.contains($0.key) } }
    }
}
