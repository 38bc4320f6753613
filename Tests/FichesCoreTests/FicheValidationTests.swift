import Foundation
import Testing

@testable import FichesCore

/// One case per rule of the front matter: the line to replace in the valid
/// fiche, the marked replacement and the exact message.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var replace: String
    var with: String
    var message: String
    var severity = "erreur"

    var testDescription: String { rule }
}

private let file = "fiches/sante/alzheimer-cafe.md"

@Test func theValidFicheHasNoDiagnostic() {
    #expect(Fixtures.diagnostics(of: Fixtures.validFiche) == [])
}

@Test(arguments: [
    RuleCase(
        rule: "unknown key, with did-you-mean", replace: "porteurs: [pcs]", with: "↓porteur: [pcs]",
        message: "clé inconnue « porteur » ; vouliez-vous dire « porteurs » ?"),
    RuleCase(
        rule: "unknown accented key", replace: "resume: Un lieu", with: "↓résumé: Un lieu",
        message: "clé inconnue « résumé » ; vouliez-vous dire « resume » ?"),
    RuleCase(
        rule: "unknown key without a close one", replace: "porteurs: [pcs]", with: "↓couleur: bleu",
        message:
            "clé inconnue « couleur » ; clés possibles : titre, resume, droits, publics, porteurs, territoire, contacts, liens, mise-a-jour, statut, anciennes-adresses"
    ),
    RuleCase(
        rule: "title too short", replace: "titre: Créer un Alzheimer café", with: "titre: ↓Café",
        message: "le titre doit compter de 5 à 200 caractères (il en compte 4)"),
    RuleCase(
        rule: "empty title", replace: "titre: Créer un Alzheimer café", with: "titre:↓",
        message: "« titre » est vide"),
    RuleCase(
        rule: "title of the wrong type", replace: "titre: Créer un Alzheimer café", with: "titre: ↓[a, b]",
        message: "« titre » doit être un texte"),
    RuleCase(
        rule: "summary too long", replace: "resume: Un lieu convivial pour les personnes malades et leurs proches.",
        with: "resume: ↓" + String(repeating: "a", count: 401),
        message: "le résumé dépasse 400 caractères (il en compte 401)"),
    RuleCase(
        rule: "unknown right", replace: "droits: [sante]", with: "droits: [↓sant]",
        message: "droit inconnu « sant » ; vouliez-vous dire « sante » ?"),
    RuleCase(
        rule: "right in capitals and accents", replace: "droits: [sante]", with: "droits: [↓Santé]",
        message: "droit « Santé » lu comme « sante » : écrivez exactement « sante »",
        severity: "avertissement"),
    RuleCase(
        rule: "province with a capital", replace: "  province: hainaut", with: "  province: ↓Hainaut",
        message: "province « Hainaut » lue comme « hainaut » : écrivez exactement « hainaut »",
        severity: "avertissement"),
    RuleCase(
        rule: "status with a capital", replace: "mise-a-jour: 2024-03-12",
        with: "mise-a-jour: 2024-03-12\nstatut: ↓Publié",
        message: "statut « Publié » lu comme « publie » : écrivez exactement « publie »", severity: "avertissement"),
    RuleCase(
        rule: "unknown province, feminine", replace: "  province: hainaut", with: "  province: ↓Hainau",
        message: "province inconnue « Hainau » ; vouliez-vous dire « hainaut » ?"),
    RuleCase(
        rule: "Word's quotes around a value with a colon", replace: "titre: Créer un Alzheimer café",
        with: "titre: ↓“Alzheimer café : un lieu”",
        message:
            "guillemets typographiques “ ” : YAML ne connaît que les guillemets droits \" ; écrivez « titre: \"Alzheimer café : un lieu\" »"
    ),
    RuleCase(
        rule: "French quotes around a value with a colon", replace: "titre: Créer un Alzheimer café",
        with: "titre: ↓« Alzheimer café: un lieu »",
        message:
            "guillemets typographiques « » : YAML ne connaît que les guillemets droits \" ; écrivez « titre: \"Alzheimer café: un lieu\" »"
    ),
    RuleCase(
        rule: "Word's quotes around a whole value", replace: "titre: Créer un Alzheimer café",
        with: "titre: ↓“Créer un Alzheimer café”",
        message:
            "valeur entre guillemets typographiques “ ” : ils seront publiés avec le texte ; pour les retirer, écrivez « titre: \"Créer un Alzheimer café\" »",
        severity: "avertissement"),
    RuleCase(
        rule: "an apostrophe inside single quotes", replace: "titre: Créer un Alzheimer café",
        with: "titre: 'L↓'épicerie sociale'",
        message:
            "apostrophe dans une valeur entre apostrophes : YAML y voit la fin de la valeur ; écrivez « titre: \"L'épicerie sociale\" »"
    ),
    RuleCase(
        rule: "no space after a list's dash", replace: "  - organisation: PCS de Wavre",
        with: "  -↓organisation: PCS de Wavre",
        message: "espace manquante après « - » : écrivez « - organisation: PCS de Wavre »"),
    RuleCase(
        rule: "no space after a key's colon", replace: "    email: laurence.caps@wavre.be",
        with: "    email:↓laurence.caps@wavre.be",
        message: "espace manquante après « email: » : écrivez « email: laurence.caps@wavre.be »"),
    RuleCase(
        rule: "a placeholder left in a published fiche", replace: "  - organisation: PCS de Wavre",
        with: "  - organisation: ↓À compléter",
        message:
            "texte à compléter « À compléter » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)"
    ),
    RuleCase(
        rule: "a placeholder in capitals without accents", replace: "titre: Créer un Alzheimer café",
        with: "titre: ↓A COMPLETER",
        message:
            "texte à compléter « A COMPLETER » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)"
    ),
    RuleCase(
        rule: "the scaffold's name left", replace: "    email: laurence.caps@wavre.be",
        with: "    nom: ↓Prénom Nom\n    email: laurence.caps@wavre.be",
        message:
            "texte à compléter « Prénom Nom » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)"
    ),
    RuleCase(
        rule: "the scaffold's email left", replace: "    email: laurence.caps@wavre.be",
        with: "    email: ↓a-completer@example.org",
        message:
            "courriel d'exemple « a-completer@example.org » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)"
    ),
    RuleCase(
        rule: "an address of a reserved domain", replace: "    email: laurence.caps@wavre.be",
        with: "    email: ↓accueil@pcs.test",
        message:
            "courriel d'exemple « accueil@pcs.test » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)"
    ),
    RuleCase(
        rule: "the scaffold's phone left", replace: "    telephone: 010 23 45 67",
        with: "    telephone: ↓À compléter, au format 065 12 34 56",
        message:
            "texte à compléter « À compléter, au format 065 12… » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)"
    ),
    RuleCase(
        rule: "an example site in the links", replace: "    url: http://cohesionsociale.wallonie.be",
        with: "    url: ↓https://www.example.com/fiche",
        message:
            "site d'exemple « https://www.example.com/fiche » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)"
    ),
    RuleCase(
        rule: "a placeholder left in the body", replace: "Texte.", with: "↓À compléter : pourquoi.",
        message:
            "texte à compléter « À compléter : pourquoi. » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)"
    ),
    RuleCase(
        rule: "a placeholder in a draft", replace: "titre: Créer un Alzheimer café",
        with: "statut: brouillon\ntitre: ↓À compléter",
        message: "texte à compléter « À compléter » : à remplacer avant de publier la fiche", severity: "avertissement"),
    RuleCase(
        rule: "placeholders in a draft, said once",
        replace:
            "titre: Créer un Alzheimer café\nresume: Un lieu convivial pour les personnes malades et leurs proches.",
        with: "statut: brouillon\ntitre: ↓À compléter\nresume: À compléter.",
        message:
            "texte à compléter « À compléter », et 1 autre valeur à compléter ou d'exemple (ligne 4) : à remplacer avant de publier la fiche",
        severity: "avertissement"),
    RuleCase(
        rule: "two numbers in one phone", replace: "    telephone: 010 23 45 67",
        with: "    telephone: ↓010 23 45 67 ou 0470 12 34 56",
        message:
            "numéro de téléphone belge invalide « 010 23 45 67 ou 0470 12 34 56 » ; un seul numéro par contact ; ajoutez un contact pour l'autre"
    ),
    RuleCase(
        rule: "two addresses in one email", replace: "    email: laurence.caps@wavre.be",
        with: "    email: ↓laurence.caps@wavre.be; accueil@wavre.be",
        message:
            "courriel invalide « laurence.caps@wavre.be; accueil@wavre.be » : une seule adresse par contact ; ajoutez un contact pour l'autre"
    ),
    RuleCase(
        rule: "a space in an email", replace: "    email: laurence.caps@wavre.be",
        with: "    email: ↓laurence caps@wavre.be",
        message: "courriel invalide « laurence caps@wavre.be » : une adresse ne contient pas d'espace"
    ),
    RuleCase(
        rule: "prose that asks to fill in a form", replace: "Texte.",
        with: "Un formulaire à compléter sur place. Voir www.exemple.be.↓", message: "", severity: ""),
    RuleCase(
        rule: "repeated right", replace: "droits: [sante]", with: "droits: [sante, alimentation, ↓sante]",
        message: "droit « sante » répété"),
    RuleCase(
        rule: "no right", replace: "droits: [sante]", with: "droits: ↓[]",
        message: "« droits » doit contenir au moins un droit"),
    RuleCase(
        rule: "a single right where a list is expected", replace: "droits: [sante]", with: "droits: ↓sante",
        message:
            "« droits » attend une liste ; « sante » est lu comme une liste d'un élément : écrivez « droits: [sante] »",
        severity: "avertissement"),
    RuleCase(
        rule: "rights of the wrong shape", replace: "droits: [sante]", with: "droits: ↓{sante: oui}",
        message: "« droits » doit être une liste : [a, b] entre crochets, ou une ligne « - » par élément"),
    RuleCase(
        rule: "unknown initiator", replace: "porteurs: [pcs]", with: "porteurs: [↓cpass]",
        message: "porteur inconnu « cpass » ; vouliez-vous dire « cpas » ?"),
    RuleCase(
        rule: "unknown province", replace: "  province: hainaut", with: "  province: ↓hainault",
        message: "province inconnue « hainault » ; vouliez-vous dire « hainaut » ?"),
    RuleCase(
        rule: "unknown territory key", replace: "  communes: [Mons]", with: "  ↓commune: [Mons]",
        message: "clé inconnue « commune » ; vouliez-vous dire « communes » ?"),
    RuleCase(
        rule: "unknown commune", replace: "  communes: [Mons]", with: "  communes: [Mons, ↓Wavres]",
        message: "commune inconnue « Wavres » ; vouliez-vous dire « Wavre » ?"),
    RuleCase(
        rule: "commune written without its case, accents and hyphens", replace: "  communes: [Mons]",
        with: "  communes: [↓LA LOUVIERE]",
        message: "commune « LA LOUVIERE » lue comme « La Louvière » : écrivez exactement « La Louvière »",
        severity: "avertissement"),
    RuleCase(
        rule: "commune of another province", replace: "  communes: [Mons]", with: "  communes: [↓Namur]",
        message:
            "« Namur » est une commune de la province « Namur », pas « Hainaut » : corrigez la commune ou la province"
    ),
    RuleCase(
        rule: "former address that is the current one", replace: "porteurs: [pcs]",
        with: "porteurs: [pcs]\nanciennes-adresses: [↓alzheimer-cafe.md]",
        message: "ancienne adresse « alzheimer-cafe.md » : c'est le nom actuel de la fiche"),
    RuleCase(
        rule: "former address that is no file name", replace: "porteurs: [pcs]",
        with: "porteurs: [pcs]\nanciennes-adresses: [↓Vieux Café]",
        message: "ancienne adresse « Vieux Café » : écrivez l'ancien nom du fichier, sans « .md », comme « vieux-cafe »"
    ),
    RuleCase(
        rule: "commune repeated", replace: "  communes: [Mons]", with: "  communes: [Mons, ↓Mons]",
        message: "commune « Mons » répétée"),
    RuleCase(
        rule: "commune of Flanders, not a misspelt Walloon one", replace: "  communes: [Mons]",
        with: "  communes: [↓Leuven]",
        message:
            "commune inconnue « Leuven » : ce n'est pas une des 261 communes de Wallonie, sous leur nom de 2025 (une commune fusionnée porte le nom de la nouvelle)"
    ),
    RuleCase(
        rule: "the first part of a commune's name", replace: "  communes: [Mons]",
        with: "  communes: [↓Ottignies]",
        message: "commune inconnue « Ottignies » ; vouliez-vous dire « Ottignies-Louvain-la-Neuve » ?"),
    RuleCase(
        rule: "Word's quotes around a commune in a list", replace: "  communes: [Mons]",
        with: "  communes: [Mons, ↓“Quaregnon”]",
        message: "commune « “Quaregnon” » lue comme « Quaregnon » : retirez les guillemets", severity: "avertissement"),
    RuleCase(
        rule: "postal code for a commune", replace: "  communes: [Mons]", with: "  communes: [↓7000]",
        message: "commune inconnue « 7000 » : écrivez le nom de la commune, pas son code postal"),
    RuleCase(
        rule: "communes of two provinces", replace: "  province: hainaut\n  communes: [Mons]",
        with: "  communes: [Mons, ↓Namur]",
        message:
            "« Namur » est une commune de la province « Namur », « Mons » de « Hainaut » : une fiche ne couvre qu'une province ; gardez les communes de l'une"
    ),
    RuleCase(
        rule: "bad email", replace: "    email: laurence.caps@wavre.be", with: "    email: ↓laurence.caps@wavre",
        message: "courriel invalide « laurence.caps@wavre »"),
    RuleCase(
        rule: "bad Belgian phone number", replace: "    telephone: 010 23 45 67", with: "    telephone: ↓010 23 45",
        message:
            "numéro de téléphone belge invalide « 010 23 45 » ; écrivez-le par exemple 065 12 34 56, 0470 12 34 56 ou +32 65 12 34 56"
    ),
    RuleCase(
        rule: "contact site without scheme", replace: "    telephone: 010 23 45 67", with: "    site: ↓www.wavre.be",
        message:
            "adresse web invalide « www.wavre.be » : elle doit commencer par http:// ou https:// ; vouliez-vous dire « https://www.wavre.be » ?"
    ),
    RuleCase(
        rule: "contact without a way to reach it",
        replace: "  - organisation: PCS de Wavre\n    email: laurence.caps@wavre.be\n    telephone: 010 23 45 67",
        with: "  - ↓organisation: PCS de Wavre\n    nom: Laurence Caps",
        message: "le contact « PCS de Wavre » n'a ni « email », ni « telephone », ni « site »"),
    RuleCase(
        rule: "contact without organisation", replace: "  - organisation: PCS de Wavre", with: "  - ↓nom: PCS de Wavre",
        message: "clé obligatoire « organisation » manquante"),
    RuleCase(
        rule: "unknown contact key", replace: "    telephone: 010 23 45 67", with: "    ↓telefone: 010 23 45 67",
        message: "clé inconnue « telefone » ; vouliez-vous dire « telephone » ?"),
    RuleCase(
        rule: "link that is not http", replace: "    url: http://cohesionsociale.wallonie.be",
        with: "    url: ↓ftp://cohesionsociale.wallonie.be",
        message:
            "adresse web invalide « ftp://cohesionsociale.wallonie.be » : elle doit commencer par http:// ou https://"),
    RuleCase(
        rule: "date in Belgian form", replace: "mise-a-jour: 2024-03-12", with: "mise-a-jour: ↓12/03/2024",
        message: "date invalide « 12/03/2024 » ; écrivez-la 2024-03-12"),
    RuleCase(
        rule: "date without its zeros", replace: "mise-a-jour: 2024-03-12", with: "mise-a-jour: ↓2024-3-5",
        message: "date « 2024-3-5 » lue comme le 5 mars 2024 ; écrivez-la 2024-03-05", severity: "avertissement"),
    RuleCase(
        rule: "impossible date", replace: "mise-a-jour: 2024-03-12", with: "mise-a-jour: ↓2024-02-30",
        message: "date invalide « 2024-02-30 » ; écrivez-la AAAA-MM-JJ"),
    RuleCase(
        rule: "date in the future", replace: "mise-a-jour: 2024-03-12", with: "mise-a-jour: ↓2025-07-01",
        message: "la date de mise à jour « 2025-07-01 » est dans le futur"),
    RuleCase(
        rule: "unknown status", replace: "mise-a-jour: 2024-03-12", with: "mise-a-jour: 2024-03-12\nstatut: ↓brouilon",
        message: "statut inconnu « brouilon » ; vouliez-vous dire « brouillon » ?"),
    RuleCase(
        rule: "duplicate key", replace: "droits: [sante]", with: "droits: [sante]\n↓titre: Un autre titre",
        message: "clé « titre » en double (déjà donnée ligne 2)"),
    RuleCase(
        rule: "YAML syntax error", replace: "titre: Créer un Alzheimer café", with: "titre: Créer↓: un café",
        message:
            "« : » dans la valeur de « titre » : mettez-la entre guillemets droits ; écrivez « titre: \"Créer: un café\" »"
    ),
    RuleCase(
        rule: "an unclosed bracket", replace: "  communes: [Mons]", with: "  communes: ↓[Mons",
        message:
            "crochet « [ » ouvert et jamais fermé : YAML lit la suite comme la même liste ; écrivez « communes: [Mons] »"
    ),
    RuleCase(
        rule: "YAML syntax error elsewhere", replace: "titre: Créer un Alzheimer café", with: "titre: ↓@Créer",
        message: "syntaxe YAML : caractère inattendu (une tabulation ? indentez avec des espaces)"),
    RuleCase(
        rule: "a word processor's bullet", replace: "  - organisation: PCS de Wavre",
        with: "  ↓– organisation: PCS de Wavre",
        message:
            "« – » n'est pas un tiret de liste pour YAML (une puce de traitement de texte) : écrivez « - organisation: PCS de Wavre »"
    ),
    RuleCase(
        rule: "an unclosed double quote", replace: "titre: Créer un Alzheimer café",
        with: "titre: ↓\"Un café : pour tous",
        message:
            "guillemet « \" » ouvert et jamais fermé : YAML lit la suite de l'en-tête comme la même valeur ; écrivez « titre: \"Un café : pour tous\" »"
    ),
    RuleCase(
        rule: "straight quotes inside straight quotes", replace: "titre: Créer un Alzheimer café",
        with: "titre: \"Un café ↓\"pour\" tous\"",
        message:
            "guillemets droits à l'intérieur d'une valeur entre guillemets : YAML y voit la fin de la valeur ; écrivez « titre: \"Un café « pour » tous\" »"
    ),
    RuleCase(
        rule: "a non-breaking space after a colon", replace: "titre: Créer un Alzheimer café",
        with: "titre:↓\u{A0}Créer un Alzheimer café",
        message:
            "espace insécable après « titre: » : YAML demande une espace ordinaire ; écrivez « titre: Créer un Alzheimer café »"
    ),
    RuleCase(
        rule: "a key indented one space too far", replace: "    email: laurence.caps@wavre.be",
        with: "     email↓: laurence.caps@wavre.be",
        message:
            "« email: » n'est pas aligné sur les autres clés de son groupe : vérifiez les espaces en début de ligne, ici ou à la ligne au-dessus"
    ),
    RuleCase(
        rule: "a right by its label", replace: "droits: [sante]", with: "droits: [↓Droit à la santé]",
        message: "droit « Droit à la santé » lu comme « sante » : écrivez exactement « sante »",
        severity: "avertissement"),
    RuleCase(
        rule: "unknown initiator far from any", replace: "porteurs: [pcs]", with: "porteurs: [↓commune]",
        message: "porteur inconnu « commune » ; identifiants possibles : pcs, cpas"),
    RuleCase(
        rule: "a tab in the indentation", replace: "  province: hainaut", with: "↓\tprovince: hainaut",
        message: "tabulation dans l'indentation : en YAML, indentez avec des espaces (deux par niveau)"),
    RuleCase(
        rule: "missing required key",
        replace: "resume: Un lieu convivial pour les personnes malades et leurs proches.\n",
        with: "", message: "clé obligatoire « resume » manquante"),
])
func eachRuleHasItsMessageAtItsPlace(_ rule: RuleCase) throws {
    #expect(Fixtures.validFiche.contains(rule.replace), "the case must change the valid fiche")
    let marked = MarkedText(Fixtures.validFiche.replacingOccurrences(of: rule.replace, with: rule.with))
    let location = marked.location ?? SourceLocation(line: 1, column: 1)
    // A case without a message is one that must not be reported.
    let expected =
        rule.message.isEmpty ? [] : ["\(file):\(location.line):\(location.column): \(rule.severity): \(rule.message)"]
    #expect(Fixtures.diagnostics(of: marked.text) == expected)
}

