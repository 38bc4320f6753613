import FichesCore

// The pieces several pages share: a fiche as a card, its details, a contact,
// the links between the pages of a list.

extension Frame {
    /// A fiche in a list: its title, summary, rights and date.
    public func card(_ fiche: Fiche) -> HTML {
        """
        <li class="carte">
        <h3 class="carte-titre"><a href="\(link(.fiche(slug: fiche.slug)))">\(fiche.titre)</a></h3>
        <p>\(fiche.resume)</p>
        <p class="carte-meta">\(fiche.droits.map { "<span class=\"etiquette\">\($0.libelle)</span> " as HTML })\
        \(fiche.lieu, { "<span class=\"lieu\">\($0)</span> " })\
        <span class="date">Mise à jour le \(date(fiche.miseAJour))</span>\
        \(if: fiche.statut == .brouillon, " <strong class=\"brouillon\">Brouillon</strong>")</p>
        </li>

        """
    }

    /// Rights, publics, initiators, territory and date of a fiche.
    public func details(_ fiche: Fiche) -> HTML {
        let territoire = fiche.territoire
        return """
            <dl class="fiche-infos">
            <dt>\(fiche.droits.count > 1 ? "Droits" : "Droit")</dt>
            <dd><ul class="droits">\(fiche.droits.map { droit in
                """
                <li><a href="\(link(.right(id: droit.id, page: 1)))">\(droit.libelle)</a>\
                \(if: droit == fiche.droitPrincipal, " <span class=\"principal\">(droit principal)</span>")</li>
                """ as HTML
            })</ul></dd>
            \(if: !fiche.publics.isEmpty, "<dt>\(fiche.publics.count > 1 ? "Publics" : "Public")</dt><dd>\(links(fiche.publics.map { (ListKind.publicID($0), $0) }, .publicVise))</dd>")
            \(if: !fiche.porteurs.isEmpty, "<dt>\(fiche.porteurs.count > 1 ? "Porteurs" : "Porteur")</dt><dd>\(links(fiche.porteurs.map { ($0.id, $0.libelle) }, .porteur))</dd>")
            \(territoire?.province, { "<dt>Province</dt><dd>\(links([($0.id, $0.libelle)], .province))</dd>" })\
            \(if: territoire?.communes.isEmpty == false, "<dt>\((territoire?.communes.count ?? 0) > 1 ? "Communes" : "Commune")</dt><dd>\(links((territoire?.communes ?? []).map { (ListKind.communeID($0), $0) }, .commune))</dd>")
            <dt>Mise à jour</dt>
            <dd>\(date(fiche.miseAJour))</dd>
            </dl>

            """
    }

    /// Each value linked to its list of fiches (`provinces/hainaut/`), separated by commas.
    func links(_ values: [(id: String, label: String)], _ kind: ListKind) -> HTML {
        var html: HTML = ""
        for (index, value) in values.enumerated() {
            let separator: HTML = index == 0 ? "" : ", "
            html =
                value.id.isEmpty
                ? "\(html)\(separator)\(value.label)"
                : "\(html)\(separator)<a href=\"\(link(.list(kind, id: value.id, page: 1)))\">\(value.label)</a>"
        }
        return html
    }

    /// Someone to call: the organisation, the person, each way to reach them,
    /// and `card`, the vCard that puts them in a phone's contacts.
    /// `organisation` false where a heading already names it (the contacts page).
    public func contact(_ contact: Contact, card: Route, organisation: Bool = true) -> HTML {
        """
        <div class="contact">
        \(if: organisation, "<p class=\"contact-organisation\">\(contact.organisation)</p>")
        \(contact.nom, { nom in "<p>\(nom)\(contact.fonction, { ", \($0)" })</p>" })
        \(if: contact.nom == nil, "\(contact.fonction, { "<p>\($0)</p>" })")
        <ul class="contact-moyens">
        \(contact.email, { "<li>Courriel : <a href=\"mailto:\($0.address)\">\($0.address)</a></li>" })
        \(contact.telephone, { "<li>Téléphone : <a href=\"tel:\($0.e164)\">\($0.display)</a></li>" })
        \(contact.site, { "<li>Site : <a href=\"\($0.absoluteString)\">\($0.absoluteString)</a></li>" })
        \(contact.adresse, { "<li>Adresse : \($0)</li>" })
        </ul>
        <p class="contact-vcard"><a href="\(link(card))" type="text/vcard">Ajouter à mes contacts</a> (fiche vCard)</p>
        </div>

        """
    }

    /// `<time>` with the ISO date for machines and the French one for people.
    public func date(_ date: ISODate) -> HTML {
        "<time datetime=\"\(date.description)\">\(date.french)</time>"
    }

    /// The links between the pages of a list, or nothing when it has one page.
    public func pagination(_ pagination: Pagination?) -> HTML {
        guard let pagination, pagination.pages.count > 1 else { return .empty }
        let current = pagination.current
        return """
            <nav class="pagination" aria-label="\(pagination.label)">
            <ul>
            \(if: current > 1, "<li><a href=\"\(link(pagination.pages[current - 2]))\" rel=\"prev\">Page précédente</a></li>")
            \(pagination.pages.enumerated().map { index, route in
                let number = index + 1
                return """
                    <li><a href="\(link(route))"\(if: number == current, " aria-current=\"page\"")>\
                    <span class="visuellement-cache">Page </span>\(number)</a></li>

                    """ as HTML
            })\
            \(if: current < pagination.pages.count, "<li><a href=\"\(link(pagination.pages[current]))\" rel=\"next\">Page suivante</a></li>")
            </ul>
            </nav>

            """
    }
}

/// The pages of one list (a right's fiches, a right's part of the guide, the contacts).
public struct Pagination: Sendable {
    /// Every page of the list, in order.
    public var pages: [Route]
    /// From 1.
    public var current: Int
    /// The copy at the bottom of a long page is a landmark of its own name.
    public var atBottom: Bool

    public init(pages: [Route], current: Int, atBottom: Bool = false) {
        self.pages = pages
        self.current = current
        self.atBottom = atBottom
    }

    var label: String { atBottom ? "Pages de la liste, en bas de page" : "Pages de la liste" }
}
