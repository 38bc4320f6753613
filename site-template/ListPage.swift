import FichesCore

/// One page of the fiches of a province, an initiator or a public, fifty a
/// page: the way to browse the catalogue without JavaScript, as by right.
public struct ListPage: Sendable {
    public var frame: Frame
    public var kind: ListKind
    public var term: Term
    /// This page's fiches.
    public var fiches: [Fiche]
    /// The fiches of the list, on every page.
    public var total: Int
    public var pagination: Pagination?

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
        }
    }

    public var html: HTML {
        var frame = frame
        frame.description =
            "Les bonnes pratiques de cohésion sociale, \(Self.noun(kind).lowercased()) : \(term.libelle)."
        return frame.page(
            """
            <h1>\(Self.title(kind, term))</h1>
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
