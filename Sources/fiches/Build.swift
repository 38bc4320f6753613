import ArgumentParser
import FichesCore
import FichesLinks
import FichesSite
import Foundation
import SiteTemplate

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Construit le site ; rien n'est publié si une fiche a une erreur.")

    @OptionGroup var sources: SourceOptions

    @OptionGroup var templates: TemplateOptions

    @Option(
        help: ArgumentHelp(
            "Dossier du site généré, remplacé d'un bloc. Par défaut, _site dans le dossier du projet trouvé, ou "
                + "dans le dossier courant avec --source.",
            valueName: "dossier"))
    var output: String?

    @Flag(help: "Publier aussi les fiches en brouillon.")
    var drafts = false

    @Flag(help: "Vérifier les liens internes du site avant de le publier ; un lien cassé empêche la publication.")
    var checkLinks = false

    @OptionGroup var site: BaseURLOptions

    func run() async throws {
        let project = try sources.project()
        var options = BuildOptions()
        options.source = project.source
        options.templates = templates.templates
        options.output = output ?? project.path("_site")
        options.drafts = drafts
        options.baseURL = site.baseURL
        let paths = ReportPaths(site: options.output, source: options.source)
        let result = try await SiteBuilder.build(options) { site in
            guard checkLinks else { return true }
            return try await Self.checkLinks(site, paths: paths)
        }
        Report.text(result.diagnostics)
        guard let pages = result.pageCount else {
            Report.line("Rien n'a été publié : corrigez les erreurs ci-dessus.", toStandardError: true)
            throw ExitCode.failure
        }
        let published = French.count(result.publishedCount, "fiche publiée", "fiches publiées")
        Report.line(
            "Site construit dans \(options.output) : \(published) sur \(result.ficheCount), "
                + "\(French.count(pages, "page", "pages")).")
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
