import FichesCore
import Foundation
import Testing

@testable import FichesSite

/// Problems that need the whole catalogue, each at its file, line and column.
@Test func problemsAcrossFichesAreAllReportedAtTheirPlace() async throws {
    let folder = try TemporaryFolder()
    try folder.write([
        "catalogue.yml": Minimal.catalogue,
        "sante/maison-medicale.md": Minimal.fiche(body: "## Mise en œuvre\n\nTexte.\n"),
        "sante/brouillon.md": Minimal.fiche(extra: "statut: brouillon\n"),
        "sante/alzheimer-cafe.md": Minimal.fiche(
            body: """
                # Un second titre

                Voir [la maison](maison-medicale.md#mise-en-ouvre) et [rien](maison-medicalle.md).
                Voir [le brouillon](brouillon.md), [ici](#nulle-part) et [clic](javascript:alert(1)).
                ![](img/absente.png) ![Photo](img/absente.png) [fichier](file:///etc/passwd)
                """),
        "logement/Maison Médicale.md": Minimal.fiche(),
        "logement/guichet.md": Minimal.fiche(),
        "sante/guichet.md": Minimal.fiche(),
    ])
    let result = try await SiteBuilder.check(.fixture(source: folder.path))
    let root = folder.path
    #expect(
        result.diagnostics.map(\.description) == [
            "\(root)/logement/Maison Médicale.md:1:1: erreur: nom de fichier invalide « Maison Médicale.md » ; renommez-le « maison-medicale.md »",
            "\(root)/sante/alzheimer-cafe.md:10:1: erreur: intertitre de niveau 1 « # Un second titre » : le titre de la fiche est le seul de ce niveau ; commencez les intertitres par « ## »",
            "\(root)/sante/alzheimer-cafe.md:12:6: erreur: section « #mise-en-ouvre » introuvable dans « maison-medicale.md » ; vouliez-vous dire « #mise-en-oeuvre » ?",
            "\(root)/sante/alzheimer-cafe.md:12:55: erreur: fiche introuvable « maison-medicalle.md » ; vouliez-vous dire « maison-medicale.md » ?",
            "\(root)/sante/alzheimer-cafe.md:13:6: erreur: la fiche « brouillon.md » est un brouillon : elle ne sera pas publiée et ce lien serait cassé",
            "\(root)/sante/alzheimer-cafe.md:13:36: erreur: section « #nulle-part » introuvable dans cette fiche ; sections : #un-second-titre",
            "\(root)/sante/alzheimer-cafe.md:13:58: avertissement: lien « javascript: » supprimé : seul son texte est publié",
            "\(root)/sante/alzheimer-cafe.md:14:1: erreur: image sans texte alternatif : décrivez-la entre les crochets, ![description](img/absente.png)",
            "\(root)/sante/alzheimer-cafe.md:14:22: erreur: fichier introuvable « img/absente.png » (cherché à \(root)/sante/img/absente.png)",
            "\(root)/sante/alzheimer-cafe.md:14:48: erreur: schéma de lien non autorisé « file: » (seuls http, https, mailto et tel le sont)",
            "\(root)/sante/guichet.md:1:1: erreur: une autre fiche s'appelle déjà « guichet.md » (\(root)/logement/guichet.md) ; chaque nom de fichier doit être unique",
        ])
}

@Test func aFileThatIsNotUTF8IsAnErrorAtItsLine() async throws {
    let folder = try TemporaryFolder()
    try folder.write(["catalogue.yml": Minimal.catalogue])
    var bytes = Data(Minimal.fiche(body: "Un caf").utf8)
    bytes.append(0xE9)
    try bytes.write(to: folder.url.appendingPathComponent("cafe.md"))
    let result = try await SiteBuilder.check(.fixture(source: folder.path))
    #expect(
        result.diagnostics.map(\.description) == [
            "\(folder.path)/cafe.md:10:7: erreur: le fichier n'est pas encodé en UTF-8 (il semble encodé en Windows-1252 : « é ») ; enregistrez-le en UTF-8"
        ])
}

@Test func aTemplateThatNamesAMissingValueStopsTheBuild() async throws {
    let folder = try TemporaryFolder()
    let templates = folder.url.appendingPathComponent("gabarits")
    try FileManager.default.copyItem(atPath: Paths.templates, toPath: templates.path)
    let fiche = templates.appendingPathComponent("fiche.mustache")
    let text = try String(contentsOf: fiche, encoding: .utf8).replacingOccurrences(
        of: "{{resume}}", with: "{{resume_court}}")
    try Data(text.utf8).write(to: fiche)
    var options = BuildOptions.fixture()
    options.templates = templates.path
    await #expect(
        throws: BuildError(
            "\(templates.path)/fiche.mustache : la valeur « resume_court » n'existe pas pour cette page (dans ce gabarit ou un de ses partiels)"
        )
    ) {
        try await SiteBuilder.generate(options)
    }
}

@Test func aTemplateThatDoesNotParseNamesItsPlace() async throws {
    let folder = try TemporaryFolder()
    try folder.write(["gabarits/fiche.mustache": "{{#fiche}}\n{{titre}}\n{{/fich}}\n"])
    var options = BuildOptions.fixture()
    options.templates = folder.url.appendingPathComponent("gabarits").path
    do {
        _ = try await SiteBuilder.generate(options)
        Issue.record("the build should stop")
    } catch let error as BuildError {
        #expect(error.message.hasPrefix("\(options.templates)/fiche.mustache:3:"))
        #expect(error.message.contains("erreur: gabarit illisible"))
    }
}
