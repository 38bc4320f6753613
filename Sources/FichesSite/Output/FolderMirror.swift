import FichesCore
import Foundation
import Synchronization

/// Keeps a folder equal to the last generated site by writing only the files
/// whose bytes changed and removing the ones that went away: the preview's
/// output, rebuilt after every save. Each file is replaced by a rename, so a
/// page served while it is rewritten is the old one or the new one.
public final class FolderMirror {
    /// What a file was last written from.
    private enum Written: Equatable {
        case bytes(Data)
        case copy(from: String, size: Int, modified: Date)
    }

    public let root: URL
    private var written: [String: Written] = [:]

    /// `root` must exist; the mirror assumes it alone writes there.
    public init(root: URL) {
        self.root = root
    }

    /// Writes what changed since the last call; returns the paths written and removed.
    @discardableResult
    public func sync(_ site: GeneratedSite) throws -> (written: [String], removed: [String]) {
        let fileManager = FileManager.default
        var next: [String: Written] = [:]
        var changed: [OutputFile] = []
        let manifest = OutputFile(path: SiteManifest.fileName, contents: .bytes(try site.manifest.encoded()))
        for file in [manifest] + site.files {
            let state: Written
            switch file.contents {
            case .bytes(let data): state = .bytes(data)
            case .copy(let source):
                let attributes = try fileManager.attributesOfItem(atPath: source)
                state = .copy(
                    from: source, size: (attributes[.size] as? Int) ?? -1,
                    modified: (attributes[.modificationDate] as? Date) ?? .distantPast)
            }
            next[file.path] = state
            if written[file.path] != state { changed.append(file) }
        }
        // The changed files, across the cores: each written beside its place, then renamed over it.
        let disk = LocalDisk()
        let failures = Mutex<[any Error]>([])
        let (root, toWrite) = (root, changed)
        DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { worker in
            for file in stride(from: worker, to: toWrite.count, by: ProcessInfo.processInfo.activeProcessorCount)
                .map({ toWrite[$0] })
            {
                do {
                    let target = root.appendingPathComponent(file.path)
                    try disk.createDirectory(at: target.deletingLastPathComponent())
                    let temporary = target.deletingLastPathComponent().appendingPathComponent(
                        ".\(target.lastPathComponent).fiches-\(worker)")
                    switch file.contents {
                    case .bytes(let data): try disk.write(data, to: temporary)
                    case .copy(let source):
                        try disk.write(try Data(contentsOf: URL(fileURLWithPath: source)), to: temporary)
                    }
                    guard rename(temporary.path, target.path) == 0 else {
                        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                    }
                } catch {
                    failures.withLock { $0.append(error) }
                }
            }
        }
        if let failure = failures.withLock({ $0.first }) { throw failure }
        let removed = written.keys.filter { next[$0] == nil }.sorted()
        for path in removed {
            let target = root.appendingPathComponent(path)
            try? fileManager.removeItem(at: target)
            // The folders a removed fiche leaves empty go too (`fiches/<slug>/`).
            var folder = target.deletingLastPathComponent()
            while folder.path.count > root.path.count,
                (try? fileManager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true
            {
                try? fileManager.removeItem(at: folder)
                folder = folder.deletingLastPathComponent()
            }
        }
        written = next
        return (changed.map(\.path), removed)
    }
}
