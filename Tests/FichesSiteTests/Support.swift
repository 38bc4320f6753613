import FichesCore
import FichesSite
import Foundation
import Testing

/// Paths of the repository and the fixtures, from this file's place.
enum Paths {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = tests.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures")
    static let catalogue = fixtures.appendingPathComponent("catalogue").path
    static let golden = fixtures.appendingPathComponent("golden")
    static let templates = repository.appendingPathComponent("site-template").path
}

/// A folder of its own for one test, removed at the end.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("fiches-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `files` (relative path → text) under the folder.
    func write(_ files: [String: String]) throws {
        for (path, text) in files {
            let file = url.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
    }
}

extension BuildOptions {
    /// The fixture catalogue, on a fixed day.
    static func fixture(source: String = Paths.catalogue, output: String = "_site") -> BuildOptions {
        var options = BuildOptions()
        options.source = source
        options.output = output
        options.today = ISODate(year: 2025, month: 6, day: 30)!
        return options
    }
}

/// Every file under `folder`, relative path → bytes.
func tree(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    while let url = enumerator?.nextObject() as? URL {
        guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
        files[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] =
            try Data(contentsOf: url)
    }
    return files
}

/// A minimal valid catalogue and fiche, for tests that break one thing.
enum Minimal {
    static let catalogue = """
        site:
          titre: Test
          description: Test.
          url: https://example.org/
          langue: fr-BE
          editeur: Test
        droits:
          - {id: sante, libelle: Droit à la santé}
        """

    static func fiche(_ title: String = "Une fiche de test", body: String = "", extra: String = "") -> String {
        """
        ---
        titre: \(title)
        resume: Un résumé.
        droits: [sante]
        contacts:
          - {organisation: Test, email: test@pcs-essai.be}
        mise-a-jour: 2024-01-01
        \(extra)---

        \(body)
        """
    }
}

/// A build into a folder of its own, read back: the site as the tests look at it.
struct Generated {
    var result: BuildResult
    /// Nil when nothing was published.
    var site: BuiltSite?

    var diagnostics: [Diagnostic] { result.diagnostics }
}

/// The files of a built site.
struct BuiltSite {
    /// Path in the site → bytes.
    var files: [String: Data]

    /// Every file of the site, sorted (the hidden `.fiches-*` ones included).
    var paths: [String] { files.keys.sorted() }

    func contents(of path: String) -> Data? { files[path] }

    /// The HTML pages and the paths of every file, for a link check of the site in memory.
    func pagesAndPaths() -> (pages: [(path: String, html: Data)], paths: [String]) {
        (files.filter { $0.key.hasSuffix(".html") }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, paths)
    }

    /// The file at `path` as text.
    func text(_ path: String) throws -> String {
        String(decoding: try #require(files[path], "\(path)"), as: UTF8.self)
    }
}

/// Builds with `options` into a temporary folder and reads the site back.
func generate(_ options: BuildOptions) async throws -> Generated {
    let folder = try TemporaryFolder()
    var options = options
    options.output = folder.url.appendingPathComponent("site").path
    let result = try await SiteBuilder.build(options)
    guard result.pageCount != nil else { return Generated(result: result, site: nil) }
    return Generated(result: result, site: BuiltSite(files: try tree(folder.url.appendingPathComponent("site"))))
}
