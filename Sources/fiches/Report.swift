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
        var sources: [String: [Substring]] = [:]
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
            if sources[diagnostic.file] == nil {
                let contents = (try? String(contentsOfFile: diagnostic.file, encoding: .utf8)) ?? ""
                sources[diagnostic.file] = contents.split(separator: "\n", omittingEmptySubsequences: false)
            }
            if let excerpt = excerpt(of: sources[diagnostic.file]!, at: diagnostic.location, colour: colour) {
                line(excerpt, toStandardError: true)
            }
        }
        line(summary(diagnostics), toStandardError: true)
    }

    /// `   6 | droits: [sant]` and a caret under the column; nil past the file's end.
    static func excerpt(of lines: [Substring], at location: SourceLocation, colour: Bool = false) -> String? {
        guard location.line >= 1, location.line <= lines.count else { return nil }
        let source = lines[location.line - 1].replacingOccurrences(of: "\r", with: "")
        guard !source.trimmingCharacters(in: .whitespaces).isEmpty || location.column == 1 else { return nil }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Tabs are kept under the caret, so it lines up with the text above it.
        let padding = String(source.unicodeScalars.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " })
        let caret = colour ? "\u{1B}[1;32m^\u{1B}[0m" : "^"
        return " \(number) | \(source)\n \(gutter) | \(padding)\(caret)"
    }

    /// "3 erreurs, 1 avertissement dans 2 fiches" (or "fichiers" when catalogue.yml is one of them).
    static func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let files = Set(diagnostics.map(\.file))
        let noun = files.allSatisfy { $0.hasSuffix(".md") } ? "fiche" : "fichier"
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n > 1 ? "s" : "")" }
        return "\(count(errors, "erreur")), \(count(warnings, "avertissement")) dans \(count(files.count, noun))"
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
