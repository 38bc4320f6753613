import FichesCore
import FichesMarkdown
import Foundation
import SiteTemplate
import Synchronization

/// One fiche file, read and checked on its own: its problems, what the checks
/// between fiches need of its body, and the fiche ready to publish when it has
/// no error of its own. Never changed once made: ten thousand of them pass
/// through each check of the preview, and a class is one reference to copy.
final class LoadedFiche: Sendable {
    /// What the checks between fiches need of a body: its headings (link
    /// targets), its links and images, its raw HTML, and where it starts.
    struct Outline: Sendable {
        var headings: [MarkdownHeading]
        var links: [(link: MarkdownLink, target: LinkTarget)]
        var rawHTML: [MarkdownRawHTML]
        /// Lines of the file before the body.
        var lineOffset: Int
    }

    let file: SourceFile
    let diagnostics: [Diagnostic]
    /// Nil when the body could not be read (an undecodable file, no front matter).
    let outline: Outline?
    /// Nil when the fiche has an error of its own.
    let fiche: Fiche?
    /// The fiche ready for the pages; nil when it has an error of its own, or when
    /// the sources are only checked.
    let published: PublishedFiche?

    init(
        file: SourceFile, diagnostics: [Diagnostic], outline: Outline? = nil, fiche: Fiche? = nil,
        published: PublishedFiche? = nil
    ) {
        self.file = file
        self.diagnostics = diagnostics
        self.outline = outline
        self.fiche = fiche
        self.published = published
    }

    var slug: String { file.slug }
}

/// Reads, checks and renders one fiche at a time, in any task.
struct FicheLoader: Sendable {
    let catalogue: Catalogue
    let router: Router
    /// Where each fiche keeps what the pages about several fiches need of it.
    let spill: SpillFile?
    /// The day against which `mise-a-jour` must not be in the future.
    let today: ISODate
    /// False when the sources are only checked: nothing is rendered.
    let renders: Bool

    /// Checks one fiche from its bytes (whose digest is `digest`) and, when it
    /// `renders`, renders its body and makes what search needs; also the fiche's
    /// own page, which depends on nothing else (`nil` when it cannot be published).
    func load(_ file: SourceFile, bytes: Data, digest: Digest) -> (fiche: LoadedFiche, page: Page?) {
        var diagnostics: [Diagnostic] = []
        if !Slug.isValid(file.slug) {
            diagnostics.append(
                Diagnostic(
                    file: file.display, location: SourceLocation(line: 1, column: 1),
                    message:
                        "nom de fichier invalide « \(file.slug).md » ; renommez-le « \(Slug.make(from: file.slug)).md »"
                ))
        }
        let text: String
        switch file.decode(bytes) {
        case .failure(let diagnostic): return (LoadedFiche(file: file, diagnostics: diagnostics + [diagnostic]), nil)
        case .success(let decoded): text = decoded
        }
        let reading = Fiche.read(text, slug: file.slug, file: file.display, catalogue: catalogue, today: today)
        diagnostics += reading.diagnostics
        guard let body = reading.body else { return (LoadedFiche(file: file, diagnostics: diagnostics), nil) }
        if let problem = Markdown.limitProblem(in: body.text) {
            diagnostics.append(
                Diagnostic(
                    file: file.display, location: SourceLocation(line: problem.line + body.lineOffset, column: 1),
                    message: problem.message))
            return (LoadedFiche(file: file, diagnostics: diagnostics), nil)
        }
        let fiche = diagnostics.hasErrors ? nil : reading.fiche
        let targets = LinkTargets(directory: file.directory)
        let slug = file.slug
        let (router, ficheRoute) = (router, Route.fiche(slug: slug))
        // The guide's parts all sit at the same depth: one rendering serves whichever part the fiche is in.
        let guideRoute = router.splitGuide ? Route.guidePart(right: fiche?.droitPrincipal.id ?? "", part: 1) : .guide
        let (outline, html) = Markdown.render(
            body.text, reservedIDs: FichePage.reservedIDs,
            drop: { if case .script = targets[$0.destination] { true } else { false } },
            renderings: fiche == nil || !renders
                ? []
                : [
                    MarkdownRendering { router.href(targets[$0.destination], inFiche: slug, on: ficheRoute) },
                    // In the guide, a fiche is an `h3` under its right's `h2`.
                    MarkdownRendering(idPrefix: Router.guideAnchor(slug, section: ""), headingShift: 2) {
                        router.href(targets[$0.destination], inFiche: slug, on: guideRoute)
                    },
                ])
        let links = outline.links.map { ($0, targets[$0.destination]) }
        let bodyOutline = LoadedFiche.Outline(
            headings: outline.headings, links: links, rawHTML: outline.rawHTML, lineOffset: body.lineOffset)
        let checked = diagnostics + BodyChecks.diagnostics(of: bodyOutline, file: file, statut: reading.statut)
        guard let fiche, html.count == 2 else {
            return (LoadedFiche(file: file, diagnostics: checked, outline: bodyOutline, fiche: fiche), nil)
        }
        let published = PublishedFiche(
            fiche: fiche, file: file, digest: digest, guideBody: HTML(trusted: html[1]),
            content: FicheContent(markdown: body.text, outline: outline), spill: spill,
            links: links.map { (SourceLocation(line: $0.line + body.lineOffset, column: $0.column), $1) },
            search: SearchEntry(
                fiche, text: outline.text.trimmingWhitespace, spill: spill, synonyms: catalogue.synonymes),
            catalogue: catalogue)
        let loaded = LoadedFiche(
            file: file, diagnostics: checked, outline: bodyOutline, fiche: fiche, published: published)
        return (loaded, .fiche(published, body: HTML(trusted: html[0])))
    }
}

