import FichesCore
import Foundation
import Synchronization

/// What the preview's previous run made, reused while the catalogue, the day,
/// the templates and the base URL are the same: each fiche (with its page) while
/// its bytes are, and the pages and files about several fiches while what they
/// are made of is. A rebuild after one save re-reads every file but parses and
/// renders only the fiche that changed and the pages that show it.
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
    /// The pages and files about several fiches, with what they were made of.
    let pages = PageCache()
    /// The open data files' pieces of each fiche.
    let openData = OpenDataCache()

    public init() {}

    /// Forgets every entry unless `context` is the one they were made with.
    func begin(context: Data) {
        let changed = state.withLock {
            guard $0.context != context else { return false }
            $0 = State(context: context)
            return true
        }
        if changed {
            pages.clear()
            openData.clear()
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

/// Each page or file about several fiches (a right's list, a part of the
/// guide, a contacts page, a search shard) with what it was made of: the
/// versions of its fiches and its place in a list, or a shard's postings. After
/// a save, one made of the same is neither computed nor rendered again.
final class PageCache: Sendable {
    private let keyed = Mutex<[String: (key: String, file: OutputFile)]>([:])

    func file(_ path: String, key: String) -> OutputFile? {
        keyed.withLock { $0[path].flatMap { $0.key == key ? $0.file : nil } }
    }

    func store(_ file: OutputFile, key: String) {
        keyed.withLock { $0[file.path] = (key, file) }
    }

    /// Search shards, with the postings they were written from.
    private let shards = Mutex<[String: (terms: [String: [Int32]], file: OutputFile)]>([:])

    func shard(_ path: String, terms: [String: [Int32]]) -> OutputFile? {
        shards.withLock { $0[path].flatMap { $0.terms == terms ? $0.file : nil } }
    }

    func store(_ file: OutputFile, terms: [String: [Int32]]) {
        shards.withLock { $0[file.path] = (terms, file) }
    }

    /// The cached file for `key`, or the one `make` makes (and then keeps).
    func file(_ path: String, key: String, make: () throws -> OutputFile) rethrows -> OutputFile {
        if let file = file(path, key: key) { return file }
        let file = try make()
        store(file, key: key)
        return file
    }

    func clear() {
        keyed.withLock { $0 = [:] }
        shards.withLock { $0 = [:] }
    }
}

extension Collection<LoadedFiche> {
    /// What a page made of these fiches is made of, with `place` (its number, the list's counts).
    func key(_ place: Int...) -> String {
        place.map(String.init).joined(separator: "/") + ":" + map { String($0.version) }.joined(separator: ",")
    }
}
