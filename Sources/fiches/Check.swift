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

    func run() async throws {
        var options = BuildOptions()
        options.source = sources.source
        do {
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
}
