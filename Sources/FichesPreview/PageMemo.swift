import FichesSite
import Foundation
import Synchronization

/// The preview's site in memory: every file planned, and the pages rendered so
/// far, each kept with what it was made of. A page is rendered when it is
/// first asked for and again only once its inputs change; a page nobody opens
/// is never rendered.
final class PageMemo: Sendable {
    private struct State {
        /// In the plan's order.
        var files: [PlannedFile] = []
        /// Path → place in `files`.
        var index: [String: Int] = [:]
        var rendered: [String: (file: PlannedFile, bytes: Data)] = [:]
    }

    private let state = Mutex(State())

    /// Replaces the plan; forgets the renders whose inputs changed.
    func update(_ files: [PlannedFile]) {
        state.withLock { state in
            // After a save the plan has, nearly always, the same files in the same
            // order: its index of paths is kept.
            if files.count != state.files.count || zip(files, state.files).contains(where: { $0.route != $1.route }) {
                var index: [String: Int] = [:]
                index.reserveCapacity(files.count)
                for (place, file) in files.enumerated() { index[file.path] = place }
                state.index = index
            }
            state.files = files
            state.rendered = state.rendered.filter { path, kept in
                state.index[path].map { files[$0] == kept.file } ?? false
            }
        }
    }

    /// The bytes of the file at `path` in the site; nil when it has none.
    func contents(_ path: String) throws -> Data? {
        let (file, kept) = state.withLock { state -> (PlannedFile?, Data?) in
            let file = state.index[path].map { state.files[$0] }
            return (file, state.rendered[path].flatMap { $0.file == file ? $0.bytes : nil })
        }
        guard let file else { return nil }
        if let kept { return kept }
        let bytes = try file.contents()
        if !file.isCopy {
            state.withLock { state in
                if state.index[path].map({ state.files[$0] }) == file { state.rendered[path] = (file, bytes) }
            }
        }
        return bytes
    }

    /// Whether `path` is a folder of the site (it has an `index.html`).
    func isFolder(_ path: String) -> Bool {
        state.withLock { $0.index[path.isEmpty ? "index.html" : path + "/index.html"] != nil }
    }

    /// The paths of the site's files, sorted.
    var paths: [String] { state.withLock { $0.index.keys.sorted() } }

    /// The paths of the files rendered and kept, sorted.
    var renderedPaths: [String] { state.withLock { $0.rendered.keys.sorted() } }
}
