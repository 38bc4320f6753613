import FichesCore
import Foundation

/// How diagnostics reach the user: one line each, then a summary.
enum Report {
    static func line(_ text: String, toStandardError: Bool = false) {
        let handle = toStandardError ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data((text + "\n").utf8))
    }

    /// `file:line:col: erreur: message` lines on standard error, then a summary.
    static func text(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        for diagnostic in diagnostics { line(diagnostic.description, toStandardError: true) }
        line(summary(diagnostics), toStandardError: true)
    }

    /// "3 erreurs, 1 avertissement dans 2 fichiers".
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let files = Set(diagnostics.map(\.file)).count
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n > 1 ? "s" : "")" }
        return "\(count(errors, "erreur")), \(count(warnings, "avertissement")) dans \(count(files, "fichier"))"
    }

    /// A stable JSON document on standard output.
    static func json(_ diagnostics: [Diagnostic]) {
        struct Entry: Encodable {
            var fichier: String
            var ligne: Int
            var colonne: Int
            var gravite: String
            var message: String
        }
        struct Document: Encodable {
            var diagnostics: [Entry]
            var erreurs: Int
            var avertissements: Int
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let document = Document(
            diagnostics: diagnostics.map {
                Entry(
                    fichier: $0.file, ligne: $0.location.line, colonne: $0.location.column,
                    gravite: $0.severity.rawValue, message: $0.message)
            }, erreurs: errors, avertissements: diagnostics.count - errors)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        line(String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self))
    }

    /// GitHub Actions workflow commands, so problems show on the pull request's lines.
    static func github(_ diagnostics: [Diagnostic]) {
        for d in diagnostics {
            line(
                d.severity.githubAnnotation(
                    file: d.file, line: d.location.line, column: d.location.column, message: d.message))
        }
    }
}
