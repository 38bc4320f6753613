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
                  resume : Un [-lieu-] {+endroit+} convivial d'information et de …
                  titre : [-Créer un-] {+Un+} Alzheimer café {+à Mons+}
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

/// Each kind of change to a fiche: a field's words, a section changed, added
/// or removed; in text and in Markdown.
@Test func theDiffSaysWhatChangedInEachFieldAndEachSectionOfTheText() async throws {
    let project = try TemporaryFolder()
    let source = project.url.appendingPathComponent("fiches")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source.path)
    let options = BuildOptions.fixture(source: source.path)
    let before = try #require(try await generate(options).site?.contents(of: "fiches.json"))

    func edit(_ path: String, _ changes: [(String, String)]) throws {
        let file = source.appendingPathComponent(path)
        var text = try String(contentsOf: file, encoding: .utf8)
        for (old, new) in changes {
            #expect(text.contains(old), "\(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try Data(text.utf8).write(to: file)
    }
    try edit(
        "sante/alzheimer-cafe.md",
        [
            ("Une rencontre mensuelle, **gratuite**.", "Une rencontre hebdomadaire, **gratuite**."),
            ("mise-a-jour: 2024-03-12", "mise-a-jour: 2024-04-02"),
        ])
    try edit(
        "sante/maison-medicale.md",
        [("## Mise en œuvre\n", "## Partenaires\n\nLa Ligue Alzheimer.\n\n## Ailleurs\n")])
    let after = try #require(try await generate(options).site?.contents(of: "fiches.json"))

    let diff = try PublicationDiff(previous: before, current: after, previousName: "ancien")
    #expect(diff.changed.map(\.slug) == ["alzheimer-cafe", "maison-medicale"])
    #expect(
        diff.text.contains(
            """
              ~ alzheimer-cafe — Créer un Alzheimer café : corps, mise-a-jour
                  section « Contexte » modifiée : Une rencontre [-mensuelle,-] {+hebdomadaire,+} gratuite. Voir aussi l'équipe …
                  mise-a-jour : [-2024-03-12-] {+2024-04-02+}
              ~ maison-medicale — Mettre en place une maison médicale : corps
                  section « Partenaires » ajoutée
                  section « Ailleurs » ajoutée
                  section « Mise en œuvre » retirée

            """), "\(diff.text)")
    #expect(
        diff.markdown.contains(
            """
              - section « Contexte » modifiée : Une rencontre ~~mensuelle,~~ **hebdomadaire,** gratuite. Voir aussi l'équipe …
              - mise-a-jour : ~~2024-03-12~~ **2024-04-02**
            """), "\(diff.markdown)")
    #expect(diff.markdown.contains("  - section « Mise en œuvre » retirée\n"))
}

/// A publication made before the open data carried the text: its fiches' bodies are not compared, and it says so.
@Test func aPreviousPublicationWithoutTheTextComparesTheFieldsOnly() throws {
    func document(_ fiche: String) -> Data {
        Data(#"{"droits": [], "fiches": [\#(fiche)], "genere-le": "2024-01-01"}"#.utf8)
    }
    let old = #"{"slug": "a", "titre": "Un titre", "resume": "Un résumé."}"#
    let new =
        #"{"slug": "a", "titre": "Un titre", "resume": "Un résumé.", "corps": {"markdown": "x", "texte": "x", "sections": []}}"#
    let diff = try PublicationDiff(previous: document(old), current: document(new), previousName: "ancien")
    #expect(diff.changed.isEmpty)
    #expect(
        diff.text.contains(
            "(la publication précédente ne donnait pas le texte des fiches : leurs corps ne sont pas comparés)"))
}

private func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

@Test(
    arguments: [
        ("une fois par mois", "une fois par semaine", "une fois par [-mois-] {+semaine+}"),
        ("a b c d e f g h i j k", "a b c d e X g h i j k", "… b c d e [-f-] {+X+} g h i j …"),
        ("", "nouveau", "{+nouveau+}"),
    ] as [(String, String, String)])
func aWordDiffShowsEachChangeWithFourWordsAroundIt(before: String, after: String, expected: String) {
    #expect(WordDiff.text(WordDiff.pieces(words(before), words(after))) == expected)
}
