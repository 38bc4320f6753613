import ArgumentParser
import FichesCore
import FichesSite
import Foundation

@main
struct Fiches: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fiches",
        abstract: "Publie le répertoire des bonnes pratiques de cohésion sociale.",
        subcommands: [Build.self, Check.self, Links.self, New.self, Serve.self, Diff.self])

    static let templatesHelp =
        "Dossier dont le sous-dossier assets/ remplace les fichiers du site compilés dans fiches (feuille de style, "
        + "script) ; par exemple site-template, pour essayer une modification sans recompiler."
}

/// Options shared by the commands that read the sources.
struct SourceOptions: ParsableArguments {
    @Option(help: "Dossier des fiches (avec catalogue.yml).")
    var source = "fiches"
}

extension ParsableCommand {
    /// Prints a stopping problem and exits 1.
    static func fail(_ error: BuildError) -> ExitCode {
        FileHandle.standardError.write(Data("fiches: erreur: \(error.message)\n".utf8))
        return ExitCode.failure
    }
}

/// `--base-url` must be an absolute http(s) address.
func validateBaseURL(_ baseURL: String?) throws {
    guard let baseURL else { return }
    if !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) || URL(string: baseURL)?.host == nil {
        throw ValidationError(
            "--base-url doit être une adresse absolue http(s), par exemple https://example.org/bonnes-pratiques/")
    }
}
