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
            (401, 403, 429, délai dépassé) ne font échouer que sous --strict.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, github
    }

    @Option(help: "Dossier du site construit.")
    var site = "_site"

    @OptionGroup var sources: SourceOptions

    @Option(
        help: "Adresse de base du site, pour un dossier sans fichier .fiches-site (un site produit par un autre outil)."
    )
    var baseURL: String?

    @Flag(help: "Vérifier aussi les liens vers d'autres sites (réseau nécessaire).")
    var external = false

    @Flag(help: "Échouer aussi sur les liens externes incertains.")
    var strict = false

    @Option(help: "Format du rapport : text, json, markdown ou github.")
    var format: Format = .text

    @Option(help: "Requêtes externes simultanées, tous sites confondus.")
    var concurrency = 16

    @Option(help: "Requêtes simultanées vers un même site.")
    var perHost = 2

    @Option(help: "Délai maximal d'une requête externe, en secondes.")
    var timeout = 10.0

    @Option(help: "Dossier du cache des liens externes valides.")
    var cache = ".fiches-cache"

    @Option(help: "Durée de validité du cache, en jours (0 : ne pas s'en servir).")
    var cacheDays = 7.0

    func validate() throws {
        try validateBaseURL(baseURL)
        guard concurrency >= 1, perHost >= 1 else {
            throw ValidationError("--concurrency et --per-host doivent valoir au moins 1")
        }
        guard timeout > 0, cacheDays >= 0 else {
            throw ValidationError("--timeout doit être positif et --cache-days ne peut pas être négatif")
        }
    }

    func run() async throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Self.fail(BuildError("dossier du site introuvable : \(site) (construisez-le avec « fiches build »)"))
        }
        guard let siteURL = baseURL ?? SiteManifest.read(site: site)?.url else {
            throw Self.fail(
                BuildError(
                    "\(site)/\(SiteManifest.fileName) manquant ou illisible : ce dossier n'a pas été construit par "
                        + "« fiches build » ; reconstruisez-le, ou donnez son adresse avec --base-url"))
        }
        var scan: LinkScan
        do {
            scan = try await LinkChecker(siteURL: siteURL).check(folder: site)
            if external { try await checkExternal(&scan) }
        } catch let error as BuildError {
            throw Self.fail(error)
        } catch let error as ExitCode {
            throw error
        } catch {
            throw Self.fail(BuildError("lecture impossible du site \(site) (\(error.localizedDescription))"))
        }
        if !scan.report.findings.isEmpty { scan.report.attach(LinkOrigins.read(site: site)) }
        let paths = ReportPaths(site: site, source: sources.source)
        Self.print(scan.report, format: format, paths: paths)
        if scan.report.hasErrors { throw ExitCode.failure }
    }

    /// Asks the network for every external URL not excluded and not valid in the cache.
    private func checkExternal(_ scan: inout LinkScan) async throws {
        let (catalogue, diagnostics) = try SiteBuilder.catalogue(source: sources.source)
        guard let catalogue else {
            Report.text(diagnostics)
            throw ExitCode.failure
        }
        var cache = ResultCache(folder: cache, maxAge: cacheDays * 86_400)
        var options = ExternalCheckOptions()
        options.concurrency = concurrency
        options.perHost = perHost
        options.timeout = .milliseconds(Int(timeout * 1000))
        let progress = ProgressLine(enabled: format == .text && isatty(STDERR_FILENO) == 1)
        await scan.checkExternal(
            exclusions: catalogue.liensExclus, cache: &cache, options: options, strict: strict
        ) { progress.show($0) }
        progress.clear()
        do {
            try cache.save()
        } catch {
            Report.line(
                "fiches: avertissement: cache non enregistré dans \(self.cache) (\(error.localizedDescription))",
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
