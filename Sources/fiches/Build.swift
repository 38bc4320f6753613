import ArgumentParser
import FichesCore
import FichesLinks
import FichesSite
import Foundation

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Construit le site ; rien n'est publié si une fiche a une erreur.")

    @OptionGroup var sources: SourceOptions

    @Option(help: ArgumentHelp(Fiches.templatesHelp, valueName: "dossier"))
    var templates: String?

    @Option(help: "Dossier du site généré, remplacé d'un bloc.")
    var output = "_site"

    @Flag(help: "Publier aussi les fiches en brouillon.")
    var drafts = false

    @Flag(help: "Vérifier les liens internes du site avant de le publier ; un lien cassé empêche la publication.")
    var checkLinks = false

    @Option(
        help: "Adresse de base du site, à la place de site.url (par exemple https://example.org/bonnes-pratiques/).")
    var baseURL: String?

    func validate() throws {
        try validateBaseURL(baseURL)
    }

    func run() async throws {
        var options = BuildOptions()
        options.source = sources.source
        options.templates = templates
        options.output = output
        options.drafts = drafts
        options.baseURL = baseURL
        do {
            let result = try await SiteBuilder.build(options) { site in
                guard checkLinks else { return true }
                return try await Self.checkLinks(site, paths: ReportPaths(site: output, source: sources.source))
            }
            Report.text(result.diagnostics)
            guard let pages = result.pageCount else {
                Report.line("Rien n'a été publié : corrigez les erreurs ci-dessus.", toStandardError: true)
                throw ExitCode.failure
            }
            Report.line(
                "Site construit dans \(output) : \(result.publishedCount) fiche(s) publiée(s) sur \(result.ficheCount), "
                    + "\(pages) pages.")
        } catch let error as BuildError {
            throw Self.fail(error)
        }
    }

    /// The internal link check of the site not yet published; false when a link is broken.
    private static func checkLinks(_ site: StagedSite, paths: ReportPaths) async throws -> Bool {
        var report = try await LinkChecker(siteURL: site.manifest.url).check(folder: site.folder).report
        report.attach(site.origins)
        for line in report.text(paths: paths) { Report.line(line, toStandardError: true) }
        Report.line("Liens : " + report.summary, toStandardError: report.hasErrors)
        return !report.hasErrors
    }
}
