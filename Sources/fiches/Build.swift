import ArgumentParser
import FichesCore
import FichesSite
import Foundation

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Construit le site ; rien n'est publié si une fiche a une erreur.")

    @OptionGroup var sources: SourceOptions

    @Option(help: "Dossier des gabarits Mustache et des fichiers du site.")
    var templates = "site-template"

    @Option(help: "Dossier du site généré, remplacé d'un bloc.")
    var output = "_site"

    @Flag(help: "Publier aussi les fiches en brouillon.")
    var drafts = false

    @Option(
        help: "Adresse de base du site, à la place de site.url (par exemple https://example.org/bonnes-pratiques/).")
    var baseURL: String?

    func validate() throws {
        if let baseURL,
            !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) || URL(string: baseURL)?.host == nil
        {
            throw ValidationError(
                "--base-url doit être une adresse absolue http(s), par exemple https://example.org/bonnes-pratiques/")
        }
    }

    func run() async throws {
        var options = BuildOptions()
        options.source = sources.source
        options.templates = templates
        options.output = output
        options.drafts = drafts
        options.baseURL = baseURL
        do {
            let result = try await SiteBuilder.build(options)
            Report.text(result.diagnostics)
            guard let site = result.site else {
                Report.line("Rien n'a été publié : corrigez les erreurs ci-dessus.", toStandardError: true)
                throw ExitCode.failure
            }
            Report.line(
                "Site construit dans \(output) : \(result.publishedCount) fiche(s) publiée(s) sur \(result.ficheCount), "
                    + "\(site.pageCount) pages.")
        } catch let error as BuildError {
            throw Self.fail(error)
        }
    }
}
