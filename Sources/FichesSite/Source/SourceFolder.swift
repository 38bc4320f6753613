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
        slug = String(name.last!.dropLast(3))
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

    init(_ root: String) {
        var root = root
        while root.count > 1, root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    func file(_ path: String) -> SourceFile {
        SourceFile(path: path, display: root == "." ? path : "\(root)/\(path)")
    }

    var catalogue: SourceFile { file("catalogue.yml") }

    /// Every fiche file, in path order. Names starting with `_` or `.`, and
    /// `README.md`, are not fiches (nor is anything in such a folder).
    func fiches() throws -> [SourceFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError("dossier des fiches introuvable : \(root)")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw BuildError("dossier des fiches illisible : \(root)")
        }
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix("_") || name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            if name.hasSuffix(".md"), name != "README.md", !isFolder(path) { paths.append(path) }
        }
        return paths.sorted().map(file)
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
        case .success(let text): return Catalogue.read(text, file: catalogue.display)
        }
    }
}