extension FicheLoader {
    /// A body rendered as on the fiche's page, for the preview's form while the
    /// fiche has errors (and so no page).
    func preview(body: String, of file: SourceFile) -> HTML {
        let targets = LinkTargets(directory: file.directory)
        let (router, slug) = (router, file.slug)
        let (_, html) = Markdown.render(
            body, reservedIDs: FichePage.reservedIDs,
            drop: { if case .script = targets[$0.destination] { true } else { false } },
            renderings: [
                MarkdownRendering { router.href(targets[$0.destination], inFiche: slug, on: .fiche(slug: slug)) }
            ])
        return HTML(trusted: html.first ?? "")
    }
}

/// The targets of a body's links, each destination classified once (not once per rendering).
private final class LinkTargets: Sendable {
    let directory: String
    private let known = Mutex<[String: LinkTarget]>([:])

    init(directory: String) {
        self.directory = directory
    }

    subscript(destination: String) -> LinkTarget {
        if let target = known.withLock({ $0[destination] }) { return target }
        let target = LinkTarget(destination, ficheDirectory: directory)
        known.withLock { $0[destination] = target }
        return target
    }
}

extension Router {
    /// Where a link of the body of fiche `slug` points, as the page `page`
    /// writes it: the fiche's own page, or a page of the guide where each
    /// fiche's headings are prefixed with its anchor.
    func href(_ target: LinkTarget, inFiche slug: String, on page: Route) -> String {
        let inGuide = page != .fiche(slug: slug)
        switch target {
        case .external(let url): return url
        case .fiche(let other, let fragment):
            guard inGuide else { return link(to: .fiche(slug: other), fragment: fragment, from: page) }
            let place = self.inGuide(fiche: other, section: fragment)
            return link(to: place.route, fragment: place.fragment, from: page)
        case .section(let id):
            return link(to: page, fragment: inGuide ? Router.guideAnchor(slug, section: id) : id, from: page)
        case .file(let path): return link(to: .media(path), from: page)
        case .script, .refused: return ""
        }
    }
}
