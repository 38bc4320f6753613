import FichesCore
import Foundation
import Testing

@testable import FichesSite

@Test func aBuildWithErrorsLeavesTheExistingSiteExactlyAsItWas() async throws {
    let folder = try TemporaryFolder()
    let output = folder.url.appendingPathComponent("site").path
    _ = try await SiteBuilder.build(.fixture(output: output))
    let before = try tree(URL(fileURLWithPath: output))

    let sources = folder.url.appendingPathComponent("sources")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: sources.path)
    try Data(Minimal.fiche(extra: "droits: [inconnu]\n").utf8).write(
        to: sources.appendingPathComponent("sante/casse.md"))
    let result = try await SiteBuilder.build(.fixture(source: sources.path, output: output))
    #expect(result.diagnostics.hasErrors)
    #expect(result.pageCount == nil)
    #expect(try tree(URL(fileURLWithPath: output)) == before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["site", "sources"])
}

@Test func aSuccessfulBuildReplacesTheWholeSite() async throws {
    let folder = try TemporaryFolder()
    let output = folder.url.appendingPathComponent("site")
    _ = try await SiteBuilder.build(.fixture(output: output.path))
    try Data("vieux".utf8).write(to: output.appendingPathComponent("fiches/supprimee.html"))
    let result = try await SiteBuilder.build(.fixture(output: output.path))
    // The pages the build counts as it writes them are those on disk.
    #expect(result.pageCount == (try tree(output)).keys.filter { $0.hasSuffix(".html") }.count)
    #expect((result.pageCount ?? 0) > 5)
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("fiches/supprimee.html").path))
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(SiteWriter.marker).path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["site"])
}

@Test func aFolderTheToolDidNotCreateIsNeverReplaced() async throws {
    let folder = try TemporaryFolder()
    try folder.write(["documents/important.txt": "à garder"])
    let output = folder.url.appendingPathComponent("documents").path
    await #expect(
        throws: BuildError(
            "refus de remplacer « \(output) » : ce dossier n'a pas été créé par fiches (pas de fichier .fiches-site) ; "
                + "choisissez un autre dossier avec --output ou videz-le")
    ) {
        try await SiteBuilder.build(.fixture(output: output))
    }
    #expect(try String(contentsOfFile: output + "/important.txt", encoding: .utf8) == "à garder")
}

@Test func theSourcesAndTheCurrentFolderAreNeverTheOutput() async throws {
    // Each folder is refused for its own reason, not merely for lacking the marker.
    let cases = [
        (Paths.catalogue, "il contient les sources ou en fait partie"),
        (Paths.catalogue + "/..", "il contient les sources ou en fait partie"),
        (Paths.catalogue + "/sante", "il contient les sources ou en fait partie"),
        (Paths.repository.appendingPathComponent("Sources").path, "ce dossier n'a pas été créé par fiches"),
        (FileManager.default.currentDirectoryPath, "ce dossier contient le dossier courant"),
    ]
    for (output, reason) in cases {
        do {
            _ = try await SiteBuilder.build(.fixture(output: output))
            Issue.record("\(output) should be refused")
        } catch let error as BuildError {
            #expect(error.message.contains(reason), "\(output): \(error.message)")
        }
    }
}
