import ArgumentParser
import FichesCore
import FichesSite
import Foundation
import SiteTemplate

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vérifie les fiches sans rien écrire.",
        discussion: """
            Sans FICHIER, vérifie toutes les fiches. Avec un ou plusieurs fichiers, ne signale que leurs problèmes, \
            mais vérifie toujours leurs liens vers les autres fiches du catalogue.
            """)

    enum Format: String, ReportFormat {
        case text, json, github
        static let standard = Format.text
    }

    @Argument(help: ArgumentHelp("Les fiches à vérifier (par défaut, toutes).", valueName: "fichier"))
    var files: [String] = []

    @OptionGroup var sources: SourceOptions

    @OptionGroup var output: FormatOptions<Format>

    @Flag(
        name: .customLong("a-revoir"),
        help: ArgumentHelp(
            "Lister les fiches à revoir, dont la dernière mise à jour date de plus de site.revision-mois mois, les "
                + "plus anciennes d'abord")
    )
    var aRevoir = false

    func run() async throws {
        var options = BuildOptions()
        options.source = try sources.project(near: files).source
        if aRevoir { return try await review(options) }
        let result = try await SiteBuilder.check(options, files: files)
        switch output.format {
        case .text:
            Report.text(result.diagnostics)
            if result.diagnostics.isEmpty {
                Report.line(
                    "\(French.count(result.ficheCount, "fiche vérifiée", "fiches vérifiées")) : aucun problème.")
            }
        case .json: Report.json(result.diagnostics)
        case .github: Report.github(result.diagnostics)
        }
        if result.diagnostics.hasErrors { throw ExitCode.failure }
    }

    /// The fiches due for review, with their contacts, for the editorial team.
    private func review(_ options: BuildOptions) async throws {
        let (result, due, months) = try await SiteBuilder.review(options)
        switch output.format {
        case .text:
            Report.text(result.diagnostics)
            Report.line(ReviewReport.text(due, months: months, complete: !result.diagnostics.hasErrors))
        case .json:
            // The document on standard output; the problems that hid fiches from it, on standard error.
            Report.text(result.diagnostics)
            Report.line(ReviewReport.json(due, months: months))
        case .github:
            Report.github(result.diagnostics)
            for fiche in due {
                Report.line(
                    Diagnostic.Severity.warning.githubAnnotation(
                        file: fiche.file, line: 1, column: nil,
                        message:
                            "fiche à revoir : mise à jour le \(fiche.miseAJour.french) (il y a \(fiche.months) mois)"))
            }
        }
        if result.diagnostics.hasErrors { throw ExitCode.failure }
    }
}
