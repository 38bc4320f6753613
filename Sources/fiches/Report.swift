import FichesCore
import Foundation

/// How diagnostics reach the user: one line each, then a summary.
enum Report {
    static func line(_ text: String, toStandardError: Bool = false) {
        let handle = toStandardError ? FileHandle.standardError : FileHandle.standardOutput
        handle.write(Data((text + "\n").utf8))
    }

    /// `file:line:col: erreur: message` lines on standard error, each followed by
    /// the line it points at with a caret under the column, then a summary.
    /// Colours only on a terminal, and never with `NO_COLOR`.
    static func text(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        let colour = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        var excerpts = Excerpts()
        for diagnostic in diagnostics {
            var text = diagnostic.description
            if colour {
                let code = diagnostic.severity == .error ? "1;31" : "1;33"
                text = text.replacingOccurrences(
                    of: ": \(diagnostic.severity.rawValue): ",
                    with: ": \u{1B}[\(code)m\(diagnostic.severity.rawValue)\u{1B}[0m: ",
                    options: [], range: nil)
            }
            line(text, toStandardError: true)
            if let excerpt = excerpts.excerpt(for: diagnostic, caret: colour ? "\u{1B}[1;32m^\u{1B}[0m" : "^") {
                line(excerpt, toStandardError: true)
            }
        }
        line(diagnostics.summary, toStandardError: true)
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
            /// Raised only when a field changes meaning or goes away.
            var format = 1
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
