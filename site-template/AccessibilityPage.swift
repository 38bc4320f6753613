import FichesCore

/// `accessibilite/`: the accessibility statement.
public struct AccessibilityPage: Sendable {
    public var frame: Frame
    /// When the statement was drawn up and where to report a problem (`accessibilite` in `catalogue.yml`).
    public var statement: Catalogue.Accessibility?

    public init(frame: Frame, statement: Catalogue.Accessibility?) {
        self.frame = frame
        self.statement = statement
    }

    public var html: HTML {
        var frame = frame
        frame.description =
            "Déclaration d'accessibilité du répertoire des bonnes pratiques de cohésion sociale."
        return frame.page(
            """
            <h1>Accessibilité</h1>
            <p class="chapeau">L'éditeur de ce répertoire, \(frame.site.editeur), s'engage à rendre ce site accessible, conformément au décret du 2 mai 2019 relatif à l'accessibilité des sites internet et applications mobiles des organismes publics (directive européenne 2016/2102).</p>
            <h2>État de conformité</h2>
            <p>Ce site vise la conformité à la norme EN 301 549, c'est-à-dire aux critères de niveau AA des règles WCAG 2.1. Il est <strong>partiellement conforme</strong> : les tests automatiques et manuels décrits ci-dessous ne relèvent aucun défaut, mais aucun audit complet par un organisme indépendant, ni aucun test avec des utilisateurs de lecteurs d'écran, n'a encore eu lieu.</p>
            <h2>Ce qui est conforme</h2>
            <ul>
            <li>Des pages en HTML sémantique et valide, avec un lien d'évitement vers le contenu, des régions (en-tête, navigation, contenu, pied de page) et un fil d'Ariane.</li>
            <li>Un seul titre de niveau 1 par page et des intertitres hiérarchisés, y compris dans le guide complet.</li>
            <li>Tout le contenu est accessible sans JavaScript : les pages par droit listent toutes les fiches avec de simples liens.</li>
            <li>La recherche et les filtres s'utilisent entièrement au clavier, avec un focus visible ; le nombre de résultats est annoncé aux lecteurs d'écran ; l'état de la recherche est dans l'adresse de la page, qu'on peut garder ou partager.</li>
            <li>Les images des fiches ont toujours un texte alternatif : la construction du site les refuse sans lui.</li>
            <li>Des contrastes de couleurs de niveau AA, une mise en page qui s'adapte à un écran de 320 pixels et à un texte agrandi à 200 %, sans animation imposée (le réglage « réduire les animations » est respecté).</li>
            <li>Une version imprimable de chaque page, sans la navigation ni les filtres, avec l'adresse des liens.</li>
            </ul>
            <h2>Comment le site est testé</h2>
            <p>À chaque modification, des tests automatiques construisent le site et l'ouvrent dans le navigateur Chromium :</p>
            <ul>
            <li>l'outil axe-core (version 4.12) vérifie chaque type de page (accueil, droit, fiche, contacts, guide complet, cette page, page introuvable, accueil avec une recherche et des filtres) et ne doit relever aucune violation ;</li>
            <li>le validateur HTML du W3C (Nu HTML Checker) vérifie chaque page ;</li>
            <li>un parcours au clavier seul (recherche, filtres, résultats), l'affichage à 320, 375 et 1 280 pixels de large et la navigation sans JavaScript sont rejoués.</li>
            </ul>
            <h2>Signaler un problème</h2>
            <p>Si vous n'arrivez pas à accéder à un contenu ou à un service, écrivez-nous en décrivant la page et le problème rencontré : nous vous répondrons et vous fournirons l'information sous une autre forme. \
            \(statement.map { "Pour nous joindre : <a href=\"\($0.contact)\">\($0.contact.replacing(/^mailto:/, with: ""))</a>." as HTML } ?? frame.site.portail.map { "Le <a href=\"\($0)\">portail de la Cohésion sociale</a> indique comment nous joindre." as HTML } ?? .empty)</p>
            <h2>Recours</h2>
            <p>Si vous n'obtenez pas de réponse satisfaisante, vous pouvez vous adresser au Médiateur commun de la Fédération Wallonie-Bruxelles et de la Wallonie (<a href="https://www.le-mediateur.be">le-mediateur.be</a>).</p>
            \(statement.map { "<p>Cette déclaration a été établie le \(frame.date($0.date)).</p>\n" as HTML } ?? .empty)
            """)
    }
}
