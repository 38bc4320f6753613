import FichesCore

/// `404.html`: served for any address the site does not have.
public struct NotFoundPage: Sendable {
    public var frame: Frame

    public init(frame: Frame) {
        self.frame = frame
    }

    public var html: HTML {
        frame.page(
            """
            <h1>Page introuvable</h1>
            <p class="chapeau">Cette page n'existe pas ou plus. La fiche que vous cherchez a peut-être été renommée.</p>
            <ul>
            <li><a href="\(frame.link(.home))">Retour à l'accueil et aux fiches par droit</a></li>
            <li><a href="\(frame.link(.guide))">Le guide complet</a></li>
            <li><a href="\(frame.link(.contacts(page: 1)))">Les contacts</a></li>
            </ul>

            """)
    }
}
