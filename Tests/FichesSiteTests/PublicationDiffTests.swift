import FichesCore
import Foundation
import Testing

@testable import FichesSite

/// A published site, then the sources edited: a title and a summary changed, a
/// fiche removed, another added under another right.
@Test func theDiffListsAddedRemovedChangedFichesAndRightCounts() async throws {
    let project = try TemporaryFolder()
    let source = project.url.appendingPathComponent("fiches")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source.path)
    let options = BuildOptions.fixture(source: source.path)
    let before = try #require(try await generate(options).site?.contents(of: "fiches.json"))

    let cafe = source.appendingPathComponent("sante/alzheimer-cafe.md")
    var text = try String(contentsOf: cafe, encoding: .utf8)
    text = text.replacingOccurrences(of: "titre: Créer un Alzheimer café", with: "titre: Un Alzheimer café à Mons")
    text = text.replacingOccurrences(of: "resume: Un lieu", with: "resume: Un endroit")
    try Data(text.utf8).write(to: cafe)
    try FileManager.default.removeItem(at: source.appendingPathComponent("alimentation/ecrivain-public.md"))
    let logement = try String(
        contentsOf: source.appendingPathComponent("alimentation/colis-alimentaires.md"), encoding: .utf8
    ).replacingOccurrences(of: "titre: Distribuer des colis alimentaires", with: "titre: Un toit pour tous")
        .replacingOccurrences(of: "statut: brouillon", with: "statut: publie")
        .replacingOccurrences(of: "droits: [alimentation]", with: "droits: [logement]")
    try Data(logement.utf8).write(to: source.appendingPathComponent("alimentation/un-toit.md"))
    let after = try #require(try await generate(options).site?.contents(of: "fiches.json"))

    let diff = try PublicationDiff(previous: before, current: after, previousName: "ancien")
    #expect(
        diff.text == """
            Changements depuis la publication précédente (données du 2024-05-02) :
            1 fiche ajoutée :
              + un-toit — Un toit pour tous
            1 fiche retirée :
              - ecrivain-public — Écrivain public et repas solidaire
            1 fiche modifiée :
              ~ alzheimer-cafe — Un Alzheimer café à Mons : resume, titre
            Droits dont le nombre de fiches a changé :
              Droit à l'alimentation : 2 → 1
              Droit à un logement décent : 0 → 1

            """)
    #expect(diff.markdown.contains("- [Un toit pour tous](https://example.org/bonnes-pratiques/fiches/un-toit/)\n"))
    #expect(diff.markdown.contains("| Droit à l'alimentation | 2 | 1 |"))
    // The same data is no change at all, even published at another address.
    var moved = options
    moved.baseURL = "https://autre.example.net/"
    let elsewhere = try #require(try await generate(moved).site?.contents(of: "fiches.json"))
    #expect(try PublicationDiff(previous: after, current: elsewhere, previousName: "ancien").isEmpty)
    #expect(throws: BuildError.self) {
        try PublicationDiff(previous: Data("[]".utf8), current: after, previousName: "ancien")
    }
}
