import FichesCore

/// The home page: what the catalogue is, the search form and its filters, every
/// right with its number of fiches, the latest updates.
public struct HomePage: Sendable {
    /// One filter of the search form, drawn with its counts for the whole catalogue.
    public struct Facet: Sendable {
        public var name: String
        public var title: String
        public var values: [(id: String, label: String, count: Int)]

        public init(name: String, title: String, values: [(id: String, label: String, count: Int)]) {
            self.name = name
            self.title = title
            self.values = values
        }
    }

    public var frame: Frame
    /// The published fiches.
    public var total: Int
    /// Every right of the catalogue, with its fiches (main right or not).
    public var rights: [(droit: Term, count: Int)]
    public var facets: [Facet]
    /// The most recently updated fiches.
    public var recent: [Fiche]
    /// The lists by province, initiator and public, each with its fiches' count.
    public var lists: [(kind: ListKind, term: Term, count: Int)]

    public init(
        frame: Frame, total: Int, rights: [(droit: Term, count: Int)], facets: [Facet], recent: [Fiche],
        lists: [(kind: ListKind, term: Term, count: Int)]
    ) {
        self.frame = frame
        self.total = total
        self.rights = rights
        self.facets = facets
        self.recent = recent
        self.lists = lists
    }

    public var html: HTML {
        var frame = frame
        frame.scripts = "<script src=\"\(frame.link(.asset("recherche.js")))\" defer></script>"
        return frame.page(
            """
            <h1>\(frame.site.titre)</h1>
            <p class="chapeau">\(frame.site.description)</p>
            <p>Ces pratiques sont menées en Wallonie à l'initiative des pouvoirs locaux, des Plans de cohésion sociale, des Plans HP, d'associations et d'autres acteurs. Elles sont classées selon les droits fondamentaux du Plan de lutte contre la pauvreté ; chaque fiche donne des contacts pour en savoir plus. Le répertoire compte \(French.count(total, "fiche", "fiches")).</p>
            <p id="recherche-sans-script" class="aide">La recherche et ses filtres demandent JavaScript. Sans lui, \
            parcourez les fiches <a href="#titre-droits">par droit</a> ou <a href="#titre-parcourir">par province, \
            porteur ou public</a>, ou lisez le <a href="\(frame.link(.guide))">guide complet</a>.</p>
            <section id="recherche" class="recherche" aria-labelledby="titre-recherche" hidden>
            <h2 id="titre-recherche">Rechercher une fiche</h2>
            <form id="formulaire-recherche" role="search" action="./" method="get">
            <p class="recherche-champ">
            <label for="q">Mots recherchés</label>
            <input type="search" id="q" name="q" autocomplete="off" spellcheck="false" aria-describedby="aide-recherche">
            </p>
            <p id="aide-recherche" class="aide">Par exemple « aînés », « isolement » ou « Namur » : les accents et les majuscules ne comptent pas.</p>
            <div class="facettes">
            \(facets.map(facet))</div>
            <p class="aller-resultats" hidden><a id="aller-resultats" href="#titre-resultats"></a></p>
            </form>
            <div id="resultats" class="resultats" hidden>
            <h2 id="titre-resultats" tabindex="-1">Résultats</h2>
            <p id="etat" role="status" aria-live="polite" aria-atomic="true"></p>
            <div class="filtres-actifs" hidden>
            <ul id="filtres-actifs" aria-label="Filtres actifs"></ul>
            <button type="button" id="tout-effacer">Tout effacer</button>
            </div>
            <ol id="liste-resultats" class="cartes" aria-labelledby="titre-resultats"></ol>
            <p><button type="button" id="plus" hidden>Afficher plus de fiches</button></p>
            </div>
            </section>
            <section aria-labelledby="titre-droits">
            <h2 id="titre-droits">Les fiches par droit</h2>
            <ul class="droits-grille">
            \(rights.filter { $0.count > 0 }.map { droit, count in
                """
                <li><a href="\(frame.link(.right(id: droit.id, page: 1)))">\
                <span class="droit-libelle">\(droit.libelle)</span> \
                <span class="droit-nombre">\(French.count(count, "fiche", "fiches"))</span></a></li>

                """ as HTML
            })</ul>
            \(if: rights.contains { $0.count == 0 }, """
                <h3>Droits sans fiche pour l'instant</h3>
                <ul class="listes droits-vides">
                \(rights.filter { $0.count == 0 }.map { droit, _ in
                    "<li><a href=\"\(frame.link(.right(id: droit.id, page: 1)))\">\(droit.libelle)</a></li>\n" as HTML
                })</ul>

                """)</section>
            <section aria-labelledby="titre-parcourir">
            <h2 id="titre-parcourir">Les fiches par province, porteur et public</h2>
            <h3>Par province</h3>
            \(frame.provinceMap(lists.filter { $0.kind == .province }.map { ($0.term, $0.count) }))\
            \(list(.porteur, "Par porteur"))\(list(.publicVise, "Par public", atLeast: 2))</section>
            <section aria-labelledby="titre-recentes">
            <h2 id="titre-recentes">Dernières mises à jour</h2>
            <ul class="cartes">
            \(recent.map(frame.card))</ul>
            <p><a href="\(frame.link(.guide))">Consulter le guide complet, imprimable</a></p>
            </section>

            """)
    }

    /// The lists of one kind, as links with their counts; publics only when
    /// shared by `atLeast` fiches (a public named once is on its fiche's page).
    private func list(_ kind: ListKind, _ title: String, atLeast: Int = 0) -> HTML {
        let shown = lists.filter { $0.kind == kind && $0.count >= atLeast }
        guard !shown.isEmpty else { return .empty }
        return """
            <h3>\(title)</h3>
            <ul class="listes">
            \(shown.map { _, term, count in
                """
                <li\(if: count == 0, " class=\"sans-fiche\"")><a href="\(frame.link(.list(kind, id: term.id, page: 1)))">\
                \(term.libelle)</a> <span class="nombre">(\(count))</span></li>

                """ as HTML
            })</ul>

            """
    }

    private func facet(_ facet: Facet) -> HTML {
        """
        <details class="facette">
        <summary>\(facet.title)</summary>
        <fieldset>
        <legend class="visuellement-cache">\(facet.title)</legend>
        <ul>
        \(facet.values.map { value in
            let field = "filtre-\(facet.name)-\(value.id)"
            return """
                <li><input type="checkbox" id="\(field)" name="\(facet.name)" value="\(value.id)"\(if: value.count == 0, " disabled")> \
                <label for="\(field)">\(value.label) <span class="nombre">(\(value.count))</span></label></li>

                """ as HTML
        })</ul>
        </fieldset>
        </details>

        """
    }
}
