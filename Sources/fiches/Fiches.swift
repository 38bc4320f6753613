import ArgumentParser
import FichesCore
import FichesSite
import Foundation

@main
struct Fiches: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fiches",
        abstract: "Publie le répertoire des bonnes pratiques de cohésion sociale.",
        discussion: """
            Lancée dans le dossier du projet ou dans l'un de ses sous-dossiers, chaque commande trouve d'elle-même \
            le dossier fiches/ (celui qui contient catalogue.yml), comme git trouve son dépôt.
            """,
        subcommands: [Build.self, Check.self, Links.self, New.self, Serve.self, Diff.self])

    /// The one way out of every command: usage errors and help in French, a
    /// stopping problem as `fiches: erreur: …`, then the exit code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withFrenchError: error)
        }
    }

    private static func exit(withFrenchError error: Error) -> Never {
        if let error = error as? BuildError {
            Report.line("fiches: erreur: \(error.message)", toStandardError: true)
            Foundation.exit(ExitCode.failure.rawValue)
        }
        if let refusal = error as? Scaffold.Refusal {
            // A value the catalogue does not know, given to `new`: a usage error.
            Report.line("fiches: erreur: \(refusal.message)", toStandardError: true)
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        let code = exitCode(for: error)
        var message = ArgumentParserInFrench.translate(fullMessage(for: error))
        // `fiches biuld`: swift-argument-parser sees an unexpected argument; the user, a mistyped command.
        let names = configuration.subcommands.map { $0._commandName }
        if let first = CommandLine.arguments.dropFirst().first, !first.hasPrefix("-"), !names.contains(first),
            first != "help", message.hasPrefix("fiches: erreur: argument inattendu « \(first) »")
        {
            let commands = "commandes : \(names.joined(separator: ", ")) (aide : fiches --help)"
            message =
                "fiches: erreur: commande inconnue « \(first) »"
                + (Suggestion.closest(to: first, in: names).map { " ; vouliez-vous dire « \($0) » ? " + commands }
                    ?? " ; " + commands)
        }
        if !message.isEmpty { Report.line(message, toStandardError: code != .success) }
        Foundation.exit(code.rawValue)
    }
}

/// `--source`, shared by every command that reads the fiches.
struct SourceOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Dossier des fiches (celui qui contient catalogue.yml). Par défaut, fiches/ dans ce dossier ou dans le "
                + "plus proche des dossiers au-dessus qui en a un.", valueName: "dossier"))
    var source: String?

    /// The project: the folder given, or the one found from here upwards; else,
    /// when `files` are given, the one found from the first file's folder upwards.
    func project(near files: [String] = []) throws -> Project {
        if let source { return Project(source: source, root: nil) }
        let here = FileManager.default.currentDirectoryPath
        do {
            return try Project.find(from: here)
        } catch let error as BuildError {
            guard let file = files.first else { throw error }
            let folder = URL(fileURLWithPath: file, relativeTo: URL(fileURLWithPath: here + "/"))
                .deletingLastPathComponent().standardizedFileURL.path
            guard let found = try? Project.find(from: folder) else { throw error }
            // Named from here: the project is elsewhere.
            let root = URL(fileURLWithPath: found.root ?? ".", relativeTo: URL(fileURLWithPath: folder + "/"))
                .standardizedFileURL.path
            return Project(source: root + "/fiches", root: root)
        }
    }
}

/// `--templates`, for the commands that render pages.
struct TemplateOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Dossier dont le sous-dossier assets/ remplace les fichiers du site compilés dans fiches (feuille de "
                + "style, script) ; par exemple site-template, pour essayer une modification sans recompiler.",
            valueName: "dossier"))
    var templates: String?
}

/// `--base-url`, for the commands that need the site's address.
struct BaseURLOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Adresse de base du site, absolue, par exemple https://example.org/bonnes-pratiques/ (à la place de "
                + "site.url, ou pour un site qui n'a pas été construit par fiches).", valueName: "adresse"))
    var baseURL: String?

    func validate() throws {
        guard let baseURL else { return }
        if !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) || URL(string: baseURL)?.host == nil {
            throw ValidationError(
                "--base-url doit être une adresse absolue http(s), par exemple https://example.org/bonnes-pratiques/")
        }
    }
}

/// A report's format, among those a command writes.
protocol ReportFormat: ExpressibleByArgument, CaseIterable, RawRepresentable, Sendable where RawValue == String {
    static var standard: Self { get }
}

/// `--format`, the same option for every command that reports.
struct FormatOptions<Format: ReportFormat>: ParsableArguments {
    @Option(
        help: ArgumentHelp("Format de la sortie.", valueName: "format"))
    var format: Format = .standard
}

/// Where the project is: its fiches and the folder that holds them, where the
/// site and the cache go by default.
struct Project {
    var source: String
    /// The folder found above this one, as a relative path (`..`); nil when it is
    /// this folder or when `--source` was given.
    var root: String?

    /// `name` in the project's folder: `_site`, or `../_site` from `fiches/`.
    func path(_ name: String) -> String { root.map { "\($0)/\(name)" } ?? name }

    /// The nearest folder from `folder` upwards that holds `fiches/catalogue.yml`.
    static func find(from folder: String) throws -> Project {
        var current = URL(fileURLWithPath: folder).standardizedFileURL
        var levels = 0
        while true {
            if FileManager.default.fileExists(atPath: current.appendingPathComponent("fiches/catalogue.yml").path) {
                let root = levels == 0 ? nil : Array(repeating: "..", count: levels).joined(separator: "/")
                return Project(source: root.map { "\($0)/fiches" } ?? "fiches", root: root)
            }
            let parent = current.deletingLastPathComponent()
            guard parent.path != current.path else { break }
            current = parent
            levels += 1
        }
        throw BuildError(
            "dossier des fiches introuvable : aucun dossier fiches/ avec catalogue.yml dans \(folder) ni dans les "
                + "dossiers au-dessus ; lancez la commande dans le dossier du projet ou donnez --source DOSSIER")
    }
}
