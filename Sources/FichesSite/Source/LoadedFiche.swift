import FichesCore
import FichesMarkdown
import Foundation
import Synchronization

/// A fiche read, validated on its own and rendered: everything the later
/// stages need, computed in one task per fiche. A value with its fields in one
/// shared box, copied only when changed: the pages about several fiches pass
/// ten thousand of them through sorts, lists and pages, and copying every field
/// each time was a fifth of a preview rebuild.
struct LoadedFiche: Sendable {
    private final class Fields: @unchecked Sendable {
        // Changed only through `LoadedFiche.fields`, which copies a shared box first.
        var file: SourceFile
        var version: UInt64
        var fiche: Fiche?
        var headings: [MarkdownHeading] = []
        var links: [(link: MarkdownLink, target: LinkTarget)] = []
        var rawHTML: [MarkdownRawHTML] = []
        var body: RenderedBody?
        var rendered: RenderedFiche?
        var diagnostics: [Diagnostic] = []

        init(file: SourceFile, version: UInt64) {
            self.file = file
            self.version = version
        }

        func copy() -> Fields {
            let copy = Fields(file: file, version: version)
            (copy.fiche, copy.headings, copy.links, copy.rawHTML) = (fiche, headings, links, rawHTML)
            (copy.body, copy.rendered, copy.diagnostics) = (body, rendered, diagnostics)
            return copy
        }
    }

    private var box: Fields

    init(file: SourceFile, diagnostics: [Diagnostic] = []) {
        box = Fields(file: file, version: LoadedFiche.nextVersion())
        box.diagnostics = diagnostics
    }

    /// The box, for a change: copied first if another value shares it.
    private var fields: Fields {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = box.copy() }
            return box
        }
    }

    var file: SourceFile {
        get { box.file }
        set { fields.file = newValue }
    }
    /// Different for every load: the preview's caches know a fiche read again
    /// (a new version) from one kept from the last run.
    var version: UInt64 { box.version }
    /// Nil when the file could not be read as a fiche at all.
    var fiche: Fiche? {
        get { box.fiche }
        set { fields.fiche = newValue }
    }
    var headings: [MarkdownHeading] {
        get { box.headings }
        set { fields.headings = newValue }
    }
    /// The body's links and images, with where they point.
    var links: [(link: MarkdownLink, target: LinkTarget)] {
        get { box.links }
        set { fields.links = newValue }
    }
    var rawHTML: [MarkdownRawHTML] {
        get { box.rawHTML }
        set { fields.rawHTML = newValue }
    }
    /// The body rendered, until the fiche's page is made.
    var body: RenderedBody? {
        get { box.body }
        set { fields.body = newValue }
    }
    /// What the other pages need once the fiche's page is made.
    var rendered: RenderedFiche? {
        get { box.rendered }
        set { fields.rendered = newValue }
    }
    var diagnostics: [Diagnostic] {
        get { box.diagnostics }
        set { fields.diagnostics = newValue }
    }

    var slug: String { file.slug }
}

/// A fiche's body as HTML for its own page and for the guide, and as plain text.
struct RenderedBody: Sendable {
    var page: String
    var guide: String
    var text: String
}

/// What the pages about several fiches need of one: the guide's HTML of its
/// body, what a search result shows of it, its search terms. A build keeps them
/// in a spill file until those pages are made (ten thousand fiches would keep
/// a hundred megabytes otherwise); the preview, whose cache reuses them, in memory.
struct RenderedFiche: Sendable {
    private enum Storage: Sendable {
        case memory(guideHTML: String, result: Data, terms: TermScores)
        case spilled(SpillFile, guideHTML: SpillFile.Span, result: SpillFile.Span, terms: SpillFile.Span)
    }

    private let storage: Storage

    init(guideHTML: String, result: Data, terms: TermScores, spill: SpillFile?) {
        if let spill, let html = spill.keep(guideHTML.utf8), let json = spill.keep(result),
            let scores = spill.keep(terms.bytes)
        {
            storage = .spilled(spill, guideHTML: html, result: json, terms: scores)
        } else {
            storage = .memory(guideHTML: guideHTML, result: result, terms: terms)
        }
    }

    var guideHTML: String {
        switch storage {
        case .memory(let html, _, _): return html
        case .spilled(let file, let html, _, _): return String(decoding: file.bytes(at: html), as: UTF8.self)
        }
    }

    /// `recherche/fiches/<n>.json`.
    var result: Data {
        switch storage {
        case .memory(_, let json, _): return json
        case .spilled(let file, _, let json, _): return Data(file.bytes(at: json))
        }
    }

    var terms: TermScores {
        switch storage {
        case .memory(_, _, let terms): return terms
        case .spilled(let file, _, _, let terms): return TermScores(bytes: file.bytes(at: terms))
        }
    }
}

extension LoadedFiche {
    private static let versions = Atomic<UInt64>(0)

    static func nextVersion() -> UInt64 { versions.add(1, ordering: .relaxed).newValue }

    /// Ids the fiche page's template uses: body headings never take them.
    static let reservedIDs: Set<String> = [
        "contenu", "navigation", "coordonnees", "titre-coordonnees", "en-savoir-plus", "titre-en-savoir-plus",
    ]

    /// Checks one fiche from its bytes, and with a `layout` renders its body.
    static func load(
        _ file: SourceFile, bytes: Data, catalogue: Catalogue, today: ISODate, layout: Layout? = nil
    ) -> LoadedFiche {
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
        let targets = LinkTargets(directory: file.directory)
        let slug = file.slug
        let (outline, html) = Markdown.render(
            fiche.body, reservedIDs: reservedIDs,
            drop: { targets[$0.destination] == .script },
            renderings: layout.map { layout in
                [
                    MarkdownRendering { targets[$0.destination].url(fromFiche: slug, root: "../../") },
                    // In the guide, a fiche is an `h3` under its right's `h2`.
                    MarkdownRendering(idPrefix: "fiche-\(slug)--", headingShift: 2) {
                        targets[$0.destination].url(inGuideFrom: slug, root: layout.guideRoot, split: layout.large)
                    },
                ]
            } ?? [])
        loaded.headings = outline.headings
        loaded.links = outline.links.map { ($0, targets[$0.destination]) }
        loaded.rawHTML = outline.rawHTML
        if html.count == 2 {
            loaded.body = RenderedBody(
                page: html[0], guide: html[1], text: outline.text.trimmingWhitespace)
        }
        loaded.fiche?.body = ""
        return loaded
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

    /// The URL in the guide, where every fiche is a section of one page; in a
    /// split guide, another fiche is reached on its own page.
    func url(inGuideFrom slug: String, root: String, split: Bool) -> String {
        switch self {
        case .external(let url): return url
        case .fiche(let target, let fragment):
            if split { return root + "fiches/\(target)/" + (fragment.map { "#\(Self.encodeFragment($0))" } ?? "") }
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
