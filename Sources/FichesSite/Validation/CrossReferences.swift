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
    /// The fiches `catalogue.yml` declares retired.
    var retirees: [RetiredFiche] = []
    /// A retirement is not dated in the future.
    var today: ISODate?

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
        diagnostics += addresses(index: index)
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

    /// Each address leads to one thing: a fiche, a fiche that had it before
    /// (`anciennes-adresses`), or the page of a retired fiche (`retirees`).
    private func addresses(index: [String: Int]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let retired = Set(retirees.map(\.fiche.slug))
        var former: [String: LoadedFiche] = [:]
        for loaded in fiches {
            for old in loaded.fiche?.anciennesAdresses ?? [] {
                let problem: String?
                if let live = index[old.slug] {
                    problem =
                        "une fiche porte ce nom (\(fiches[live].file.display)) ; une adresse ne mène qu'à une fiche"
                } else if retired.contains(old.slug) {
                    problem = "elle est déclarée retirée dans « retirees » de catalogue.yml ; gardez l'un ou l'autre"
                } else if let other = former[old.slug] {
                    problem = "elle est déjà l'ancienne adresse de \(other.file.display)"
                } else {
                    former[old.slug] = loaded
                    problem = nil
                }
                if let problem {
                    diagnostics.append(
                        Diagnostic(
                            file: loaded.file.display, location: old.location,
                            message: "ancienne adresse « \(old.slug) » : \(problem)"))
                }
            }
        }
        let published = index.filter { !drafts.contains($0.key) }
        for retiree in retirees {
            if let today, retiree.date > today {
                diagnostics.append(
                    Diagnostic(
                        file: source.catalogue.display, location: retiree.fiche.location,
                        message: "fiche retirée « \(retiree.fiche.slug) » : sa date, \(retiree.date), est dans le futur"
                    ))
            }
            if let live = index[retiree.fiche.slug] {
                diagnostics.append(
                    Diagnostic(
                        file: source.catalogue.display, location: retiree.fiche.location,
                        message:
                            "fiche retirée « \(retiree.fiche.slug) » : une fiche porte ce nom (\(fiches[live].file.display)) ; "
                            + "retirez-la de « retirees », ou supprimez la fiche"))
            }
            for other in retiree.voir where published[other.slug] == nil {
                let hint = Suggestion.closest(to: other.slug, in: published.keys.sorted()).map {
                    " ; vouliez-vous dire « \($0) » ?"
                }
                diagnostics.append(
                    Diagnostic(
                        file: source.catalogue.display, location: other.location,
                        message: "« voir » : aucune fiche publiée ne s'appelle « \(other.slug) »" + (hint ?? "")))
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
