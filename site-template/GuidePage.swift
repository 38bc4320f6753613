import FichesCore

/// The fiches of one right in the guide, each with its body rendered for the guide.
public struct GuideSection: Sendable {
    public var droit: Term
    public var fiches: [(fiche: Fiche, body: HTML)]

    public init(droit: Term, fiches: [(fiche: Fiche, body: HTML)]) {
        self.droit = droit
        self.fiches = fiches
    }
}

/// `guide/`: the whole catalogue on one printable page, by main right.
public struct GuidePage: Sendable {
    public var frame: Frame
    public var sections: [GuideSection]
    public var total: Int

    public init(frame: Frame, sections: [GuideSection], total: Int) {
        self.frame = frame
        self.sections = sections
        self.total = total
    }

    public var html: HTML {
        frame.guidePage(
            introduction: """
                Cette page réunit les \(French.count(total, "fiche", "fiches")) du répertoire, classées par droit principal, pour la lecture ou l'impression.
                """,
            contents: sections.map { section in
                """
                <li><a href="#\(GuideSection.anchor(section.droit))">\(section.droit.libelle)</a>
                <ol>
                \(section.fiches.map { frame.contentsEntry($0.fiche) })</ol>
                </li>

                """
            },
            then: "\(sections.map(frame.guideSection))")
    }
}

/// `guide/` past 200 fiches: the contents of the guide, each right with its parts.
public struct GuideContents: Sendable {
    /// Fifty fiches of one right, from `first` to `last` in French order.
    public struct Part: Sendable {
        public var route: Route
        public var number: Int
        public var first: String
        public var last: String

        public init(route: Route, number: Int, first: String, last: String) {
            self.route = route
            self.number = number
            self.first = first
            self.last = last
        }
    }

    public var frame: Frame
    public var rights: [(droit: Term, count: Int, parts: [Part])]
    public var total: Int

    public init(frame: Frame, rights: [(droit: Term, count: Int, parts: [Part])], total: Int) {
        self.frame = frame
        self.rights = rights
        self.total = total
    }

    public var html: HTML {
        frame.guidePage(
            introduction: """
                Le guide réunit les \(French.count(total, "fiche", "fiches")) du répertoire, classées par droit principal, pour la lecture ou l'impression : chaque partie compte au plus cinquante fiches.
                """,
            contents: rights.map { droit, count, parts in
                """
                <li>\(droit.libelle) (\(French.count(count, "fiche", "fiches")))
                <ol>
                \(parts.map { part in
                    "<li><a href=\"\(frame.link(part.route))\">Partie \(part.number) : de « \(part.first) » à « \(part.last) »</a></li>\n" as HTML
                })</ol>
                </li>

                """
            },
            then: .empty)
    }
}

/// `guide/<droit>/<n>/`: fifty fiches of one right, printable.
public struct GuidePart: Sendable {
    public var frame: Frame
    public var section: GuideSection
    public var pagination: Pagination

    public init(frame: Frame, section: GuideSection, pagination: Pagination) {
        self.frame = frame
        self.section = section
        self.pagination = pagination
    }

    public var html: HTML {
        var frame = frame
        frame.description =
            "Guide complet des bonnes pratiques de cohésion sociale, imprimable : \(frame.title ?? "")."
        var bottom = pagination
        bottom.atBottom = true
        return frame.page(
            """
            <h1>\(frame.title ?? "")</h1>
            <p class="chapeau">Cette partie du guide complet réunit \(French.count(section.fiches.count, "fiche", "fiches")), pour la lecture ou l'impression. <a href="\(frame.link(.guide))">Sommaire du guide</a></p>
            \(frame.pagination(pagination))<nav class="sommaire" aria-labelledby="titre-sommaire">
            <h2 id="titre-sommaire">Sommaire de cette partie</h2>
            <ol>
            \(section.fiches.map { frame.contentsEntry($0.fiche) })</ol>
            </nav>
            \(frame.guideSection(section))\(frame.pagination(bottom))
            """)
    }
}

extension GuideSection {
    /// The id of a right's section in the guide.
    static func anchor(_ droit: Term) -> String { "droit-\(droit.id)" }
}

extension Frame {
    /// The guide's page (whole, or its contents past 200 fiches): its title,
    /// `introduction` after the site's description, the `contents` list, then `rest`.
    fileprivate func guidePage(introduction: HTML, contents: [HTML], then rest: HTML) -> HTML {
        var frame = self
        frame.description =
            "Toutes les bonnes pratiques de cohésion sociale sur une page imprimable, classées par droit."
        return frame.page(
            """
            <h1>Guide complet</h1>
            <p class="chapeau">\(site.description) \(introduction)</p>
            <nav class="sommaire" aria-labelledby="titre-sommaire">
            <h2 id="titre-sommaire">Sommaire</h2>
            <ol>
            \(contents)</ol>
            </nav>
            \(rest)
            """)
    }

    /// A fiche in the guide's contents.
    fileprivate func contentsEntry(_ fiche: Fiche) -> HTML {
        "<li><a href=\"#\(Router.guideAnchor(fiche.slug))\">\(fiche.titre)</a></li>\n"
    }

    /// A right's fiches in full, as the guide prints them.
    fileprivate func guideSection(_ section: GuideSection) -> HTML {
        let id = GuideSection.anchor(section.droit)
        return """
            <section class="guide-droit" id="\(id)" aria-labelledby="\(id)-titre">
            <h2 id="\(id)-titre">\(section.droit.libelle)</h2>
            \(section.droit.description, { "<p>\($0)</p>" })
            \(section.fiches.map { fiche, body in
                let anchor = Router.guideAnchor(fiche.slug)
                return """
                    <article class="fiche guide-fiche" id="\(anchor)" aria-labelledby="\(anchor)-titre">
                    <h3 id="\(anchor)-titre">\(fiche.titre)</h3>
                    <p class="chapeau">\(fiche.resume)</p>
                    \(details(fiche))<div class="corps corps-guide">
                    \(body)
                    </div>
                    <h4>Contacts</h4>
                    \(fiche.contacts.enumerated().map { contact($1, card: .vcard(slug: fiche.slug, number: $0 + 1)) })<p class="lien-fiche"><a href="\(link(.fiche(slug: fiche.slug)))">Voir la fiche « \(fiche.titre) »</a>\
                    <span class="adresse-imprimee">Fiche en ligne : \(router.absolute(.fiche(slug: fiche.slug)))</span></p>
                    </article>

                    """ as HTML
            })</section>

            """
    }
}
