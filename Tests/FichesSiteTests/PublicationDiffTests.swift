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
                  son adresse mène à une page introuvable : si elle a changé de nom, ajoutez « anciennes-adresses: [ecrivain-public] » à la nouvelle ; sinon, déclarez-la dans « retirees » de catalogue.yml
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

/// A fiche renamed with its former address kept, and one declared retired:
/// their addresses still lead somewhere, and the diff says where.
@Test func aRenamedFicheKeepsItsAddressAndARetiredOneSaysSo() async throws {
    let project = try TemporaryFolder()
    let source = project.url.appendingPathComponent("fiches")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source.path)
    let options = BuildOptions.fixture(source: source.path)
    let before = try #require(try await generate(options).site?.contents(of: "fiches.json"))

    // alzheimer-cafe.md becomes cafe-alzheimer.md; ecrivain-public.md is withdrawn.
    let old = source.appendingPathComponent("sante/alzheimer-cafe.md")
    let text = try String(contentsOf: old, encoding: .utf8)
        .replacingOccurrences(of: "statut: publie\n", with: "")
        .replacingOccurrences(of: "mise-a-jour:", with: "anciennes-adresses: [alzheimer-cafe]\nmise-a-jour:")
    try Data(text.utf8).write(to: source.appendingPathComponent("sante/cafe-alzheimer.md"))
    try FileManager.default.removeItem(at: old)
    for other in ["sante/maison-medicale.md"] {
        let file = source.appendingPathComponent(other)
        let fixed = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
            of: "alzheimer-cafe.md", with: "cafe-alzheimer.md")
        try Data(fixed.utf8).write(to: file)
    }
    try FileManager.default.removeItem(at: source.appendingPathComponent("alimentation/ecrivain-public.md"))
    let catalogue = source.appendingPathComponent("catalogue.yml")
    try Data(
        (try String(contentsOf: catalogue, encoding: .utf8) + """

            retirees:
              - fiche: ecrivain-public
                titre: Écrivain public et repas solidaire
                date: 2024-04-01
                raison: Le service a fermé.
                voir: [maison-medicale]

            """).utf8
    ).write(to: catalogue)
    let generated = try await generate(options)
    #expect(!generated.result.diagnostics.hasErrors, "\(generated.result.diagnostics)")
    let site = try #require(generated.site)
    let after = try #require(site.contents(of: "fiches.json"))

    // The former address sends on, with the new one as its canonical address.
    let redirect = String(decoding: try #require(site.contents(of: "fiches/alzheimer-cafe/index.html")), as: UTF8.self)
    #expect(redirect.contains(#"<meta http-equiv="refresh" content="0; url=../cafe-alzheimer/">"#))
    #expect(
        redirect.contains(#"<link rel="canonical" href="https://example.org/bonnes-pratiques/fiches/cafe-alzheimer/">"#)
    )
    #expect(redirect.contains(#"<meta name="robots" content="noindex">"#))
    #expect(redirect.contains(#"<a href="../cafe-alzheimer/">Créer un Alzheimer café</a>"#))
    // The retired one says when and why, and where to look instead.
    let retired = String(decoding: try #require(site.contents(of: "fiches/ecrivain-public/index.html")), as: UTF8.self)
    #expect(retired.contains("<h1>Cette fiche a été retirée</h1>"))
    #expect(retired.contains("le <time datetime=\"2024-04-01\">1er\u{A0}avril 2024</time>"))
    #expect(retired.contains("<p>Le service a fermé.</p>"))
    #expect(retired.contains(#"href="../maison-medicale/""#))
    let sitemap = String(decoding: try #require(site.contents(of: "sitemap.xml")), as: UTF8.self)
    #expect(sitemap.contains("fiches/ecrivain-public/</loc>"))
    #expect(!sitemap.contains("fiches/alzheimer-cafe/</loc>"))

    let diff = try PublicationDiff(previous: before, current: after, previousName: "ancien")
    #expect(
        diff.text.contains(
            """
              - alzheimer-cafe — Créer un Alzheimer café
                  son adresse mène à « cafe-alzheimer », qui la garde dans « anciennes-adresses »
              - ecrivain-public — Écrivain public et repas solidaire
                  son adresse dit qu'elle est retirée (« retirees » de catalogue.yml)
            """), "\(diff.text)")
}

/// An address leads to one thing: never a live fiche's and a former one's, nor
/// two fiches' former one, nor a retired fiche's that is still there.
@Test func anAddressThatWouldLeadToTwoPlacesIsAnErrorAtItsLine() async throws {
    let project = try TemporaryFolder()
    let source = project.url.appendingPathComponent("fiches")
    try FileManager.default.copyItem(atPath: Paths.catalogue, toPath: source.path)
    let cafe = source.appendingPathComponent("sante/alzheimer-cafe.md")
    let text = try String(contentsOf: cafe, encoding: .utf8).replacingOccurrences(
        of: "mise-a-jour:", with: "anciennes-adresses: [maison-medicale, vieux-cafe]\nmise-a-jour:")
    try Data(text.utf8).write(to: cafe)
    let medicale = source.appendingPathComponent("sante/maison-medicale.md")
    let other = try String(contentsOf: medicale, encoding: .utf8).replacingOccurrences(
        of: "mise-a-jour:", with: "anciennes-adresses: [vieux-cafe]\nmise-a-jour:")
    try Data(other.utf8).write(to: medicale)
    let catalogue = source.appendingPathComponent("catalogue.yml")
    try Data(
        (try String(contentsOf: catalogue, encoding: .utf8)
            + "\nretirees:\n  - {fiche: maison-medicale, titre: Une maison, date: 2024-01-01, voir: [maison-medicals]}\n"
            + "  - {fiche: plus-tard, titre: Plus tard, date: 2099-01-01}\n")
            .utf8
    ).write(to: catalogue)
    let result = try await generate(.fixture(source: source.path)).result
    let messages = result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.message)" }
    #expect(messages.contains { $0.contains("ancienne adresse « maison-medicale » : une fiche porte ce nom (") })
    #expect(messages.contains { $0.contains("ancienne adresse « vieux-cafe » : elle est déjà l'ancienne adresse de") })
    #expect(messages.contains { $0.contains("fiche retirée « maison-medicale » : une fiche porte ce nom") })
    #expect(
        messages.contains {
            $0.contains(
                "« voir » : aucune fiche publiée ne s'appelle « maison-medicals » ; vouliez-vous dire « maison-medicale » ?"
            )
        })
    #expect(messages.contains { $0.contains("fiche retirée « plus-tard » : sa date, 2099-01-01, est dans le futur") })
    #expect(result.diagnostics.hasErrors)
}

