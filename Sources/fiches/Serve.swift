import ArgumentParser
import FichesCore
import FichesPreview
import FichesSite
import Foundation
import SiteTemplate

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Aperçu du site, reconstruit et rechargé dans le navigateur à chaque enregistrement.",
        discussion: """
            Le site est fait en mémoire (rien n'est écrit dans le dossier publié) et servi sur \
            http://127.0.0.1:PORT/. Tant qu'une fiche a une erreur, les pages la montrent, avec sa ligne et sa colonne.

            Chaque page de l'aperçu propose « Nouvelle fiche », et celle d'une fiche « Modifier cette fiche » : un \
            formulaire qui vérifie tout comme fiches check, puis enregistre la fiche dans le dossier des fiches (et \
            nulle part ailleurs), sans jamais remplacer une autre fiche ni un fichier modifié entre-temps.
            """)

    @OptionGroup var sources: SourceOptions

    @OptionGroup var templates: TemplateOptions

    @Option(help: "Port d'écoute sur 127.0.0.1.")
    var port = 8000

    @Flag(
        name: .customLong("sans-brouillons"),
        help: "Ne pas montrer les fiches en brouillon (montrées par défaut, avec leur bandeau), comme le site publié.")
    var withoutDrafts = false

    /// Drafts are shown by default now: the former flag is still accepted.
    @Flag(help: .hidden) var drafts = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port doit être compris entre 0 et 65535") }
    }

    func run() async throws {
        var options = BuildOptions()
        options.source = try sources.project().source
        options.templates = templates.templates
        options.drafts = !withoutDrafts
        options.baseURL = "http://127.0.0.1:\(port)/"
        try PreviewServer.checkAvailable(port)
        let preview = Preview(options: options)
        defer { preview.close() }
        Self.show(await preview.rebuild(), first: true)
        try await PreviewServer.run(
            preview, port: port, watching: [options.source] + (options.templates.map { [$0] } ?? []),
            onServerRunning: { port in
                Report.line("Aperçu sur http://127.0.0.1:\(port)/ (Ctrl-C pour arrêter).")
            },
            onRebuild: { Self.show($0, first: false) })
        Report.line("Aperçu arrêté.")
    }

    /// One line per rebuild, or the diagnostics and how many pages wait for their correction.
    private static func show(_ rebuild: Preview.Rebuild, first: Bool) {
        let snapshot = rebuild.snapshot
        Report.text(snapshot.diagnostics)
        if let failure = snapshot.failure {
            Report.line("fiches: erreur: \(failure)", toStandardError: true)
        }
        guard snapshot.isBuilt else {
            Report.line("Les pages de l'aperçu montrent les erreurs jusqu'à leur correction.", toStandardError: true)
            return
        }
        let fiches =
            rebuild.drafts == 0
            ? French.count(rebuild.published, "fiche publiée", "fiches publiées")
            : French.count(rebuild.published, "fiche", "fiches") + ", dont "
                + French.count(rebuild.drafts, "brouillon", "brouillons", none: "aucun")
        Report.line("\(first ? "Aperçu prêt" : "Reconstruit") en \(rebuild.milliseconds) ms : \(fiches).")
    }
}
