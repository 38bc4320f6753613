import FichesCore
import Foundation

/// A file under the source folder.
struct SourceFile: Hashable, Sendable {
    /// Relative to the source folder: `sante/alzheimer-cafe.md`.
    let path: String
    /// As the user names it in messages: `fiches/sante/alzheimer-cafe.md`.
    let display: String
    /// The folder of the file, relative to the source folder (`""` at its root).
    let directory: String
    /// The file name without `.md`.
    let slug: String

    init(path: String, display: String) {
        self.path = path
        self.display = display
        let name = path.split(separator: "/", omittingEmptySubsequences: false)
        directory = name.dropLast().joined(separator: "/")
        slug = Slug.ofFile(path)
    }

    /// The file's bytes as text; an encoding problem is a diagnostic.
    func decode(_ bytes: Data) -> Result<String, Diagnostic> {
        SourceText.decode(bytes).mapError { Diagnostic(file: display, location: $0.location, message: $0.message) }
    }
}

/// The source folder: `catalogue.yml` and the fiches, in sub-folders for the editors' convenience.
struct SourceFolder: Sendable {
    /// The folder as the user named it, without a trailing `/`.
    let root: String
    /// When the command runs inside the folder (`fiches/sante`, the folder named
    /// `../../fiches`), where: `sante`; files are then named from there, as an
    /// editor there writes them (`alzheimer-cafe.md`, `../alimentation/…`).
    private let inside: [Substring]?

