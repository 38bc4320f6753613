import FichesCore
import Foundation
import Testing

/// The preview's form saves through `FicheFile`: only what changed is written
/// again, and nothing else of the file moves by a byte.
private func file(_ text: String) throws -> FicheFile {
    try FicheFile(bytes: Data(text.utf8))
}

private func saved(_ file: FicheFile, _ change: (inout FicheValues) -> Void, body: String? = nil) throws -> String {
    var values = file.values
    change(&values)
    return String(
        decoding: try file.saving(values, body: body ?? file.body, catalogue: Fixtures.catalogue), as: UTF8.self)
}

/// The lines of `after` that are not in `before`, and those of `before` that are gone.
private func changedLines(_ before: String, _ after: String) -> (added: [String], removed: [String]) {
    let old = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let new = after.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return (new.filter { !old.contains($0) }, old.filter { !new.contains($0) })
}

private let commented = """
    ---
    # Relue avec le PCS le 3 mars.
    titre: Créer un Alzheimer café   # le titre du portail
    resume: >-
      Un lieu convivial pour les personnes malades et leurs proches.
    droits: [sante]
    # porteurs à confirmer
    porteurs: [pcs]
    contacts:
      - organisation: PCS de Wavre
        # joignable le matin
        telephone: 010 23 45 67
    mise-a-jour: 2024-03-12
    anciennes-adresses: [cafe-alzheimer]
    ---

    ## Contexte

    Texte, avec des espaces en fin de ligne.   
    """

@Test func savingWhatWasReadGivesBackTheSameBytesForEveryRealFiche() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fiches")
    let paths = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter {
        $0.hasSuffix(".md") && !$0.hasSuffix("README.md")
    }
    #expect(paths.count >= 9)
    for path in paths {
        let bytes = try Data(contentsOf: root.appendingPathComponent(path))
        let fiche = try FicheFile(bytes: bytes)
        #expect(try fiche.saving(fiche.values, body: fiche.body, catalogue: Fixtures.catalogue) == bytes, "\(path)")
        #expect(!fiche.values.titre.isEmpty && !fiche.values.contacts.isEmpty, "\(path)")
    }
}

@Test func aChangedValueIsTheOnlyLineWrittenAgainAndCommentsAndUnknownKeysStay() throws {
    let fiche = try file(commented)
    let after = try saved(fiche) { $0.resume = "Un endroit convivial : pour les malades et leurs proches." }
    let (added, removed) = changedLines(commented, after)
    #expect(added == ["  Un endroit convivial : pour les malades et leurs proches."])
    #expect(removed == ["  Un lieu convivial pour les personnes malades et leurs proches."])
    #expect(after.hasSuffix("Texte, avec des espaces en fin de ligne.   "))
}

@Test func aCommentInsideAChangedValueRefusesTheSaveAndSaysWhy() throws {
    let fiche = try file(commented)
    #expect(throws: FicheFile.Refusal.self) { try saved(fiche) { $0.titre = "Un autre titre" } }
    let error = #expect(throws: FicheFile.Refusal.self) {
        try saved(fiche) { $0.contacts[0].email = "accueil@wavre.be" }
    }
    if let error {
        #expect(error.line == 11)
        #expect(
            error.message
                == "le commentaire « # joignable le matin » (ligne 11) est dans « contacts », que vous avez modifié : "
                + "le formulaire ne peut pas le garder ; déplacez-le au-dessus de la ligne « contacts: » dans le "
                + "fichier, puis enregistrez à nouveau")
    }
    // A comment above a key is not in its value: the key can change.
    let porteurs = try saved(fiche) { $0.porteurs = ["pcs", "cpas"] }
    #expect(porteurs.contains("# porteurs à confirmer\nporteurs: [pcs, cpas]\n"))
}

@Test func aContactWithAKeyTheFormDoesNotKnowCannotBeRewrittenButTheRestCan() throws {
    let text = Fixtures.validFiche.replacingOccurrences(
        of: "    telephone: 010 23 45 67\n", with: "    telephone: 010 23 45 67\n    fax: 010 23 45 68\n")
    let fiche = try file(text)
    #expect(throws: FicheFile.Refusal.self) { try saved(fiche) { $0.contacts[0].nom = "Laurence Caps" } }
    let after = try saved(fiche) { $0.titre = "Ouvrir un Alzheimer café" }
    #expect(after.contains("    fax: 010 23 45 68\n"))
    #expect(changedLines(text, after).added == ["titre: \"Ouvrir un Alzheimer café\""])
}

/// Whatever an editor types is written so that YAML reads back exactly that.
@Test(arguments: [
    "Un café : pour les \"aidants\" & leurs proches", "# pas un commentaire", "- une liste ?", "true", "123",
    "2024-03-12", "a, b [c] {d}", "  espaces autour  ", "C:\\dossier\\fiche", "L'Escale", "« guillemets »",
    "tab\tulation", "ligne\nsuivante", "@arobase", "fin :", "100 % solidaire", "*étoile", "! point", "null", "~",
])
func anyTextReadsBackAsWritten(_ text: String) throws {
    let fiche = try file(Fixtures.validFiche)
    let after = try saved(fiche) { values in
        values.titre = text
        values.resume = text
        values.publics = [text, "aînés"]
        values.communes = [text]
        values.contacts[0].organisation = text
        values.contacts[0].adresse = text
        values.liens[0].titre = text
    }
    let values = try file(after).values
    #expect(values.titre == text)
    #expect(values.resume == text)
    #expect(values.publics == [text, "aînés"])
    #expect(values.communes == [text])
    #expect(values.contacts[0].organisation == text)
    #expect(values.contacts[0].adresse == text)
    #expect(values.liens[0].titre == text)
    #expect(values.contacts[0].telephone == "010 23 45 67")
}

