import FichesCore

/// The page of one fiche: its title, summary, details, body, contacts and links.
public struct FichePage: Sendable {
    public var frame: Frame
    public var fiche: Fiche
    /// The body, rendered for this page.
    public var body: HTML

    public init(frame: Frame, fiche: Fiche, body: HTML) {
        self.frame = frame
        self.fiche = fiche
        self.body = body
    }

    public var html: HTML {
        frame.page(
            """
            <article class="fiche">
            <h1>\(fiche.titre)</h1>
            \(if: fiche.statut == .brouillon, "<p class=\"brouillon\">Brouillon : cette fiche n'est pas publiée.</p>")
            <p class="chapeau">\(fiche.resume)</p>
            \(frame.details(fiche))<div class="corps">
            \(body)
            </div>
            <section id="coordonnees" class="coordonnees" aria-labelledby="titre-coordonnees">
            <h2 id="titre-coordonnees">Contacts</h2>
            \(fiche.contacts.enumerated().map { frame.contact($1, card: .vcard(slug: fiche.slug, number: $0 + 1)) })</section>
            \(if: !fiche.liens.isEmpty, """
                <section id="en-savoir-plus" aria-labelledby="titre-en-savoir-plus">
                <h2 id="titre-en-savoir-plus">En savoir plus</h2>
                <ul>
                \(fiche.liens.map { "<li><a href=\"\($0.url.absoluteString)\">\($0.titre)</a></li>\n" as HTML })</ul>
                </section>

                """)</article>

            """)
    }

    /// Ids this page gives its own elements: the body's headings never take them.
    public static let reservedIDs: Set<String> = [
        "contenu", "navigation", "coordonnees", "titre-coordonnees", "en-savoir-plus", "titre-en-savoir-plus",
    ]
}
