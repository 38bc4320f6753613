import Foundation

/// The lines diagnostics point at, read once per file, for an excerpt under each message.
public struct Excerpts {
    private var sources: [String: [Substring]] = [:]

    public init() {}

    /// `   6 | droits: [sant]` and a caret under the column (`caret` may carry colour codes);
    /// nil when the file cannot be read or the place is past its end or on a blank line.
    public mutating func excerpt(for diagnostic: Diagnostic, caret: String = "^") -> String? {
        if sources[diagnostic.file] == nil {
            let contents = (try? String(contentsOfFile: diagnostic.file, encoding: .utf8)) ?? ""
            sources[diagnostic.file] = contents.split(separator: "\n", omittingEmptySubsequences: false)
        }
        return Self.excerpt(of: sources[diagnostic.file]!, at: diagnostic.location, caret: caret)
    }

    public static func excerpt(of lines: [Substring], at location: SourceLocation, caret: String = "^") -> String? {
        guard location.line >= 1, location.line <= lines.count else { return nil }
        let source = lines[location.line - 1].replacingOccurrences(of: "\r", with: "")
        guard !source.trimmingCharacters(in: .whitespaces).isEmpty || location.column == 1 else { return nil }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Tabs are kept under the caret, so it lines up with the text above it.
        let padding = String(source.unicodeScalars.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " })
        return " \(number) | \(source)\n \(gutter) | \(padding)\(caret)"
    }
}

extension Array where Element == Diagnostic {
    /// "3 erreurs, 1 avertissement dans 2 fiches" (or "fichiers" when catalogue.yml is one of them).
    public var summary: String {
        let errors = filter { $0.severity == .error }.count
        let files = Set(map(\.file))
        let noun = files.allSatisfy { $0.hasSuffix(".md") } ? "fiche" : "fichier"
        func plural(_ n: Int, _ word: String) -> String {
            n == 0 ? "\(word == "erreur" ? "aucune" : "aucun") \(word)" : "\(n) \(word)\(n > 1 ? "s" : "")"
        }
        return
            "\(plural(errors, "erreur")), \(plural(count - errors, "avertissement")) dans \(plural(files.count, noun))"
    }
}
