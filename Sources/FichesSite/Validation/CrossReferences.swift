import FichesCore
import FichesMarkdown

/// The checks that need the whole catalogue, made after every fiche is read
/// (and again after each save in the preview): unique slugs, links between
/// fiches and to their sections, files beside the fiches. A body's other
/// checks are made once, when it is read (`BodyChecks`).
struct CrossReferences {
    let fiches: [LoadedFiche]
    let source: SourceFolder
    /// The slugs of the drafts left out of the site.
    let drafts: Set<String>

    func diagnostics() -> [Diagnostic] {
        // The first fiche for each slug.
        var index: [String: Int] = [:]
        index.reserveCapacity(fiches.count)
        var diagnostics: [Diagnostic] = []
        for (position, loaded) in fiches.enumerated() {
            if let earlier = index[loaded.slug] {
                diagnostics.append(
                    Diagnostic(
                        file: loaded.file.display, location: SourceLocation(line: 1, column: 1),
                        message:
                            "une autre fiche s'appelle déjà « \(loaded.slug).md » (\(fiches[earlier].file.display)) ; "
                            + "chaque nom de fichier doit être unique"))
            } else {
                index[loaded.slug] = position
            }
        }
        for loaded in fiches {
            guard let outline = loaded.outline else { continue }
            for (link, target) in outline.links {
                let message: String?
                switch target {
                case .fiche(let slug, let fragment) where link.kind == .link:
                    message = ficheProblem(slug, fragment, index: index)
                // An image without its text has that said too (`BodyChecks`): every problem in one run.
                case .file(let path):
                    message = fileProblem(path, link)
                default: message = nil
                }
                if let message {
                    diagnostics.append(
                        Diagnostic(
                            file: loaded.file.display,
                            location: SourceLocation(line: link.line + outline.lineOffset, column: link.column),
                            message: message))
                }
            }
        }
        return diagnostics
    }

    private func ficheProblem(_ slug: String, _ fragment: String?, index: [String: Int]) -> String? {
        guard let position = index[slug] else {
            let hint = Suggestion.closest(to: slug, in: Array(index.keys).sorted()).map {
                " ; vouliez-vous dire « \($0).md » ?"
            }
            return "fiche introuvable « \(slug).md »" + (hint ?? "")
        }
        if drafts.contains(slug) {
            return "la fiche « \(slug).md » est un brouillon : elle ne sera pas publiée et ce lien serait cassé"
        }
        guard let fragment,
            case .error(let message)? = BodyChecks.sectionProblem(
                fragment, headings: fiches[position].outline?.headings ?? [], name: "\(slug).md")
        else { return nil }
        return message
    }

    private func fileProblem(_ path: String, _ link: MarkdownLink) -> String? {
        guard source.isRegularFile(path) else {
            return "fichier introuvable « \(link.destination) » (cherché à \(source.file(path).display))"
        }
        if !source.isInside(path) {
            return
                "« \(link.destination) » est un lien symbolique qui sort du dossier des fiches : refusé, rien n'en est copié"
        }
        return nil
    }
}
