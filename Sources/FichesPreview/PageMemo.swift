import FichesSite
import Foundation
import Synchronization

/// The preview's site in memory: every file planned, by path, and the pages
/// rendered so far, each kept with what it was made of. A page is rendered
/// when it is first asked for and again only once its inputs change; a page
/// nobody opens is never rendered.
final class PageMemo: Sendable {
    private struct State {
        var planned: [String: PlannedFile] = [:]
        var rendered: [String: (file: PlannedFile, bytes: Data)] = [:]
    }

    private let state = Mutex(State())

    /// Replaces the plan; forgets the renders whose inputs changed. Returns
    /// the number of files changed, added or removed.
    func update(_ files: [PlannedFile]) -> Int {
        var planned: [String: PlannedFile] = [:]
        planned.reserveCapacity(files.count)
        for file in files { planned[file.path] = file }
        return state.withLock { state in
            var changed = state.planned.keys.filter { planned[$0] == nil }.count
            for (path, file) in planned where state.planned[path] != file { changed += 1 }
            state.rendered = state.rendered.filter { planned[$0.key] == $0.value.file }
            state.planned = planned
            return changed
        }
    }

    /// The bytes of the file at `path` in the site; nil when it has none.
    func contents(_ path: String) throws -> Data? {
        let (file, kept) = state.withLock { state in
            let file = state.planned[path]
            return (file, state.rendered[path].flatMap { $0.file == file ? $0.bytes : nil })
        }
        guard let file else { return nil }
        if let kept { return kept }
        let bytes = try file.contents()
        if !file.isCopy {
            state.withLock { state in
                if state.planned[path] == file { state.rendered[path] = (file, bytes) }
            }
        }
        return bytes
    }

    /// Whether `path` is a file of the site.
    func contains(_ path: String) -> Bool { state.withLock { $0.planned[path] != nil } }

    /// Whether `path` is a folder of the site (it has an `index.html`).
    func isFolder(_ path: String) -> Bool {
        state.withLock { $0.planned[path.isEmpty ? "index.html" : path + "/index.html"] != nil }
    }

    /// The paths of the site's files, sorted.
    var paths: [String] { state.withLock { $0.planned.keys.sorted() } }

    /// The paths of the files rendered and kept, sorted.
    var renderedPaths: [String] { state.withLock { $0.rendered.keys.sorted() } }
}
