import Foundation

/// Where a link or image of a fiche's body points, as the editor wrote it.
public enum LinkTarget: Equatable, Sendable {
    /// `https://…`, `mailto:…`, `tel:…`: published as written.
    case external(String)
    /// Another fiche, by its file name or a relative path to it: `maison-medicale.md#public`.
    case fiche(slug: String, fragment: String?)
    /// A section of the same fiche: `#public`.
    case section(String)
    /// A file beside the fiche, relative to the source folder after `..` is resolved.
    case file(path: String)
    /// `javascript:` or `vbscript:`, by its scheme: never published.
    case script(scheme: String)
    /// Something that cannot be published, with the French reason.
    case refused(String)

    static let externalSchemes = ["http", "https", "mailto", "tel"]

    /// Classifies `destination`, written in the fiche at `ficheDirectory` (a path
    /// relative to the source folder, `""` at its root).
    public init(_ destination: String, ficheDirectory: String) {
        // Foundation's trimming only when an end is not plain ASCII: it is slow.
        let plainEnds = [destination.unicodeScalars.first, destination.unicodeScalars.last].allSatisfy {
            guard let scalar = $0 else { return true }
            return scalar.isASCII && scalar != " " && scalar != "\t"
        }
        let trimmed = plainEnds ? destination : destination.trimmingCharacters(in: .whitespaces)
        if let colon = trimmed.firstIndex(of: ":"),
            trimmed[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }),
            trimmed.first?.isLetter == true
        {
            let scheme = trimmed[..<colon].lowercased()
            if scheme == "javascript" || scheme == "vbscript" {
                self = .script(scheme: scheme)
            } else if Self.externalSchemes.contains(scheme) {
                self = .external(trimmed)
            } else {
                self = .refused("schéma de lien non autorisé « \(scheme): » (seuls http, https, mailto et tel le sont)")
            }
            return
        }
        if trimmed.isEmpty {
            self = .refused("lien vide")
            return
        }
        if trimmed.hasPrefix("//") {
            let address = "https:" + trimmed
            self = .refused(
                "adresse « \(trimmed) » sans « https: » : pour une page d'un autre site, écrivez l'adresse entière, "
                    + "« \(address) »")
            return
        }
        if trimmed.lowercased().hasPrefix("www.") {
            self = .refused(
                "adresse « \(trimmed) » sans « https:// » : elle serait lue comme un fichier à côté de la fiche ; "
                    + "vouliez-vous dire « https://\(trimmed) » ?")
            return
        }
        if trimmed.hasPrefix("/") {
            self = .refused(
                "chemin absolu « \(trimmed) » ; écrivez le nom du fichier de la fiche (par exemple « maison-medicale.md »)"
            )
            return
        }
        let (rawPath, fragment) = Self.splitFragment(trimmed)
        if rawPath.isEmpty {
            self = .section(fragment ?? "")
            return
        }
        let path = rawPath.contains("%") ? rawPath.removingPercentEncoding ?? rawPath : rawPath
        guard let resolved = Self.resolve(path, from: ficheDirectory) else {
            self = .refused("le chemin « \(path) » sort du dossier des fiches")
            return
        }
        if resolved.hasSuffix(".md") {
            let name = resolved.split(separator: "/").last ?? Substring(resolved)
            self = .fiche(slug: String(name.dropLast(3)), fragment: fragment)
        } else {
            self = .file(path: resolved)
        }
    }

    private static func splitFragment(_ text: String) -> (String, String?) {
        guard let hash = text.firstIndex(of: "#") else { return (text, nil) }
        let fragment = String(text[text.index(after: hash)...])
        return (String(text[..<hash]), fragment.contains("%") ? fragment.removingPercentEncoding ?? fragment : fragment)
    }

    /// `directory/path` with `.` and `..` resolved; nil when it leaves the folder.
    static func resolve(_ path: String, from directory: String) -> String? {
        var parts = directory.split(separator: "/").map(String.init)
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }
}
