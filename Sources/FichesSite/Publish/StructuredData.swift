import FichesCore
import Foundation

/// The schema.org description of a fiche, in its page as JSON-LD: the practice
/// (an `Article` about its rights), the organisations to contact, the area.
enum StructuredData {
    static func jsonLD(_ fiche: Fiche, catalogue: Catalogue, url: String) -> String {
        var place: [[String: Any]] = []
        if let territoire = fiche.territoire {
            let province = territoire.province.flatMap(catalogue.province).map {
                ["@type": "AdministrativeArea", "name": $0.libelle]
            }
            place = territoire.communes.map { commune -> [String: Any] in
                var city: [String: Any] = ["@type": "City", "name": commune]
                if let province { city["containedInPlace"] = province }
                return city
            }
            if place.isEmpty, let province { place = [province] }
        }
        let organisations: [[String: Any]] = fiche.contacts.map { contact in
            var organisation: [String: Any] = ["@type": "Organization", "name": contact.organisation]
            if let site = contact.site { organisation["url"] = site.absoluteString }
            if let adresse = contact.adresse { organisation["address"] = adresse }
            var point: [String: Any] = ["@type": "ContactPoint", "availableLanguage": "fr"]
            if let nom = contact.nom { point["name"] = nom }
            if let fonction = contact.fonction { point["contactType"] = fonction }
            if let email = contact.email { point["email"] = email.address }
            if let telephone = contact.telephone { point["telephone"] = telephone.e164 }
            organisation["contactPoint"] = point
            return organisation
        }
        var document: [String: Any] = [
            "@context": "https://schema.org", "@type": "Article", "headline": fiche.titre,
            "description": fiche.resume, "url": url, "dateModified": fiche.miseAJour.description,
            "inLanguage": catalogue.site.langue,
            "about": fiche.droits.compactMap(catalogue.droit).map { ["@type": "Thing", "name": $0.libelle] },
            "publisher": ["@type": "GovernmentOrganization", "name": catalogue.site.editeur],
            "contributor": organisations,
        ]
        if !place.isEmpty { document["spatialCoverage"] = place }
        if !fiche.publics.isEmpty {
            document["audience"] = fiche.publics.map { ["@type": "Audience", "audienceType": $0] }
        }
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data("{}".utf8)
        // Inside <script>: no "<" at all, so no "</script>" nor "<!--" can end it early.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
    }
}
