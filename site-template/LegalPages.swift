import FichesCore

/// `vie-privee/`: the privacy notice, from `vie-privee` in `catalogue.yml`.
public struct PrivacyPage: Sendable {
    public var frame: Frame
    public var privacy: Catalogue.Privacy

    public init(frame: Frame, privacy: Catalogue.Privacy) {
        self.frame = frame
        self.privacy = privacy
    }

    public var html: HTML {
        var frame = frame
        frame.description =
            "Comment le répertoire des bonnes pratiques de cohésion sociale traite les données personnelles."
        let names: HTML = privacy.exportNoms ? "avec les noms des personnes" : "sans les noms des personnes"
        let emails: HTML =
            switch privacy.exportCourriels {
            case .toutes: "avec toutes les adresses électroniques"
            case .generiques:
                "avec les seules adresses électroniques qui ne nomment personne (accueil@…, pas prenom.nom@…)"
            case .aucune: "sans aucune adresse électronique"
            }
        return frame.page(
            """
            <h1>Vie privée</h1>
            <p class="chapeau">Ce répertoire publie les coordonnées des organisations qui mènent les pratiques, et parfois \
            d'une personne à contacter. Voici comment ces données sont traitées, conformément au règlement général sur la \
            protection des données (RGPD).</p>
            <h2>Responsable du traitement</h2>
            <p>\(privacy.responsable)</p>
            <h2>Finalité</h2>
            <p>\(privacy.finalite)</p>
            <h2>Base légale</h2>
            <p>\(privacy.baseLegale)</p>
            <h2>Durée de conservation</h2>
            <p>\(privacy.conservation)</p>
            <h2>Données ouvertes</h2>
            <p>Les fichiers de données ouvertes du répertoire (fiches.json et ses versions CSV) sont publiés \(names), \
            \(emails). Les pages des fiches les donnent, elles, pour qu'on puisse joindre la pratique.</p>
            <h2>Cookies et mesure d'audience</h2>
            <p>Les pages de ce répertoire ne déposent aucun cookie et ne contiennent aucun outil de mesure d'audience. \
            La recherche fonctionne dans votre navigateur : les mots cherchés ne sont envoyés à personne.</p>
            <h2>Vos droits</h2>
            <p>Vous pouvez demander l'accès aux données qui vous concernent, leur rectification ou leur effacement, ou vous \
            opposer à leur publication : <a href="\(privacy.contact)">\(privacy.contact.replacing(/^mailto:/, with: ""))</a>. \
            Si la réponse ne vous satisfait pas, vous pouvez introduire une réclamation auprès de l'Autorité de protection \
            des données (<a href="https://www.autoriteprotectiondonnees.be">autoriteprotectiondonnees.be</a>).</p>

            """)
    }
}

/// `mentions-legales/`: who publishes the catalogue, where its data comes
/// from and under which licences, and the paragraphs `catalogue.yml` adds.
public struct LegalNoticePage: Sendable {
    public var frame: Frame
    public var paragraphs: [String]

    public init(frame: Frame, paragraphs: [String]) {
        self.frame = frame
        self.paragraphs = paragraphs
    }

    public var html: HTML {
        var frame = frame
        frame.description = "Mentions légales du répertoire des bonnes pratiques de cohésion sociale."
        let site = frame.site
        return frame.page(
            """
            <h1>Mentions légales</h1>
            <h2>Éditeur</h2>
            <p>\(site.editeur)\(site.portail, { " (<a href=\"\($0)\">portail de la Cohésion sociale</a>)" }).</p>
            \(paragraphs.map { "<p>\($0)</p>\n" as HTML })\
            <h2>Contenu et données</h2>
            <p>Les fiches décrivent des pratiques menées par les organisations qu'elles citent, qui en sont la source. \
            Leurs données sont publiées en données ouvertes (<a href="\(frame.link(.fichesJSON))">fiches.json</a>, \
            <a href="\(frame.link(.fichesCSV))">fiches.csv</a>), décrites pour les portails de données dans \
            <a href="\(frame.link(.dcat))">dcat.jsonld</a>\
            \(site.licence, { ", sous licence <a href=\"\($0.url)\">\($0.titre)</a>" }).</p>
            <h2>Crédits</h2>
            <p>La liste des communes et le tracé des provinces : \(Frame.territoryCredit(small: false))</p>
            <h2>Vie privée et accessibilité</h2>
            <p>\(if: frame.privacy, "Voir la page <a href=\"\(frame.link(.privacy))\">Vie privée</a> et la ")\
            \(if: !frame.privacy, "Voir la ")<a href="\(frame.link(.accessibility))">déclaration d'accessibilité</a>.</p>

            """)
    }
}
