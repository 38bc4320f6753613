import FichesCore
import FichesMarkdown

/// The checks that need the whole catalogue: unique slugs, links between
/// fiches and to their sections, files beside the fiches.
struct CrossReferences {
    let fiches: [LoadedFiche]
    let source: SourceFolder
    /// The slugs of the drafts left out of the site.
    let drafts: Set<String>

    /// The first fiche for each slug.
    private var index: [String: LoadedFiche] {
        Dictionary(fiches.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func diagnostics() -> [Diagnostic] {
        let index = index
        var diagnostics = duplicateSlugs()
        for loaded in fiches {
            guard let outline = loaded.outline else { continue }
            var collector = DiagnosticCollector(file: loaded.file.display)
            func at(_ line: Int, _ column: Int) -> SourceLocation {
                SourceLocation(line: line + outline.lineOffset, column: column)
            }
            for heading in outline.headings where heading.level == 1 {
                collector.error(
                    "intertitre de niveau 1 « # \(heading.text) » : le titre de la fiche est le seul de ce niveau ; "
                        + "commencez les intertitres par « ## »", at: at(heading.line, heading.column))
            }
            for html in outline.rawHTML {
                let snippet = html.html.count > 40 ? html.html.prefix(40) + "…" : html.html
                collector.warning(
                    "le HTML n'est pas publié : « \(snippet) » est ignoré ; utilisez la syntaxe Markdown",
                    at: at(html.line, html.column))
            }
            for (link, target) in outline.links {
                if let problem = check(link, target, in: loaded, index: index) {
                    switch problem {
                    case .error(let message): collector.error(message, at: at(link.line, link.column))
                    case .warning(let message): collector.warning(message, at: at(link.line, link.column))
                    }
                }
            }
            diagnostics += collector.diagnostics
        }
        return diagnostics
    }

    private enum Problem {
        case error(String), warning(String)
    }

    private func check(
        _ link: MarkdownLink, _ target: LinkTarget, in loaded: LoadedFiche, index: [String: LoadedFiche]
    )
        -> Problem?
    {
        let isImage = link.kind == .image
        if isImage, link.text.trimmingCharacters(in: .whitespaces).isEmpty {
            return .error(
                "image sans texte alternatif : décrivez-la entre les crochets, ![description](\(link.destination))")
        }
        switch target {
        case .script:
            return isImage
                ? .error("image « javascript: » refusée")
                : .warning("lien « javascript: » supprimé : seul son texte est publié")
        case .refused(let reason):
            return .error(reason)
        case .external(let url):
            if isImage { return .error("image distante « \(url) » : enregistrez l'image à côté de la fiche") }
            return externalProblem(url)
        case .section(let id):
            return sectionProblem(id, in: loaded, name: nil)
        case .fiche(let slug, let fragment):
            if isImage { return .error("une fiche n'est pas une image : « \(link.destination) »") }
            guard let target = index[slug] else {
                let hint = Suggestion.closest(to: slug, in: Array(index.keys).sorted()).map {
                    " ; vouliez-vous dire « \($0).md » ?"
                }
                return .error("fiche introuvable « \(slug).md »" + (hint ?? ""))
            }
            if drafts.contains(slug) {
                return .error(
                    "la fiche « \(slug).md » est un brouillon : elle ne sera pas publiée et ce lien serait cassé")
            }
            return fragment.flatMap { sectionProblem($0, in: target, name: "\(slug).md") }
        case .file(let path):
            if source.isRegularFile(path), !source.isInside(path) {
                return .error(
                    "« \(link.destination) » est un lien symbolique qui sort du dossier des fiches : refusé, rien n'en est copié"
                )
            }
            if source.isRegularFile(path) { return nil }
            return .error("fichier introuvable « \(link.destination) » (cherché à \(source.file(path).display))")
        }
    }

    private func sectionProblem(_ id: String, in fiche: LoadedFiche, name: String?) -> Problem? {
        let ids = fiche.outline?.headings.map(\.id) ?? []
        if ids.contains(id) { return nil }
        let place = name.map { " dans « \($0) »" } ?? " dans cette fiche"
        let hint = Suggestion.closest(to: id, in: ids).map { " ; vouliez-vous dire « #\($0) » ?" }
        let known =
            ids.isEmpty
            ? " (elle n'a pas d'intertitre)" : (hint ?? " ; sections : " + ids.map { "#\($0)" }.joined(separator: ", "))
        return .error("section « #\(id) » introuvable\(place)" + known)
    }

    private func externalProblem(_ url: String) -> Problem? {
        let lower = url.lowercased()
        if lower.hasPrefix("mailto:") {
            let address = String(url.dropFirst(7).prefix { $0 != "?" })
            return EmailAddress(address.removingPercentEncoding ?? address) == nil
                ? .error("adresse e-mail invalide dans le lien « \(url) »") : nil
        }
        if lower.hasPrefix("tel:") {
            let number = String(url.dropFirst(4))
            let plain = number.filter { !" .-".contains($0) }
            let valid = plain.hasPrefix("+") && plain.count >= 8 && plain.dropFirst().allSatisfy(\.isNumber)
            return valid || PhoneNumber(number) != nil ? nil : .error("numéro invalide dans le lien « \(url) »")
        }
        return WebURL(url) == nil ? .error("adresse web invalide « \(url) »") : nil
    }

    private func duplicateSlugs() -> [Diagnostic] {
        var first: [String: SourceFile] = [:]
        var diagnostics: [Diagnostic] = []
        for loaded in fiches {
            if let earlier = first[loaded.slug] {
                diagnostics.append(
                    Diagnostic(
                        file: loaded.file.display, location: SourceLocation(line: 1, column: 1),
                        message: "une autre fiche s'appelle déjà « \(loaded.slug).md » (\(earlier.display)) ; "
                            + "chaque nom de fichier doit être unique"))
            } else {
                first[loaded.slug] = loaded.file
            }
        }
        return diagnostics
    }
}