    init(_ root: String) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
        inside = root.hasPrefix("..") ? Self.place(of: FileManager.default.currentDirectoryPath, in: root) : nil
    }

    /// The folders from `root` down to `folder`, when `folder` is in it.
    private static func place(of folder: String, in root: String) -> [Substring]? {
        let absolute = URL(fileURLWithPath: root, relativeTo: URL(fileURLWithPath: folder + "/")).standardizedFileURL
            .path
        guard folder == absolute || folder.hasPrefix(absolute + "/") else { return nil }
        return folder.dropFirst(absolute.count).split(separator: "/")
    }

    func file(_ path: String) -> SourceFile {
        guard let inside else { return SourceFile(path: path, display: root == "." ? path : "\(root)/\(path)") }
        var parts = path.split(separator: "/")
        var up = inside[...]
        while let first = up.first, parts.count > 1, parts.first == first {
            parts.removeFirst()
            up.removeFirst()
        }
        return SourceFile(path: path, display: (Array(repeating: "..", count: up.count) + parts).joined(separator: "/"))
    }

    var catalogue: SourceFile { file("catalogue.yml") }

    /// The fiche at `path`, a path as the user gives it (from the current folder);
    /// an error when it is not a fiche of this folder.
    func fiche(at path: String) throws -> SourceFile {
        guard FileManager.default.fileExists(atPath: path) else { throw BuildError("fichier introuvable : \(path)") }
        guard let real = Self.realPath(path), let realRoot else { throw BuildError("fichier illisible : \(path)") }
        guard real.hasPrefix(realRoot + "/") else {
            throw BuildError("« \(path) » n'est pas dans le dossier des fiches \(root) ; donnez --source DOSSIER")
        }
        let relative = String(real.dropFirst(realRoot.count + 1))
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        guard name.hasSuffix(".md"), try fiches().contains(where: { $0.path == relative }) else {
            throw BuildError(
                "« \(path) » n'est pas une fiche (un fichier .md du dossier des fiches, hors README.md "
                    + "et noms commençant par « _ » ou « . »)")
        }
        return file(relative)
    }

    /// Every fiche file, in path order. Names starting with `_` or `.`, and
    /// `README.md`, are not fiches (nor is anything in such a folder).
    func fiches() throws -> [SourceFile] {
        try scan().files
    }

    /// The fiche files, and the symbolic links refused on the way: one that
    /// leads outside the source folder (never read), one that loops.
    func scan() throws -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError("dossier des fiches introuvable : \(root)")
        }
        guard let realRoot else { throw BuildError("dossier des fiches illisible : \(root)") }
        var paths: [String] = []
        var diagnostics: [Diagnostic] = []
        // Folders by their real path: a link back to one already walked is a loop.
        var walked: Set<String> = [realRoot]
        func walk(_ folder: String) {
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? root : "\(root)/\(folder)"))
                ?? []
            for name in names.sorted() where !name.hasPrefix("_") && !name.hasPrefix(".") {
                let path = folder.isEmpty ? name : "\(folder)/\(name)"
                var info = stat()
                guard lstat("\(root)/\(path)", &info) == 0 else { continue }
                let isLink = (info.st_mode & S_IFMT) == S_IFLNK
                // A link to a file other than a fiche is judged where a fiche uses it (an image).
                if isLink, name.hasSuffix(".md") || isFolder(path) || realPath(path) == nil {
                    guard let real = realPath(path), real == realRoot || real.hasPrefix(realRoot + "/") else {
                        diagnostics.append(
                            Diagnostic(
                                file: file(path).display, location: SourceLocation(line: 1, column: 1),
                                message: "lien symbolique vers l'extérieur du dossier des fiches (ou cassé) : ignoré, "
                                    + "rien n'en est lu ni publié"))
                        continue
                    }
                }
                if isFolder(path) {
                    let real = realPath(path) ?? path
                    guard walked.insert(real).inserted else {
                        diagnostics.append(
                            Diagnostic(
                                file: file(path).display, location: SourceLocation(line: 1, column: 1),
                                message: "boucle de liens symboliques : ce dossier est déjà parcouru ; ignoré"))
                        continue
                    }
                    walk(path)
                } else if name.hasSuffix(".md"), name != "README.md" {
                    paths.append(path)
                }
            }
        }
        walk("")
        return (paths.sorted().map(file), diagnostics)
    }

    /// The source folder with every symbolic link resolved.
    var realRoot: String? { Self.realPath(root) }

    private func realPath(_ path: String) -> String? { Self.realPath("\(root)/\(path)") }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether `path` (relative to the source folder), links resolved, is inside it.
    func isInside(_ path: String) -> Bool {
        guard let realRoot, let real = realPath(path) else { return false }
        return real.hasPrefix(realRoot + "/")
    }

    /// A fiche is at most 256 KiB: eighty times the longest real one, and small enough
    /// that cmark-gfm renders the worst text of that size (`a@a@…`) in about half a second.
    static let maximumFicheSize = 256 << 10

    /// A fiche's bytes; what stops it from being read (gone, a folder, too big,
    /// unreadable) is a diagnostic of that fiche, and the run goes on.
    func contents(of file: SourceFile) -> Result<Data, Diagnostic> {
        func problem(_ message: String) -> Result<Data, Diagnostic> {
            .failure(Diagnostic(file: file.display, location: SourceLocation(line: 1, column: 1), message: message))
        }
        var info = stat()
        guard stat("\(root)/\(file.path)", &info) == 0 else {
            return problem("fichier disparu pendant la construction (supprimé ou renommé ?)")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { return problem("c'est un dossier, pas une fiche") }
        if Int(info.st_size) > Self.maximumFicheSize {
            return problem(
                "fiche trop volumineuse : \(Int(info.st_size) / 1024) Kio, au-delà de la limite de 256 Kio (262 144 octets) ; "
                    + "une image se place à côté de la fiche, pas dans son texte")
        }
        // POSIX calls: ten thousand fiches are read, and a FileHandle costs several more each.
        let descriptor = open("\(root)/\(file.path)", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return problem("fichier illisible : \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        // One byte more than the limit: a file that grew since stat() is still refused.
        var bytes = [UInt8](repeating: 0, count: min(Int(info.st_size), Self.maximumFicheSize) + 1)
        var count = 0
        while count < bytes.count {
            let read = bytes.withUnsafeMutableBytes {
                Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count)
            }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { return problem("fichier illisible : \(String(cString: strerror(errno)))") }
            if read == 0 { break }
            count += read
            // Grown since stat(): read on, up to one byte past the limit.
            if count == bytes.count, bytes.count <= Self.maximumFicheSize {
                bytes += [UInt8](repeating: 0, count: Self.maximumFicheSize + 1 - bytes.count)
            }
        }
        if count > Self.maximumFicheSize { return problem("fiche trop volumineuse : au-delà de 256 Kio") }
        return .success(Data(bytes[..<count]))
    }

    /// The path relative to the source folder of `path` named from it (as a watcher
    /// names what it sees: `fiches/sante/x.md`); nil for a path elsewhere.
    func relativePath(_ path: String) -> String? {
        guard path.hasPrefix(root + "/") else { return nil }
        return String(path.dropFirst(root.count + 1))
    }

    /// Whether `path` (relative to the source folder) is a symbolic link.
    func isLink(_ path: String) -> Bool {
        var info = stat()
        return lstat("\(root)/\(path)", &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: "\(root)/\(path)", isDirectory: &isDirectory)
            && !isDirectory.boolValue
    }

    func read(_ file: SourceFile) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: "\(root)/\(file.path)"))
        } catch {
            throw BuildError("fichier illisible : \(file.display)")
        }
    }

    /// Reads and decodes a text file; an encoding problem is a diagnostic.
    func text(_ file: SourceFile) throws -> Result<String, Diagnostic> {
        file.decode(try read(file))
    }

    /// Reads `catalogue.yml`.
    func readCatalogue() throws -> (Catalogue?, [Diagnostic]) {
        guard isRegularFile("catalogue.yml") else {
            throw BuildError("catalogue introuvable : \(catalogue.display) (il décrit le site et les droits)")
        }
        switch try text(catalogue) {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let text):
            let (read, diagnostics) = Catalogue.read(text, file: catalogue.display)
            // The logo is a file beside the fiches, published with them.
            if let logo = read?.site.logo, !isRegularFile(logo.fichier) {
                let problem = Diagnostic(
                    file: catalogue.display, location: logo.location,
                    message: "logo « \(logo.fichier) » introuvable : le chemin part du dossier de catalogue.yml")
                return (nil, diagnostics + [problem])
            }
            return (read, diagnostics)
        }
    }
}
