import FichesCore
import Foundation

/// Where the files of a new site are written: the disk, or in tests a disk
/// that fails (full, read-only) at a chosen file.
protocol SiteDisk: Sendable {
    func createDirectory(at url: URL) throws
    func write(_ data: Data, to url: URL) throws
    func copy(_ source: String, to url: URL) throws
}

struct LocalDisk: SiteDisk {
    func createDirectory(at url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ data: Data, to url: URL) throws { try data.write(to: url) }

    func copy(_ source: String, to url: URL) throws {
        try FileManager.default.copyItem(atPath: source, toPath: url.path)
    }
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
        try guardOutput()
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        let staging = parent.appendingPathComponent(".\(name).nouveau-\(suffix)")
        let previous = parent.appendingPathComponent(".\(name).ancien-\(suffix)")
        let fileManager = FileManager.default
        do {
            try disk.createDirectory(at: staging)
            try disk.write(site.manifest.encoded(), to: staging.appendingPathComponent(Self.marker))
            try disk.write(site.origins.encoded(), to: staging.appendingPathComponent(LinkOrigins.fileName))
            for file in site.files {
                let target = staging.appendingPathComponent(file.path)
                try disk.createDirectory(at: target.deletingLastPathComponent())
                switch file.contents {
                case .bytes(let data): try disk.write(data, to: target)
                case .copy(let source): try disk.copy(source, to: target)
                }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw BuildError(
                "écriture impossible dans \(staging.path) : \(error.localizedDescription) ; le site existant est intact"
            )
        }
        try swap(staging, previous: previous)
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
