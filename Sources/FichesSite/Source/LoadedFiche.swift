import FichesCore
import FichesMarkdown
import Foundation

/// A fiche read, validated on its own and rendered: everything the later
/// stages need, computed in one task per fiche.
struct LoadedFiche: Sendable {
    var file: SourceFile
    /// Nil when the file could not be read as a fiche at all.
    var fiche: Fiche?
    var headings: [MarkdownHeading] = []
    /// The body's links and images, with where they point.
    var links: [(link: MarkdownLink, target: LinkTarget)] = []
    var rawHTML: [MarkdownRawHTML] = []
    /// The body as HTML for the fiche's own page and for the guide.
    var pageHTML = ""
    var guideHTML = ""
    /// The body as plain text, for search.
    var text = ""
    /// The body's links as each rendering has them, with their place in the file.
    var pageLinks: [(link: String, location: SourceLocation)] = []
    var guideLinks: [(link: String, location: SourceLocation)] = []
    var diagnostics: [Diagnostic] = []

    var slug: String { file.slug }
}

extension LoadedFiche {
    /// Ids the fiche page's template uses: body headings never take them.
    static let reservedIDs: Set<String> = [
        "contenu", "navigation", "coordonnees", "titre-coordonnees", "en-savoir-plus", "titre-en-savoir-plus",
    ]

    /// Checks and renders one fiche from its bytes.
    static func load(_ file: SourceFile, bytes: Data, catalogue: Catalogue, today: ISODate) -> LoadedFiche {
        var loaded = LoadedFiche(file: file)
        if !Slug.isValid(file.slug) {
            loaded.diagnostics.append(
                Diagnostic(
                    file: file.display, location: SourceLocation(line: 1, column: 1),
                    message:
                        "nom de fichier invalide « \(file.slug).md » ; renommez-le « \(Slug.make(from: file.slug)).md »"
                ))
        }
        let text: String
        switch file.decode(bytes) {
        case .failure(let diagnostic):
            loaded.diagnostics.append(diagnostic)
            return loaded
        case .success(let decoded): text = decoded
        }
        let (fiche, diagnostics) = Fiche.read(
            text, slug: file.slug, file: file.display, catalogue: catalogue, today: today)
        loaded.diagnostics += diagnostics
        guard let fiche else { return loaded }
        loaded.fiche = fiche

        if let problem = Markdown.limitProblem(in: fiche.body) {
            loaded.diagnostics.append(
                Diagnostic(
                    file: file.display,
                    location: SourceLocation(line: problem.line + fiche.bodyLineOffset, column: 1),
                    message: problem.message))
            return loaded
        }
        let directory = file.directory
        let slug = file.slug
        let (outline, html) = Markdown.render(
            fiche.body, reservedIDs: reservedIDs,
            drop: { LinkTarget($0.destination, ficheDirectory: directory) == .script },
            renderings: [
                MarkdownRendering {
                    LinkTarget($0.destination, ficheDirectory: directory).url(fromFiche: slug, root: "../../")
                },
                // In the guide, a fiche is an `h3` under its right's `h2`.
                MarkdownRendering(idPrefix: "fiche-\(slug)--", headingShift: 2) {
                    LinkTarget($0.destination, ficheDirectory: directory).url(inGuideFrom: slug, root: "../")
                },
            ])
        loaded.headings = outline.headings
        loaded.links = outline.links.map { ($0, LinkTarget($0.destination, ficheDirectory: directory)) }
        loaded.rawHTML = outline.rawHTML
        loaded.text = outline.text.trimmingCharacters(in: .whitespacesAndNewlines)
        (loaded.pageHTML, loaded.guideHTML) = (html[0], html[1])
        for (link, target) in loaded.links {
            if case .script = target { continue }
            if case .refused = target { continue }
            let location = SourceLocation(line: link.line + fiche.bodyLineOffset, column: link.column)
            loaded.pageLinks.append((target.url(fromFiche: slug, root: "../../"), location))
            loaded.guideLinks.append((target.url(inGuideFrom: slug, root: "../"), location))
        }
        return loaded
    }
}

extension LinkTarget {
    /// The URL on the fiche's own page, `/fiches/<slug>/`.
    func url(fromFiche slug: String, root: String) -> String {
        switch self {
        case .external(let url): return url
        case .fiche(let target, let fragment):
            let anchor = fragment.map { "#\(Self.encodeFragment($0))" } ?? ""
            return target == slug && fragment != nil ? anchor : "../\(target)/\(anchor)"
        case .section(let id): return "#\(Self.encodeFragment(id))"
        case .file(let path): return root + Self.mediaPath(path)
        case .script, .refused: return ""
        }
    }

    /// The URL in the guide, where every fiche is a section of one page.
    func url(inGuideFrom slug: String, root: String) -> String {
        switch self {
        case .external(let url): return url
        case .fiche(let target, let fragment):
            return "#fiche-\(target)" + (fragment.map { "--\(Self.encodeFragment($0))" } ?? "")
        case .section(let id): return "#fiche-\(slug)--\(Self.encodeFragment(id))"
        case .file(let path): return root + Self.mediaPath(path)
        case .script, .refused: return ""
        }
    }

    /// Where a file beside the fiches is published: `medias/<path>`.
    static func mediaPath(_ path: String) -> String {
        "medias/"
            + path.split(separator: "/").map {
                String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0)
            }
            .joined(separator: "/")
    }

    private static func encodeFragment(_ fragment: String) -> String {
        fragment.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? fragment
    }
}
