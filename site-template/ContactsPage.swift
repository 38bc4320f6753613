import FichesCore

/// `contacts/`: every organisation to call, in French order, each contact with
/// the fiches it serves; past 200 fiches, a hundred organisations a page.
public struct ContactsPage: Sendable {
    public struct Organisation: Sendable {
        public var name: String
        /// Each contact once, with the fiches it serves.
        public var contacts: [(contact: Contact, fiches: [Fiche])]

        public init(name: String, contacts: [(contact: Contact, fiches: [Fiche])]) {
            self.name = name
            self.contacts = contacts
        }
    }

    public var frame: Frame
    public var organisations: [Organisation]
    public var pagination: Pagination?

    public init(frame: Frame, organisations: [Organisation], pagination: Pagination?) {
        self.frame = frame
        self.organisations = organisations
        self.pagination = pagination
    }

    /// The vCard of `contact`: that of the first fiche it is written in.
    private func card(_ contact: Contact, _ fiches: [Fiche]) -> Route {
        let fiche = fiches[0]
        return .vcard(slug: fiche.slug, number: (fiche.contacts.firstIndex(of: contact) ?? 0) + 1)
    }

    public var html: HTML {
        var frame = frame
        frame.description = "Les organisations à contacter pour chaque bonne pratique de cohésion sociale."
        var bottom = pagination
        bottom?.atBottom = true
        return frame.page(
            """
            <h1>\(frame.title ?? "")</h1>
            <p class="chapeau">Toutes les organisations à contacter, par ordre alphabétique, avec les fiches pour lesquelles les joindre.</p>
            \(frame.pagination(pagination))\(organisations.map { organisation in
                let id = "org-" + Slug.make(from: organisation.name)
                return """
                    <section class="organisation" id="\(id)" aria-labelledby="\(id)-titre">
                    <h2 id="\(id)-titre">\(organisation.name)</h2>
                    \(organisation.contacts.map { contact, fiches in
                        """
                        \(frame.contact(contact, card: card(contact, fiches), organisation: false))<p class="contact-fiches">Pour :</p>
                        <ul class="contact-fiches">
                        \(fiches.map { "<li><a href=\"\(frame.link(.fiche(slug: $0.slug)))\">\($0.titre)</a></li>\n" as HTML })</ul>

                        """ as HTML
                    })</section>

                    """ as HTML
            })\(frame.pagination(bottom))
            """)
    }
}
