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
    /// Writes the pieces `produce` gives, in order, without holding them all.
    func write(to url: URL, _ produce: (_ piece: (Data) throws -> Void) throws -> Void) throws
}

extension SiteDisk {
    func write(to url: URL, _ produce: (_ piece: (Data) throws -> Void) throws -> Void) throws {
        var data = Data()
        try produce { data += $0 }
        try write(data, to: url)
    }
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
        try write(to: url) { piece in try piece(data) }
    }

    func write(to url: URL, _ produce: (_ piece: (Data) throws -> Void) throws -> Void) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try produce { data in
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
    }

    func copy(_ source: String, to url: URL) throws {
        try FileManager.default.copyItem(atPath: source, toPath: url.path)
    }
}

/// Where the renderer puts the files of a site, from several tasks at once.
protocol SiteSink: Sendable {
    func put(_ file: OutputFile) throws
    /// A file made of pieces, written as they come where the sink can.
    func put(_ path: String, _ produce: (_ piece: (Data) throws -> Void) throws -> Void) throws
}

extension SiteSink {
    func put(_ path: String, _ produce: (_ piece: (Data) throws -> Void) throws -> Void) throws {
        var data = Data()
        try produce { data += $0 }
        try put(OutputFile(path: path, contents: .bytes(data)))
    }
}

/// The files kept in memory: the preview's and the tests' site.
final class MemorySink: SiteSink {
    private let files = Mutex<[OutputFile]>([])

    func put(_ file: OutputFile) { files.withLock { $0.append(file) } }

    /// Sorted by path.
    var sorted: [OutputFile] { files.withLock { $0 }.sorted { $0.path < $1.path } }
}

/// The files written into a folder as they come, each folder made once.
final class FolderSink: SiteSink {
    let root: URL
    private let disk: any SiteDisk
    private let folders = Mutex<Set<String>>([])
    private let htmlPages = Mutex(0)

    init(root: URL, disk: any SiteDisk) {
        self.root = root
        self.disk = disk
    }

    func put(_ file: OutputFile) throws {
        let target = try prepare(file.path)
        switch file.contents {
        case .bytes(let data): try disk.write(data, to: target)
        case .copy(let source): try disk.copy(source, to: target)
        }
    }

    func put(_ path: String, _ produce: (_ piece: (Data) throws -> Void) throws -> Void) throws {
        try disk.write(to: try prepare(path), produce)
    }

    /// The file's place, its folder made if it is the first file there; counted.
    private func prepare(_ path: String) throws -> URL {
        let target = root.appendingPathComponent(path)
        if let slash = path.lastIndex(of: "/") {
            let folder = String(path[..<slash])
            if folders.withLock({ $0.insert(folder).inserted }) {
                try disk.createDirectory(at: target.deletingLastPathComponent())
            }
        }
        if path.hasSuffix(".html") { htmlPages.withLock { $0 += 1 } }
        return target
    }

    /// The HTML pages written.
    var pages: Int { htmlPages.withLock { $0 } }
}

/// Writes a generated site into a temporary folder beside the output, then
/// swaps it in: readers see the old site or the new one, never half of one.
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

    /// Writes `site` and swaps it in place of the output folder.
    func write(_ site: GeneratedSite) throws {
        let staging = try stage()
        do {
            for file in site.files { try staging.sink.put(file) }
            try finish(staging, manifest: site.manifest, origins: site.origins)
        } catch {
            discard(staging)
            throw error
        }
        try publish(staging)
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

    /// Writes the manifest (which marks the folder as the tool's) and the link origins.
    func finish(_ staging: Staging, manifest: SiteManifest, origins: LinkOrigins) throws {
        try staging.sink.put(OutputFile(path: Self.marker, contents: .bytes(manifest.encoded())))
        try staging.sink.put(LinkOrigins.fileName) { try origins.encoded(into: $0) }
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
        func write(to url: URL, _ produce: (_ piece: (Data) throws -> Void) throws -> Void) throws {
            try wrap { try disk.write(to: url, produce) }
        }
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