@Test func everyProblemOfAFicheIsReportedInOneRun() {
    let text = Fixtures.validFiche
        .replacingOccurrences(of: "droits: [sante]", with: "droits: [sant]")
        .replacingOccurrences(of: "email: laurence.caps@wavre.be", with: "email: pas-une-adresse")
        .replacingOccurrences(of: "2024-03-12", with: "12/03/2024")
    #expect(Fixtures.diagnostics(of: text).count == 3)
}

@Test func aFicheWithoutFrontMatterIsAnError() {
    #expect(
        Fixtures.diagnostics(of: "# Titre\n\nTexte.\n") == [
            "\(file):1:1: erreur: la fiche doit commencer par une ligne « --- », suivie de l'en-tête YAML (titre, resume, droits…)"
        ])
    #expect(
        Fixtures.diagnostics(of: "---\ntitre: Un titre\n\nTexte.\n") == [
            "\(file):1:1: erreur: l'en-tête YAML ouvert à la ligne 1 n'est jamais fermé par une ligne « --- »"
        ])
}

@Test func readValuesAreNormalised() throws {
    let reading = Fiche.read(
        Fixtures.validFiche, slug: "alzheimer-cafe", file: file, catalogue: Fixtures.catalogue, today: Fixtures.today)
    #expect(reading.diagnostics.isEmpty)
    let read = try #require(reading.fiche)
    #expect(read.droits.map(\.id) == ["sante"])
    #expect(read.droitPrincipal.libelle == Fixtures.catalogue.droit("sante")?.libelle)
    #expect(read.contacts.first?.telephone?.e164 == "+3210234567")
    #expect(read.miseAJour.description == "2024-03-12")
    #expect(reading.body?.lineOffset == 17)
    #expect(read.statut == .publie)
}

