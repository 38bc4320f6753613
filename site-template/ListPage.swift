import FichesCore

/// One page of the fiches of a province, an initiator, a public or a
/// commune, fifty a page: the way to browse the catalogue without
/// JavaScript, as by right. A province's page has the map and its communes;
/// a commune's says its province.
public struct ListPage: Sendable {
    public var frame: Frame
    public var kind: ListKind
    public var term: Term
    /// This page's fiches.
    public var fiches: [Fiche]
    /// The fiches of the list, on every page.
    public var total: Int
    public var pagination: Pagination?
    /// On a province's page: every province, for the map, and its communes that have fiches.
    public var provinces: [(term: Term, count: Int)] = []
    public var communes: [(term: Term, count: Int)] = []
    /// On a commune's page: its province.
    public var province: Term?

    public init(frame: Frame, kind: ListKind, term: Term, fiches: [Fiche], total: Int, pagination: Pagination?) {
        self.frame = frame
        self.kind = kind
        self.term = term
        self.fiches = fiches
        self.total = total
        self.pagination = pagination
    }

    /// `Province : Hainaut`, the page's title.
    public static func title(_ kind: ListKind, _ term: Term) -> String {
        "\(noun(kind)) : \(term.libelle)"
    }

    static func noun(_ kind: ListKind) -> String {
        switch kind {
        case .province: "Province"
        case .porteur: "Porteur"
        case .publicVise: "Public"
        case .commune: "Commune"
        }
    }

    public var html: HTML {
        var frame = frame
        frame.description =
            "Les bonnes pratiques de cohésion sociale, \(Self.noun(kind).lowercased()) : \(term.libelle)."
        return frame.page(
            """
            <h1>\(Self.title(kind, term))</h1>
            \(province, { province in
                """
                <p>Province : <a href="\(frame.link(.list(.province, id: province.id, page: 1)))">\(province.libelle)</a>. \
                \(Frame.territoryCredit(map: false))</p>

                """
            })\(if: !provinces.isEmpty, frame.provinceMap(provinces, current: term.id))\
            \(if: !communes.isEmpty, """
                <h2>Les communes de la province qui ont des fiches</h2>
                <ul class="listes">
                \(communes.map { commune, count in
                    "<li><a href=\"\(frame.link(.list(.commune, id: commune.id, page: 1)))\">\(commune.libelle)</a> <span class=\"nombre\">(\(count))</span></li>\n" as HTML
                })</ul>

                """)\
            \(total == 0 ? """
                <p class="vide">Aucune fiche pour l'instant. <a href="\(frame.link(.home, "titre-parcourir"))">Parcourir les autres listes</a></p>

                """ : """
                <h2>\(French.count(total, "fiche", "fiches"))</h2>
                <ul class="cartes">
                \(fiches.map(frame.card))</ul>
                \(frame.pagination(pagination))
                """ as HTML)
            """)
    }
}
