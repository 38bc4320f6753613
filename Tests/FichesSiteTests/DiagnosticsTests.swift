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
                Voir [le brouillon](brouillon.md), [ici](#nulle-part) et [clic](vbscript:msgbox(1)).
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
            "\(root)/sante/alzheimer-cafe.md:13:58: avertissement: lien « vbscript: » supprimé : seul son texte est publié",
            "\(root)/sante/alzheimer-cafe.md:14:1: erreur: fichier introuvable « img/absente.png » (cherché à \(root)/sante/img/absente.png)",
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

@Test func aTemplatesFolderWithoutAssetsIsRefusedWithWhatItMustHold() async throws {
    let folder = try TemporaryFolder()
    try folder.write(["gabarits/fiches.css": "body {}"])
    var options = BuildOptions.fixture()
    options.templates = folder.url.appendingPathComponent("gabarits").path
    await #expect(
        throws: BuildError(
            "dossier des fichiers du site introuvable : \(folder.path)/gabarits/assets "
                + "(--templates attend le dossier qui contient assets/)")
    ) {
        try await generate(options)
    }
}

/// A bare address linked by GFM is reported where it is written (cmark-gfm
/// gives it no place), and an address starting with `//` is explained as one
/// of another site.
@Test func bareAddressesAndAddressesWithoutSchemeAreExplainedAtTheirPlace() async throws {
    let folder = try TemporaryFolder()
    try folder.write([
        "catalogue.yml": Minimal.catalogue,
        "sante/cafe.md": Minimal.fiche(
            body: "Écrire à info@wavre.b ou voir [le site](//wavre.be/cafe).\n[Le site](www.wavre.be), "
                + "[l'exemple](https://www.example.com/x) et [écrire](mailto:pcs@example.org).\n"),
        "sante/brouillon.md": Minimal.fiche(
            "Un brouillon", body: "[l'exemple](https://www.example.com/x)\n", extra: "statut: brouillon\n"),
    ])
    let result = try await SiteBuilder.check(.fixture(source: folder.path))
    let root = folder.path
    #expect(
        result.diagnostics.map(\.description) == [
            "\(root)/sante/brouillon.md:11:1: avertissement: site d'exemple « https://www.example.com/x » : à remplacer avant de publier la fiche",
            "\(root)/sante/cafe.md:10:10: erreur: courriel invalide « info@wavre.b »",
            "\(root)/sante/cafe.md:10:31: erreur: adresse « //wavre.be/cafe » sans « https: » : pour une page d'un autre site, écrivez l'adresse entière, « https://wavre.be/cafe »",
            "\(root)/sante/cafe.md:11:1: erreur: adresse « www.wavre.be » sans « https:// » : elle serait lue comme un fichier à côté de la fiche ; vouliez-vous dire « https://www.wavre.be » ?",
            "\(root)/sante/cafe.md:11:26: erreur: site d'exemple « https://www.example.com/x » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)",
            "\(root)/sante/cafe.md:11:68: erreur: courriel d'exemple « pcs@example.org » : remplacez-le avant de publier la fiche (ou remettez « statut: brouillon »)",
        ])
}
