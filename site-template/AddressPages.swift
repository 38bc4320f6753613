import FichesCore
import Foundation

/// A fiche's former address (`anciennes-adresses`): the page sends the
/// browser on at once, names the new address for the reader and for search
/// engines (its canonical link), and is not indexed itself.
public struct RedirectPage: Sendable {
    public var frame: Frame
    public var fiche: Fiche

    public init(frame: Frame, fiche: Fiche) {
        self.frame = frame
        self.fiche = fiche
    }

    public var html: HTML {
        var frame = frame
        let route = Route.fiche(slug: fiche.slug)
        let target = frame.link(route)
        frame.canonicalRoute = route
        frame.description = "La fiche « \(fiche.titre) » a changé d'adresse."
        // With JavaScript, the section the old link named too (`#contexte`); without, the page.
        frame.head = """
            <script>location.replace(\(HTML(trusted: String(decoding: JSONValue.string(target).encoded(.compact), as: UTF8.self))) + location.hash)</script>
            <meta http-equiv="refresh" content="0; url=\(target)">
            <meta name="robots" content="noindex">

            """
        return frame.page(
            """
            <h1>Cette fiche a changé d'adresse</h1>
            <p>La fiche « <a href="\(target)">\(fiche.titre)</a> » est maintenant à l'adresse \(frame.router.absolute(route)). \
            Votre navigateur devrait vous y mener ; sinon, suivez le lien, et mettez à jour vos favoris.</p>

            """)
    }
}

/// The address of a fiche taken out of the catalogue (`retirees` in
/// `catalogue.yml`): when and why, and where to look instead.
public struct RetiredPage: Sendable {
    public var frame: Frame
    public var retired: RetiredFiche
    /// The fiches to read instead, published.
    public var see: [Fiche]

    public init(frame: Frame, retired: RetiredFiche, see: [Fiche]) {
        self.frame = frame
        self.retired = retired
        self.see = see
    }

    public var html: HTML {
        var frame = frame
        frame.description = "La fiche « \(retired.titre) » a été retirée du répertoire."
        return frame.page(
            """
            <h1>Cette fiche a été retirée</h1>
            <p>La fiche « \(retired.titre) » a été retirée du répertoire le \(frame.date(retired.date)).</p>
            \(retired.raison, { "<p>\($0)</p>\n" })\
            \(see.isEmpty ? """
                <p>Cherchez une autre pratique <a href="\(frame.link(.home))">depuis l'accueil</a>, \
                par droit, province ou public, ou dans le <a href="\(frame.link(.guide))">guide complet</a>.</p>

                """ : """
                <h2>À lire à la place</h2>
                <ul class="cartes">
                \(see.map(frame.card))</ul>

                """ as HTML)
            """)
    }
}
