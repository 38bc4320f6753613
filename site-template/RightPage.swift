import FichesCore

/// One page of a right's fiches: those whose main right it is first, then
/// those that have it as another right, fifty a page.
public struct RightPage: Sendable {
    public var frame: Frame
    public var droit: Term
    /// This page's fiches whose main right it is, then the others.
    public var main: [Fiche]
    public var others: [Fiche]
    /// The fiches of the right, on every page.
    public var total: Int
    /// Whether this page has the section of main fiches, and of the others
    /// (a section shows even when empty on the page where it would start,
    /// except the main fiches' when the others follow).
    public var showsMain: Bool
    public var showsOthers: Bool
    public var pagination: Pagination?
    /// For a right without fiches: the rights that have some, with their count.
    public var neighbours: [(droit: Term, count: Int)]

    public init(
        frame: Frame, droit: Term, main: [Fiche], others: [Fiche], total: Int, showsMain: Bool, showsOthers: Bool,
        pagination: Pagination?, neighbours: [(droit: Term, count: Int)] = []
    ) {
        self.neighbours = neighbours
        self.frame = frame
        self.droit = droit
        self.main = main
        self.others = others
        self.total = total
        self.showsMain = showsMain
        self.showsOthers = showsOthers
        self.pagination = pagination
    }

    public var html: HTML {
        var frame = frame
        frame.description = "\(droit.description ?? "\(droit.libelle) : les bonnes pratiques de cohésion sociale.")"
        return frame.page(
            """
            <h1>\(droit.libelle)</h1>
            \(droit.description, { "<p class=\"chapeau\">\($0)</p>" })
            \(droit.baseLegale, { "<p class=\"base-legale\"><strong>Fondement :</strong> \($0)</p>" })
            \(total == 0 ? """
                <p class="vide">Aucune fiche n'est encore classée sous ce droit.</p>
                <p>Vous connaissez une pratique qui le fait vivre dans votre commune ? Proposez-la à l'éditeur du répertoire, \
                \(frame.site.editeur)\(frame.site.portail, { ", par son <a href=\"\($0)\">portail</a>" }).</p>
                \(if: !neighbours.isEmpty, """
                    <h2>Les droits qui ont des fiches</h2>
                    <ul class="listes">
                    \(neighbours.map { "<li><a href=\"\(frame.link(.right(id: $0.droit.id, page: 1)))\">\($0.droit.libelle)</a> <span class=\"nombre\">(\($0.count))</span></li>\n" as HTML })</ul>

                    """)
                """ : """
                <p>\(French.count(total, "fiche", "fiches")) pour ce droit.</p>
                \(if: showsMain && !(main.isEmpty && showsOthers), section(
                    id: "titre-principales", title: "Fiches dont c'est le droit principal", fiches: main,
                    empty: "Aucune fiche n'a ce droit pour droit principal."))\
                \(if: showsOthers, section(
                    id: "titre-associees", title: "Fiches où ce droit est associé", fiches: others,
                    empty: "Aucune autre fiche ne cite ce droit parmi les siens."))\
                \(frame.pagination(pagination))
                """ as HTML)
            """)
    }

    private func section(id: String, title: HTML, fiches: [Fiche], empty: HTML) -> HTML {
        """
        <section aria-labelledby="\(id)">
        <h2 id="\(id)">\(title)</h2>
        <ul class="cartes">
        \(fiches.map(frame.card))\(if: fiches.isEmpty, "<li class=\"vide\">\(empty)</li>")
        </ul>
        </section>

        """
    }
}
