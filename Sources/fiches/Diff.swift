import ArgumentParser
import FichesCore
import FichesSite
import FichesWeb
import Foundation

struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ce qui a changé depuis la publication précédente : fiches ajoutées, retirées, modifiées.",
        discussion: """
            PRÉCÉDENT est le dossier d'un site publié, le chemin de son fiches.json, ou son adresse \
            (https://…/fiches.json). Hors ligne, enregistrez ce fichier et donnez son chemin.
            """)

    @Argument(
        help: ArgumentHelp(
            "Le site publié : un dossier, un fichier fiches.json ou une adresse http(s).", valueName: "précédent"))
    var precedent: String

    @OptionGroup var sources: SourceOptions

    @OptionGroup var output: FormatOptions<Format>

    enum Format: String, ReportFormat {
        /// `markdown`: for release notes.
        case text, markdown
        static let standard = Format.text
    }

    func run() async throws {
        let previous = try await Self.read(precedent)
        var options = BuildOptions()
        options.source = try sources.project().source
        let (result, json) = try await SiteBuilder.file(.fichesJSON, options)
        guard let current = json else {
            Report.text(result.diagnostics)
            Report.line("Comparaison impossible : corrigez les erreurs ci-dessus.", toStandardError: true)
            throw ExitCode.failure
        }
        let diff = try PublicationDiff(previous: previous, current: current, previousName: precedent)
        FileHandle.standardOutput.write(Data((output.format == .markdown ? diff.markdown : diff.text).utf8))
    }

    /// `fiches.json` from a folder, a file or an address.
    static func read(_ place: String) async throws -> Data {
        if place.hasPrefix("http://") || place.hasPrefix("https://") {
            do {
                return try await Download.data(from: place)
            } catch {
                throw BuildError(
                    "impossible de lire \(place) (\(error.reason)) ; hors ligne, enregistrez ce fichier et donnez son chemin"
                )
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: place, isDirectory: &isDirectory) else {
            throw BuildError(
                "introuvable : \(place) (un dossier de site publié, un fichier fiches.json ou une adresse)")
        }
        let file = isDirectory.boolValue ? "\(place)/fiches.json" : place
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BuildError("fichier illisible : \(file)")
        }
        return data
    }
}
