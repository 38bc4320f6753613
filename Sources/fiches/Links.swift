import ArgumentParser
import FichesCore
import FichesLinks
import FichesSite
import FichesWeb
import Foundation
import Synchronization

struct Links: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Vérifie chaque lien du site construit : pages, ancres, fichiers, courriels, téléphones.",
        discussion: """
            Code de sortie : 0 si aucun lien n'est cassé, 1 sinon. Les liens externes incertains \
            (401, 403, 429, 5xx, délai dépassé, connexion interrompue, attente demandée trop longue, \
            ancre d'une page de plus de 2 Mo) ne font échouer que sous --strict. Pour un lien externe \
            avec une ancre, la page est lue, jusqu'à 2 Mo, une fois pour toutes ses ancres.
            """)

    enum Format: String, ReportFormat {
        case text, json, markdown, github
        static let standard = Format.text
    }

    @Option(
        help: ArgumentHelp(
            "Dossier du site construit. Par défaut, _site dans le dossier du projet trouvé, ou dans le dossier "
                + "courant avec --source.", valueName: "dossier"))
    var site: String?

    @OptionGroup var sources: SourceOptions

    @OptionGroup var address: BaseURLOptions

    @Flag(help: "Vérifier aussi les liens vers d'autres sites et leurs ancres (réseau nécessaire).")
    var external = false

    @Flag(help: "Échouer aussi sur les liens externes incertains.")
    var strict = false

    @OptionGroup var output: FormatOptions<Format>

    @Option(help: ArgumentHelp("Requêtes externes simultanées, tous sites confondus.", valueName: "nombre"))
    var concurrency = 16

    @Option(help: ArgumentHelp("Requêtes simultanées vers un même site.", valueName: "nombre"))
    var perHost = 2

    @Option(help: ArgumentHelp("Délai maximal d'une requête externe, en secondes.", valueName: "secondes"))
    var timeout = 10.0

    @Option(
        help: ArgumentHelp(
            "Dossier du cache des liens externes valides. Par défaut, .fiches-cache dans le dossier du projet trouvé, "
                + "ou dans le dossier courant avec --source.",
            valueName: "dossier"))
    var cache: String?

    @Option(help: ArgumentHelp("Durée de validité du cache, en jours (0 : ne pas s'en servir).", valueName: "jours"))
    var cacheDays = 7.0

    func validate() throws {
        guard concurrency >= 1, perHost >= 1 else {
            throw ValidationError("--concurrency et --per-host doivent valoir au moins 1")
        }
        guard timeout > 0, cacheDays >= 0 else {
            throw ValidationError("--timeout doit être positif et --cache-days ne peut pas être négatif")
        }
    }

    func run() async throws {
        // A site made by another tool may have no project around it: the sources are then optional.
        let project = sources.source == nil ? try? sources.project() : try sources.project()
        let site = site ?? project?.path("_site") ?? "_site"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError("dossier du site introuvable : \(site) (construisez-le avec « fiches build »)")
        }
        guard let siteURL = address.baseURL ?? SiteManifest.read(site: site)?.url else {
            throw BuildError(
                "\(site)/\(SiteManifest.fileName) manquant ou illisible : ce dossier n'a pas été construit par "
                    + "« fiches build » ; reconstruisez-le, ou donnez son adresse avec --base-url")
        }
        var scan: LinkScan
        do {
            scan = try await LinkChecker(siteURL: siteURL).check(folder: site)
        } catch let error as BuildError {
            throw error
        } catch {
            throw BuildError("lecture impossible du site \(site) (\(error.localizedDescription))")
        }
        if external {
            guard let project else { throw BuildError("--external a besoin du dossier des fiches : donnez --source") }
            try await checkExternal(&scan, project: project)
        }
        if !scan.report.findings.isEmpty { scan.report.attach(LinkOrigins.read(site: site)) }
        let paths = ReportPaths(site: site, source: project?.source ?? "fiches")
        Self.print(scan.report, format: output.format, paths: paths)
        if scan.report.hasErrors { throw ExitCode.failure }
    }

    /// Asks the network for every external URL not excluded and not valid in the cache.
    private func checkExternal(_ scan: inout LinkScan, project: Project) async throws {
        let (catalogue, diagnostics) = try SiteBuilder.catalogue(source: project.source)
        guard let catalogue else {
            Report.text(diagnostics)
            throw ExitCode.failure
        }
        let folder = cache ?? project.path(".fiches-cache")
        var cache = ResultCache(folder: folder, maxAge: cacheDays * 86_400)
        var options = ExternalCheckOptions()
        options.concurrency = concurrency
        options.perHost = perHost
        options.timeout = .milliseconds(Int(timeout * 1000))
        let progress = ProgressLine(enabled: output.format == .text && isatty(STDERR_FILENO) == 1)
        await scan.checkExternal(
            exclusions: catalogue.liensExclus, cache: &cache, options: options, strict: strict
        ) { progress.show($0) }
        progress.clear()
        do {
            try cache.save()
        } catch {
            Report.line(
                "fiches: avertissement: cache non enregistré dans \(folder) (\(error.localizedDescription))",
                toStandardError: true)
        }
    }

    static func print(_ report: LinkReport, format: Format, paths: ReportPaths) {
        switch format {
        case .text:
            for line in report.text(paths: paths) { Report.line(line) }
            Report.line(report.summary)
        case .json: Report.line(String(decoding: report.json(paths: paths), as: UTF8.self))
        case .markdown: FileHandle.standardOutput.write(Data(report.markdown(paths: paths).utf8))
        case .github:
            for line in report.github(paths: paths) { Report.line(line) }
            Report.line(report.summary)
        }
    }
}

/// `Liens externes : 45/120, 2 cassés, 12 s` on one line of the terminal,
/// redrawn at most ten times a second; nothing at all when not on a terminal.
final class ProgressLine: Sendable {
    private let enabled: Bool
    private let start = ContinuousClock.now
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init(enabled: Bool) {
        self.enabled = enabled
    }

    func show(_ progress: ExternalProgress) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = last.withLock { last in
            guard progress.done == progress.total || last.map({ now - $0 >= .milliseconds(100) }) ?? true else {
                return false
            }
            last = now
            return true
        }
        guard due else { return }
        let seconds = (now - start).components.seconds
        let text =
            "\r\u{1B}[KLiens externes : \(progress.done)/\(progress.total) vérifiés, "
            + "\(progress.broken) cassé\(progress.broken > 1 ? "s" : ""), \(seconds) s"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func clear() {
        if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