/// A fiche with an error in its front matter has no fiche to publish, but its body is still read.
@Test func aFicheWithAnErrorHasABodyButNoFiche() {
    let reading = Fiche.read(
        Fixtures.validFiche.replacingOccurrences(of: "droits: [sante]", with: "droits: [inconnu]"),
        slug: "alzheimer-cafe", file: file, catalogue: Fixtures.catalogue, today: Fixtures.today)
    #expect(reading.diagnostics.hasErrors)
    #expect(reading.fiche == nil)
    #expect(reading.body?.lineOffset == 17)
}

/// `YAMLHabits.find` looks at a line only when its bytes suggest a habit: it
/// finds what looking at every line finds, on the real fiches and on every
/// habit put in each of their lines.
@Test func findingHabitsByBytesFindsWhatEveryLineWouldTell() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../fiches")
    var texts: [String] = [Fixtures.validFiche]
    let enumerator = FileManager.default.enumerator(at: folder.standardizedFileURL, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
        if url.pathExtension == "md" { texts.append(try String(contentsOf: url, encoding: .utf8)) }
    }
    #expect(texts.count > 5)
    let keys = Fiche.yamlKeys
    let slips: [(String) -> String] = [
        { $0.replacingOccurrences(of: ": ", with: ":") },
        { $0.replacingOccurrences(of: "- ", with: "-") },
        { $0.replacingOccurrences(of: ": ", with: ": “") + "”" },
        { $0.replacingOccurrences(of: ": ", with: ": « ") + " »" },
        { $0.replacingOccurrences(of: ": ", with: ": 'L'") + "'" },
        { $0.replacingOccurrences(of: ": ", with: ":\u{A0}") },
        { "  " + $0 },
    ]
    var count = 0
    for text in texts {
        let yaml = text.components(separatedBy: "\n---\n")[0]
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices {
            for slip in slips {
                var changed = lines
                changed[index] = slip(lines[index])
                let mutated = changed.joined(separator: "\n")
                #expect(
                    YAMLHabits.find(in: mutated, keys: keys) == YAMLHabits.findLineByLine(in: mutated, keys: keys),
                    "\(changed[index])")
                count += 1
            }
        }
    }
    #expect(count > 500)
}