/// Contacts compared one by one, by their organisation; addresses the previous
/// publication kept alive and that now lead nowhere, said.
@Test func theDiffSaysEachContactChangedAndEachAddressLost() throws {
    func document(_ fiches: String, retirees: String = "") -> Data {
        Data(#"{"droits": [], "fiches": [\#(fiches)], "genere-le": "2024-01-01"\#(retirees)}"#.utf8)
    }
    let before = document(
        #"{"slug": "a", "titre": "Une fiche", "anciennes-adresses": ["vieux-a"], "contacts": [{"organisation": "PCS de Mons", "email": "pcs@mons.be"}, {"organisation": "CPAS", "site": "https://cpas.be"}], "corps": {"markdown": "", "texte": "", "sections": []}}"#,
        retirees: #", "retirees": [{"slug": "b", "titre": "B", "date": "2024-01-01", "url": "https://x.be/fiches/b/"}]"#
    )
    let after = document(
        #"{"slug": "a", "titre": "Une fiche", "contacts": [{"organisation": "PCS de Mons", "email": "accueil@mons.be", "telephone": "065 12 34 56"}, {"organisation": "Maison médicale", "site": "https://mm.be"}], "corps": {"markdown": "", "texte": "", "sections": []}}"#
    )
    let diff = try PublicationDiff(previous: before, current: after, previousName: "ancien")
    #expect(
        diff.text.contains(
            """
                  contact « PCS de Mons » modifié : email : [-pcs@mons.be-] {+accueil@mons.be+} ; telephone : {+065 12 34 56+}
                  contact « Maison médicale » ajouté
                  contact « CPAS » retiré
            """), "\(diff.text)")
    #expect(
        diff.text.contains(
            """
            2 adresses qui ne mènent plus nulle part :
              ! fiches/b/ (page de la fiche retirée) : remettez-la dans « anciennes-adresses » ou « retirees »
              ! fiches/vieux-a/ (ancienne adresse de « a ») : remettez-la dans « anciennes-adresses » ou « retirees »
            """), "\(diff.text)")
    #expect(diff.markdown.contains("- `fiches/vieux-a/` (ancienne adresse de « a »)"))
}
