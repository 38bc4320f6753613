import FichesCore
import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Where the files of a new site are written: the disk, or in tests a disk
/// that fails (full, read-only) at a chosen file.
protocol SiteDisk: Sendable {
    func createDirectory(at url: URL) throws
    func write(_ data: Data, to url: URL) throws
    func copy(_ source: String, to url: URL) throws
}

/// The disk through POSIX calls: a site is tens of thousands of small files,
/// and Foundation's writes cost several system calls more each.
struct LocalDisk: SiteDisk {
    func createDirectory(at url: URL) throws {
        if mkdir(url.path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        try createDirectory(at: url.deletingLastPathComponent())
        if mkdir(url.path, 0o755) != 0, errno != EEXIST {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    func write(_ data: Data, to url: URL) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                offset += written
            }
        }
    }

    func copy(_ source: String, to url: URL) throws {
        try FileManager.default.copyItem(atPath: source, toPath: url.path)
    }
}

/// The files of a site written into a folder as they come, from several tasks
/// at once, each folder made once.
final class FolderSink: Sendable {
    let root: URL
    private let disk: any SiteDisk
    private let folders = Mutex<Set<String>>([])
    private let htmlPages = Mutex(0)

    init(root: URL, disk: any SiteDisk) {
        self.root = root
        self.disk = disk
    }

    /// Writes the file at `path` (relative to the site).
    func put(_ path: String, _ output: PageOutput) throws {
        let target = root.appendingPathComponent(path)
        if let slash = path.lastIndex(of: "/") {
            let folder = String(path[..<slash])
            // Made under the lock: another task may be about to write in it.
            try folders.withLock { made in
                guard !made.contains(folder) else { return }
                try disk.createDirectory(at: target.deletingLastPathComponent())
                made.insert(folder)
            }
        }
        if path.hasSuffix(".html") { htmlPages.withLock { $0 += 1 } }
        switch output {
        case .bytes(let data): try disk.write(data, to: target)
        case .copy(let source): try disk.copy(source, to: target)
        }
    }

    /// The HTML pages written.
    var pages: Int { htmlPages.withLock { $0 } }
}

/// Writes a site into a temporary folder beside the output, then swaps it in: readers see the old site or the new one, never half of one.
struct SiteWriter {
    /// The file that marks a folder as one this tool created and may replace (its manifest).
    static let marker = SiteManifest.fileName

    let output: URL
    /// Folders the output must neither be, nor contain, nor sit in (the sources, the templates).
    let protected: [URL]

    let disk: any SiteDisk

    init(output: String, protected: [String], disk: any SiteDisk = LocalDisk()) {
        self.output = URL(fileURLWithPath: output).standardizedFileURL
        self.protected = protected.map { URL(fileURLWithPath: $0).standardizedFileURL }
        self.disk = disk
    }

    /// Refuses an output folder that must not be replaced.
    func guardOutput() throws {
        let path = output.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        if path == "/" || path == current.path || current.path.hasPrefix(path + "/") {
            throw BuildError("refus d'écrire le site dans « \(path) » : ce dossier contient le dossier courant")
        }
        if path == FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path {
            throw BuildError("refus d'écrire le site dans le dossier personnel « \(path) »")
        }
        for folder in protected {
            let other = folder.path
            if other == path || other.hasPrefix(path + "/") || path.hasPrefix(other + "/") {
                throw BuildError(
                    "refus d'écrire le site dans « \(path) » : il contient les sources ou en fait partie (\(other))")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw BuildError("refus de remplacer « \(path) » : c'est un fichier, pas un dossier")
        }
        let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        if !contents.isEmpty, !FileManager.default.fileExists(atPath: output.appendingPathComponent(Self.marker).path) {
            throw BuildError(
                "refus de remplacer « \(path) » : ce dossier n'a pas été créé par fiches (pas de fichier \(Self.marker)) ; "
                    + "choisissez un autre dossier avec --output ou videz-le")
        }
    }

    /// A new site being written beside the output, not yet visible.
    struct Staging {
        let folder: URL
        let previous: URL
        let sink: FolderSink
    }

    /// Makes the temporary folder the new site is written into; its sink
    /// reports a write failure as a `BuildError` that says the site is intact.
    func stage() throws -> Staging {
        try guardOutput()
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let staging = parent.appendingPathComponent(".\(name).nouveau-\(suffix)")
        let previous = parent.appendingPathComponent(".\(name).ancien-\(suffix)")
        do {
            try disk.createDirectory(at: staging)
        } catch {
            throw Self.writeError(staging, error)
        }
        return Staging(
            folder: staging, previous: previous, sink: FolderSink(root: staging, disk: WrappedDisk(disk, staging)))
    }

    /// Removes a staged site that will not be published.
    func discard(_ staging: Staging) {
        try? FileManager.default.removeItem(at: staging.folder)
    }

    /// Swaps the staged site in place of the output folder.
    func publish(_ staging: Staging) throws {
        try swap(staging.folder, previous: staging.previous)
    }

    fileprivate static func writeError(_ staging: URL, _ error: any Error) -> BuildError {
        BuildError(
            "écriture impossible dans \(staging.path) : \(error.localizedDescription) ; le site existant est intact")
    }

    /// The disk, with its failures said in French.
    private struct WrappedDisk: SiteDisk {
        let disk: any SiteDisk
        let staging: URL
        init(_ disk: any SiteDisk, _ staging: URL) {
            self.disk = disk
            self.staging = staging
        }

        func createDirectory(at url: URL) throws { try wrap { try disk.createDirectory(at: url) } }
        func write(_ data: Data, to url: URL) throws { try wrap { try disk.write(data, to: url) } }
        func copy(_ source: String, to url: URL) throws { try wrap { try disk.copy(source, to: url) } }

        private func wrap(_ body: () throws -> Void) throws {
            do {
                try body()
            } catch {
                throw SiteWriter.writeError(staging, error)
            }
        }
    }

    /// Two renames: the old site aside, the new one in; the old one back if the second fails.
    private func swap(_ staging: URL, previous: URL) throws {
        let fileManager = FileManager.default
        let hadOutput = fileManager.fileExists(atPath: output.path)
        if hadOutput, rename(output.path, previous.path) != 0 {
            try? fileManager.removeItem(at: staging)
            throw BuildError(
                "impossible de remplacer \(output.path) (\(String(cString: strerror(errno)))) ; le site existant est intact"
            )
        }
        if rename(staging.path, output.path) != 0 {
            let reason = String(cString: strerror(errno))
            if hadOutput { _ = rename(previous.path, output.path) }
            try? fileManager.removeItem(at: staging)
            throw BuildError("impossible de publier dans \(output.path) (\(reason)) ; le site existant est intact")
        }
        if hadOutput { try? fileManager.removeItem(at: previous) }
    }
}