@Test func theProvinceOfTheCommunesIsDeducedWithoutAWord() throws {
    let text = Fixtures.validFiche.replacingOccurrences(of: "  province: hainaut\n", with: "")
    let reading = Fiche.read(
        text, slug: "alzheimer-cafe", file: "fiches/sante/alzheimer-cafe.md", catalogue: Fixtures.catalogue,
        today: Fixtures.today)
    #expect(reading.diagnostics.isEmpty)
    #expect(reading.fiche?.territoire?.province?.id == "hainaut")
    // An apostrophe typed either way is the same commune, written as Statbel writes it.
    let curly = Fixtures.validFiche.replacingOccurrences(of: "[Mons]", with: "[Mons, \"Fontaine-l\u{2019}Evêque\"]")
    #expect(Fixtures.diagnostics(of: curly) == [])
}

@Test func theCommunesAreTheTwoHundredSixtyOneOfWalloniaEachInItsProvince() {
    let communes = Territory.communes
    #expect(communes.count == 261)
    #expect(Set(communes.map(\.refnis)).count == 261)
    #expect(Set(communes.map(\.nom)).count == 261)
    let provinces = ["brabant-wallon", "hainaut", "liege", "luxembourg", "namur"]
    #expect(communes.allSatisfy { provinces.contains($0.province) && $0.refnis.count == 5 })
    // Statbel's numbering: the first digit is the province's (2 Brabant wallon, 5 Hainaut, 6 Liège…).
    let digits = ["brabant-wallon": "2", "hainaut": "5", "liege": "6", "luxembourg": "8", "namur": "9"]
    #expect(communes.allSatisfy { $0.refnis.hasPrefix(digits[$0.province]!) })
    #expect(
        Territory.commune(named: "Braine-l\u{2019}Alleud")?.refnis
            == Territory.commune(named: "Braine-l'Alleud")?.refnis)
    #expect(Territory.commune(named: "Bertogne") == nil)  // merged into Bastogne in 2025
    // Statbel leaves capitals unaccented; French typography accents them: the same commune.
    #expect(Territory.commune(named: "Écaussinnes")?.nom == "Ecaussinnes")
    #expect(Territory.commune(named: "Court-Saint-Étienne")?.nom == "Court-Saint-Etienne")
    #expect(Territory.commune(named: "écaussinnes") == nil)
    #expect(Set(Territory.map.provinces.keys) == Set(provinces))
}
