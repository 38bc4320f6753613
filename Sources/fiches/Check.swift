import ArgumentParser
import FichesCore
import FichesSite
import Foundation

struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Vérifie les fiches sans rien écrire.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @OptionGroup var sources: SourceOptions

    @Option(help: "Format des messages : text, json ou github.")
    var format: Format = .text

    @Flag(
        name: .customLong("a-revoir"),
        help: "Lister les fiches à revoir (mises à jour depuis plus de site.revision-mois), les plus anciennes d'abord."
    )
    var aRevoir = false

    func run() async throws {
        var options = BuildOptions()
        options.source = sources.source
        do {
            if aRevoir { return try await review(options) }
            let result = try await SiteBuilder.check(options)
            switch format {
            case .text:
                Report.text(result.diagnostics)
                if result.diagnostics.isEmpty {
                    Report.line("\(result.ficheCount) fiche(s) vérifiée(s) : aucun problème.")
                }
            case .json: Report.json(result.diagnostics)
            case .github: Report.github(result.diagnostics)
            }
            if result.diagnostics.hasErrors { throw ExitCode.failure }
        } catch let error as BuildError {
            throw Self.fail(error)
        }
    }

    /// The fiches due for review, with their contacts, for the editorial team.
    private func review(_ options: BuildOptions) async throws {
        let (result, due, months) = try await SiteBuilder.review(options)
        switch format {
        case .text:
            Report.text(result.diagnostics)
            Report.line(ReviewReport.text(due, months: months))
        case .json: Report.line(ReviewReport.json(due, months: months))
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