/// What `fiches new` leaves commented out becomes the value, and a value
/// emptied goes back to its example, as `fiches new` would have written the file.
@Test func aScaffoldsExamplesGiveWayToTheValuesAndComeBack() throws {
    var values = FicheValues()
    values.titre = "Un café pour tous"
    values.resume = "Un café."
    values.droits = ["sante"]
    var contact = FicheValues.ContactValues()
    contact.organisation = "PCS de Mons"
    contact.email = "pcs@mons.be"
    values.contacts = [contact]
    values.miseAJour = "2025-06-01"
    values.statut = "brouillon"
    let scaffold = FicheFile.newText(
        values, body: "\n## Contexte\n\nTexte.\n", header: ["# Essai."], catalogue: Fixtures.catalogue,
        examples: true)
    #expect(scaffold.contains("\n# publics: [À compléter]\n"))
    #expect(scaffold.contains("    # nom: Prénom Nom\n"))
    let fiche = try file(scaffold)
    #expect(fiche.values == values)

    let filled = try saved(fiche) { values in
        values.publics = ["aînés"]
        values.contacts[0].nom = "Anne Dupont"
        values.province = "hainaut"
        values.statut = "publie"
    }
    // The guidance says how to use the key now that it is used.
    #expect(filled.contains("\n# Facultatif : les publics visés, en toutes lettres.\npublics: [aînés]\n\n"))
    #expect(!filled.contains("# publics:"))
    #expect(filled.contains("  - organisation: PCS de Mons\n    nom: Anne Dupont\n    email: pcs@mons.be\n\n"))
    #expect(filled.contains("et les communes.\nterritoire:\n  province: hainaut\n\n"))
    #expect(!filled.contains("statut") && !filled.contains("Tant que cette ligne"))
    #expect(filled.hasSuffix("mise-a-jour: 2025-06-01\n---\n\n## Contexte\n\nTexte.\n"))

    let emptied = try saved(try file(filled)) { $0.publics = [] }
    #expect(emptied.contains("Retirez le « # » pour l'utiliser.\n# publics: [À compléter]\n\n"))
}

@Test func aKeyTheFileLacksIsAddedWhereFichesNewPutsIt() throws {
    let after = try saved(try file(Fixtures.validFiche)) { values in
        values.publics = ["aînés", "aidants"]
        values.statut = "brouillon"
    }
    #expect(after.contains("droits: [sante]\npublics: [aînés, aidants]\nporteurs: [pcs]\n"))
    #expect(after.contains("mise-a-jour: 2024-03-12\nstatut: brouillon\n---\n"))
}

@Test func aWindowsFileKeepsItsLineEndsItsMarkAndItsBody() throws {
    let text = "\u{FEFF}" + commented.replacingOccurrences(of: "\n", with: "\r\n")
    let fiche = try FicheFile(bytes: Data(text.utf8))
    #expect(try fiche.saving(fiche.values, body: fiche.body, catalogue: Fixtures.catalogue) == Data(text.utf8))
    var values = fiche.values
    values.miseAJour = "2025-06-01"
    // A browser sends the text area's lines ended by CR LF.
    let body = fiche.body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\nUne ligne de plus.\r\n"
    let after = String(decoding: try fiche.saving(values, body: body, catalogue: Fixtures.catalogue), as: UTF8.self)
    #expect(after.hasPrefix("\u{FEFF}---\r\n"))
    #expect(after.contains("\r\nmise-a-jour: 2025-06-01\r\n"))
    #expect(after.hasSuffix("Texte, avec des espaces en fin de ligne.   \r\nUne ligne de plus.\r\n"))
    #expect(!after.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
}

@Test func aFileTheFormCannotShowIsRefusedWithItsReason() throws {
    #expect(throws: FicheFile.Refusal.self) { try file("# Pas d'en-tête\n\nTexte.\n") }
    let list = Fixtures.validFiche.replacingOccurrences(of: "titre: Créer un Alzheimer café", with: "titre: [a, b]")
    let fiche = try file(list)
    let error = #expect(throws: FicheFile.Refusal.self) { try saved(fiche) { $0.titre = "Créer un Alzheimer café" } }
    if let error {
        #expect(
            error.message.hasPrefix(
                "la valeur de « titre » est écrite sous une forme que le formulaire ne sait pas montrer (ligne 2)"))
    }
}

@Test func eachMessageFindsItsField() throws {
    let places = FicheFile.places(in: Fixtures.validFiche)
    func field(_ line: Int, _ column: Int) -> String? { places.field(at: SourceLocation(line: line, column: column)) }
    #expect(field(2, 8) == "titre")
    #expect(field(4, 9) == "droit-principal")
    #expect(field(7, 3) == "province")
    #expect(field(8, 14) == "communes")
    #expect(field(10, 5) == "contacts-0-organisation")
    #expect(field(11, 12) == "contacts-0-email")
    #expect(field(12, 16) == "contacts-0-telephone")
    #expect(field(15, 10) == "liens-0-url")
    #expect(field(16, 14) == "mise-a-jour")
    #expect(field(20, 1) == "corps")
    // A key the form has no field for is said at its block's first field.
    let fax = FicheFile.places(
        in: Fixtures.validFiche.replacingOccurrences(
            of: "    telephone: 010 23 45 67\n", with: "    fax: 010 23 45 67\n"))
    #expect(fax.field(at: SourceLocation(line: 12, column: 5)) == "contacts-0-organisation")
}
